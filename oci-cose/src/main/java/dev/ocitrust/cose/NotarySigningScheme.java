package dev.ocitrust.cose;

import java.util.Optional;

/**
 * The Notary Project signing schemes ({@code io.cncf.notary.signingScheme}).
 *
 * <p>Thread-safe: an enum.
 *
 * <pre>{@code
 * NotarySigningScheme s = NotarySigningScheme.X509; // "notary.x509"
 * }</pre>
 */
public enum NotarySigningScheme {
  /** {@code notary.x509}: untrusted signing time, optional RFC 3161 time stamp. */
  X509("notary.x509"),
  /** {@code notary.x509.signingAuthority}: an authentic signing time from a signing authority. */
  X509_SIGNING_AUTHORITY("notary.x509.signingAuthority");

  private final String value;

  NotarySigningScheme(String value) {
    this.value = value;
  }

  /** The header value. */
  public String value() {
    return value;
  }

  /** The scheme with header value {@code value}. */
  public static Optional<NotarySigningScheme> fromValue(String value) {
    for (NotarySigningScheme s : values()) {
      if (s.value.equals(value)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
