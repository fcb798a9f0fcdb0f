package dev.ocitrust.cose;

/**
 * A COSE_Sign1 message whose signature has been verified. Only {@link UnverifiedSign1#verify} can
 * create one, so holding a {@code VerifiedSign1} proves the check ran.
 *
 * <p>Immutable and thread-safe.
 *
 * <p>Security guarantees: the payload and the protected header were signed by the private key
 * matching the key given to {@code verify}, with {@link #algorithm()}, and every critical header
 * was declared understood by the caller. The unprotected header is <em>not</em> authenticated.
 * Nothing is said about whether the key is trusted: that is the caller's (or a policy's) decision.
 *
 * <pre>{@code
 * VerifiedSign1 v = UnverifiedSign1.parse(bytes).verify(key);
 * String cty = v.protectedHeaders().text(HeaderLabel.CONTENT_TYPE).orElse("");
 * byte[] content = v.payload();
 * }</pre>
 */
public final class VerifiedSign1 {
  private final CoseAlgorithm algorithm;
  private final CoseHeaders protectedHeaders;
  private final CoseHeaders unprotectedHeaders;
  private final byte[] payload;
  private final boolean detached;

  VerifiedSign1(
      CoseAlgorithm algorithm,
      CoseHeaders protectedHeaders,
      CoseHeaders unprotectedHeaders,
      byte[] payload,
      boolean detached) {
    this.algorithm = algorithm;
    this.protectedHeaders = protectedHeaders;
    this.unprotectedHeaders = unprotectedHeaders;
    this.payload = payload.clone();
    this.detached = detached;
  }

  /** The algorithm the signature was verified with. */
  public CoseAlgorithm algorithm() {
    return algorithm;
  }

  /** The protected (signed) header. */
  public CoseHeaders protectedHeaders() {
    return protectedHeaders;
  }

  /** The unprotected header (not covered by the signature). */
  public CoseHeaders unprotectedHeaders() {
    return unprotectedHeaders;
  }

  /** The verified payload (a copy); for a detached message, the payload the caller supplied. */
  public byte[] payload() {
    return payload.clone();
  }

  /** Whether the message carried its payload detached. */
  public boolean isDetached() {
    return detached;
  }
}
