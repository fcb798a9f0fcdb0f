package dev.ocitrust.policy;

import java.util.Optional;

/**
 * What the verifier does with one {@link VerificationCheck}: enforce it (a failure aborts that
 * signature), log it (a failure is reported and verification goes on), or skip it (not run).
 *
 * <pre>{@code
 * CheckAction a = CheckAction.fromValue("log").orElseThrow();
 * }</pre>
 */
public enum CheckAction {
  /** A failure is fatal for the signature. */
  ENFORCE("enforce"),
  /** A failure is recorded in the result; verification continues. */
  LOG("log"),
  /** The check is not performed. */
  SKIP("skip");

  private final String value;

  CheckAction(String value) {
    this.value = value;
  }

  /** The name used in policy documents, e.g. {@code enforce}. */
  public String value() {
    return value;
  }

  /** The action named exactly {@code value} (case-sensitive), if any. */
  public static Optional<CheckAction> fromValue(String value) {
    for (CheckAction a : values()) {
      if (a.value.equals(value)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return value;
  }
}
