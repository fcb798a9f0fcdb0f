package dev.ocitrust.cose;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * An RFC 3161 time stamp token that {@link TimestampVerifier} has verified: it proves the stamped
 * bytes existed at {@link #genTime()} ± {@link #accuracy()}. Only the verifier creates these.
 *
 * <p>Immutable and thread-safe.
 *
 * <p>Security guarantees: the token's imprint matched the given bytes, its CMS signature verified
 * with the TSA certificate named by signingCertificateV2, and that certificate chains to one of the
 * verifier's trusted roots under the time-stamping certificate rules at genTime. A time stamp is
 * not an authentic signing time: it bounds the signing from above only.
 *
 * <pre>{@code
 * VerifiedTimestamp ts = verifier.verify(token, signatureBytes);
 * boolean ok = ts.earliest().isAfter(cert.getNotBefore().toInstant());
 * }</pre>
 */
public final class VerifiedTimestamp {
  private final Instant genTime;
  private final Duration accuracy;
  private final List<X509Certificate> tsaChain;

  VerifiedTimestamp(Instant genTime, Duration accuracy, List<X509Certificate> tsaChain) {
    this.genTime = genTime;
    this.accuracy = accuracy;
    this.tsaChain = List.copyOf(tsaChain);
  }

  /** The time the TSA stamped. */
  public Instant genTime() {
    return genTime;
  }

  /** The stated accuracy (zero when the token states none). */
  public Duration accuracy() {
    return accuracy;
  }

  /** {@code genTime - accuracy}. */
  public Instant earliest() {
    return genTime.minus(accuracy);
  }

  /** {@code genTime + accuracy}. */
  public Instant latest() {
    return genTime.plus(accuracy);
  }

  /** The TSA certificate chain, signer first, ending at the trusted root. */
  public List<X509Certificate> tsaChain() {
    return tsaChain;
  }
}
