package dev.ocitrust.policy;

import java.util.Objects;

/**
 * What one check of the Notary Project verification workflow found for one signature: the check,
 * the action the trust policy assigns to it, whether it passed, and why.
 *
 * <p>A {@link Status#FAILED} outcome with action {@link CheckAction#LOG} is recorded and does not
 * reject the signature; with {@link CheckAction#ENFORCE} it does. A {@link Status#SKIPPED} outcome
 * means the check was not run at all (its action is {@code skip}); nothing was verified.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * for (CheckOutcome o : report.checks()) {
 *   System.out.println(o.check() + " " + o.action() + " " + o.status() + ": " + o.reason());
 * }
 * }</pre>
 *
 * @param check the check
 * @param action the action the policy assigns to the check
 * @param status passed, failed or skipped
 * @param reason what was verified, or why it failed, or why it was not run
 */
public record CheckOutcome(
    VerificationCheck check, CheckAction action, Status status, String reason) {

  /** The result of a check. */
  public enum Status {
    /** The check ran and passed. */
    PASSED,
    /** The check ran and failed; see the action to know whether that rejected the signature. */
    FAILED,
    /** The check did not run (its action is {@code skip}). */
    SKIPPED
  }

  /** Validates the parts. */
  public CheckOutcome {
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reason, "reason");
  }

  /** Whether this outcome rejects the signature: a failure of an enforced check. */
  public boolean rejects() {
    return status == Status.FAILED && action == CheckAction.ENFORCE;
  }

  @Override
  public String toString() {
    return check + " [" + action + "] " + status + ": " + reason;
  }
}
