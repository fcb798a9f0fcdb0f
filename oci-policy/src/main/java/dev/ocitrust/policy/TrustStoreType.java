package dev.ocitrust.policy;

import dev.ocitrust.cose.NotarySigningScheme;
import java.util.Optional;

/**
 * The three kinds of Notary Project trust store, each a directory under {@code truststore/x509/}.
 *
 * <ul>
 *   <li>{@link #CA}: roots (or self-signed signing certificates) for signatures under the {@code
 *       notary.x509} signing scheme;
 *   <li>{@link #SIGNING_AUTHORITY}: the same, for the {@code notary.x509.signingAuthority} scheme;
 *   <li>{@link #TSA}: self-signed root CAs of RFC 3161 time-stamping authorities.
 * </ul>
 *
 * <pre>{@code
 * TrustStoreType type = TrustStoreType.fromValue("signingAuthority").orElseThrow();
 * }</pre>
 */
public enum TrustStoreType {
  /** {@code ca}: CA roots or self-signed signing certificates, for {@code notary.x509}. */
  CA("ca"),
  /** {@code signingAuthority}: roots for the {@code notary.x509.signingAuthority} scheme. */
  SIGNING_AUTHORITY("signingAuthority"),
  /** {@code tsa}: self-signed, self-issued root CAs of time-stamping authorities. */
  TSA("tsa");

  private final String value;

  TrustStoreType(String value) {
    this.value = value;
  }

  /** The name used in policies and as the directory name, e.g. {@code signingAuthority}. */
  public String value() {
    return value;
  }

  /** The type whose {@link #value()} is exactly {@code value} (case-sensitive), if any. */
  public static Optional<TrustStoreType> fromValue(String value) {
    for (TrustStoreType t : values()) {
      if (t.value.equals(value)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /**
   * The store type that anchors signatures of a Notary Project signing scheme (the value of {@code
   * io.cncf.notary.signingScheme}, e.g. oci-cose's {@code NotarySigningScheme.value()}): {@code
   * notary.x509} uses {@link #CA} stores, {@code notary.x509.signingAuthority} uses {@link
   * #SIGNING_AUTHORITY} stores; any other scheme has none.
   */
  public static Optional<TrustStoreType> forSigningScheme(String signingScheme) {
    return NotarySigningScheme.fromValue(signingScheme).map(s -> forSigningScheme(s));
  }

  /**
   * The store type that anchors signatures of {@code scheme}: {@link #CA} for {@code notary.x509},
   * {@link #SIGNING_AUTHORITY} for {@code notary.x509.signingAuthority}.
   */
  public static TrustStoreType forSigningScheme(NotarySigningScheme scheme) {
    return switch (scheme) {
      case X509 -> CA;
      case X509_SIGNING_AUTHORITY -> SIGNING_AUTHORITY;
    };
  }

  @Override
  public String toString() {
    return value;
  }
}
