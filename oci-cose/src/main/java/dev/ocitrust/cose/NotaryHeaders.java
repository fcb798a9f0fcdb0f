package dev.ocitrust.cose;

import java.util.Set;

/**
 * The header labels and media types of the Notary Project COSE envelope
 * (notaryproject/specifications {@code specs/signature-envelope-cose.md}).
 *
 * <p>Thread-safe: constants only.
 *
 * <pre>{@code
 * Instant t = verified.protectedHeaders().time(NotaryHeaders.SIGNING_TIME).orElseThrow();
 * }</pre>
 */
public final class NotaryHeaders {
  /** Layer media type of a COSE envelope in a signature manifest. */
  public static final String ENVELOPE_MEDIA_TYPE = "application/cose";

  /** {@code io.cncf.notary.signingScheme} (protected, critical, text). */
  public static final HeaderLabel SIGNING_SCHEME = HeaderLabel.of("io.cncf.notary.signingScheme");

  /** {@code io.cncf.notary.signingTime} (protected, tag-1 time, scheme notary.x509). */
  public static final HeaderLabel SIGNING_TIME = HeaderLabel.of("io.cncf.notary.signingTime");

  /** {@code io.cncf.notary.authenticSigningTime} (protected, critical, signingAuthority). */
  public static final HeaderLabel AUTHENTIC_SIGNING_TIME =
      HeaderLabel.of("io.cncf.notary.authenticSigningTime");

  /** {@code io.cncf.notary.expiry} (protected, critical, tag-1 time). */
  public static final HeaderLabel EXPIRY = HeaderLabel.of("io.cncf.notary.expiry");

  /** {@code io.cncf.notary.signingAgent} (unprotected, text). */
  public static final HeaderLabel SIGNING_AGENT = HeaderLabel.of("io.cncf.notary.signingAgent");

  /** {@code io.cncf.notary.timestampSignature} (unprotected, RFC 3161 token bytes). */
  public static final HeaderLabel TIMESTAMP_SIGNATURE =
      HeaderLabel.of("io.cncf.notary.timestampSignature");

  static final Set<HeaderLabel> RESERVED_PROTECTED =
      Set.of(
          HeaderLabel.ALG,
          HeaderLabel.CRIT,
          HeaderLabel.CONTENT_TYPE,
          SIGNING_SCHEME,
          SIGNING_TIME,
          AUTHENTIC_SIGNING_TIME,
          EXPIRY,
          HeaderLabel.X5CHAIN);

  private NotaryHeaders() {}
}
