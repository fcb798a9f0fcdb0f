package dev.ocitrust.policy;

import java.util.Optional;

/**
 * The preset verification levels of the Notary Project trust policy and the action each gives to
 * every {@link VerificationCheck}:
 *
 * <pre>
 * level       integrity authenticity authenticTimestamp expiry  revocation
 * strict      enforce   enforce      enforce            enforce enforce
 * permissive  enforce   enforce      log                log     log
 * audit       enforce   log          log                log     log
 * skip        skip      skip         skip               skip    skip
 * </pre>
 *
 * <pre>{@code
 * CheckAction a = VerificationLevel.PERMISSIVE.defaultAction(VerificationCheck.EXPIRY); // LOG
 * }</pre>
 */
public enum VerificationLevel {
  /** Every check is enforced. */
  STRICT("strict"),
  /** Integrity and authenticity are enforced; the rest is logged. */
  PERMISSIVE("permissive"),
  /** Only integrity is enforced; the rest is logged. */
  AUDIT("audit"),
  /** No signature is fetched or verified. */
  SKIP("skip");

  private final String value;

  VerificationLevel(String value) {
    this.value = value;
  }

  /** The name used in policy documents, e.g. {@code permissive}. */
  public String value() {
    return value;
  }

  /** The level named exactly {@code value} (case-sensitive), if any. */
  public static Optional<VerificationLevel> fromValue(String value) {
    for (VerificationLevel l : values()) {
      if (l.value.equals(value)) {
        return Optional.of(l);
      }
    }
    return Optional.empty();
  }

  /** The action this level gives {@code check} before any override. */
  public CheckAction defaultAction(VerificationCheck check) {
    switch (this) {
      case STRICT:
        return CheckAction.ENFORCE;
      case PERMISSIVE:
        return check == VerificationCheck.INTEGRITY || check == VerificationCheck.AUTHENTICITY
            ? CheckAction.ENFORCE
            : CheckAction.LOG;
      case AUDIT:
        return check == VerificationCheck.INTEGRITY ? CheckAction.ENFORCE : CheckAction.LOG;
      case SKIP:
      default:
        return CheckAction.SKIP;
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
