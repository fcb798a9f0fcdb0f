package dev.ocitrust.policy;

import java.util.Optional;

/**
 * The five validations of Notary Project signature verification, in the order the specification
 * lists them. A {@link VerificationActions} value says, for each, whether a failure aborts, is
 * logged, or the check is not run.
 *
 * <pre>{@code
 * VerificationCheck c = VerificationCheck.fromValue("authenticTimestamp").orElseThrow();
 * }</pre>
 */
public enum VerificationCheck {
  /** The signature is intact and the envelope well formed. Never overridable. */
  INTEGRITY("integrity"),
  /** The chain leads to a trusted root and the signer is a trusted identity. */
  AUTHENTICITY("authenticity"),
  /** The signing time is proven (time stamp, authentic signing time) or the chain is valid now. */
  AUTHENTIC_TIMESTAMP("authenticTimestamp"),
  /** The signature's own expiry time, if it has one, has not passed. */
  EXPIRY("expiry"),
  /** No certificate of the chain is revoked. */
  REVOCATION("revocation");

  private final String value;

  VerificationCheck(String value) {
    this.value = value;
  }

  /** The name used as an {@code override} key in policy documents, e.g. {@code expiry}. */
  public String value() {
    return value;
  }

  /** The check named exactly {@code value} (case-sensitive), if any. */
  public static Optional<VerificationCheck> fromValue(String value) {
    for (VerificationCheck c : values()) {
      if (c.value.equals(value)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return value;
  }
}
