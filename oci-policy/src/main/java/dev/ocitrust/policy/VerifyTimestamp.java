package dev.ocitrust.policy;

import java.util.Optional;

/**
 * When an RFC 3161 time-stamp countersignature is verified for a {@code notary.x509} signature (the
 * policy's {@code signatureVerification.verifyTimestamp}). Absent means {@link #ALWAYS}.
 *
 * <pre>{@code
 * VerifyTimestamp v = VerifyTimestamp.fromValue("afterCertExpiry").orElseThrow();
 * }</pre>
 */
public enum VerifyTimestamp {
  /** Verify the time stamp whenever the policy names a {@code tsa} store (the default). */
  ALWAYS("always"),
  /** Verify it only when some certificate of the signing chain has expired. */
  AFTER_CERT_EXPIRY("afterCertExpiry");

  private final String value;

  VerifyTimestamp(String value) {
    this.value = value;
  }

  /** The name used in policy documents. */
  public String value() {
    return value;
  }

  /** The value named exactly {@code value} (case-sensitive), if any. */
  public static Optional<VerifyTimestamp> fromValue(String value) {
    for (VerifyTimestamp v : values()) {
      if (v.value.equals(value)) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return value;
  }
}
