package dev.ocitrust.cose;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Notary Project signature envelope (COSE or JWS, see {@link #format()}) whose integrity {@link
 * NotaryEnvelopeVerifier} has checked. Only the verifier creates these. The remaining verification
 * steps of the Notary workflow that need a clock or trust anchors are methods here: {@link
 * #checkNotExpired(Clock)}, {@link #checkChainValidAt(Instant)} and {@link
 * #verifyTimestamp(TimestampVerifier)}.
 *
 * <p>Immutable and thread-safe.
 *
 * <p>Security guarantees: see {@link NotaryEnvelopeVerifier}. The signing time of scheme
 * notary.x509 is asserted by the signer and not trusted; the signing agent and time stamp token are
 * unprotected.
 *
 * <pre>{@code
 * VerifiedNotaryEnvelope env = NotaryEnvelopeVerifier.builder().build().verify(bytes);
 * env.checkNotExpired(Clock.systemUTC());
 * VerifiedTimestamp ts = env.verifyTimestamp(TimestampVerifier.create(tsaRoots));
 * }</pre>
 */
public final class VerifiedNotaryEnvelope {
  private final NotaryEnvelopeFormat format;
  private final byte[] envelope;
  private final CoseAlgorithm algorithm;
  private final NotarySigningScheme scheme;
  private final Instant signingTime;
  private final Optional<Instant> expiry;
  private final List<X509Certificate> chain;
  private final TargetArtifact target;
  private final byte[] payload;
  private final byte[] signature;
  private final Optional<String> signingAgent;
  private final byte[] timestampToken;
  private final Map<String, byte[]> extended;
  private final List<String> critical;

  VerifiedNotaryEnvelope(
      NotaryEnvelopeFormat format,
      byte[] envelope,
      CoseAlgorithm algorithm,
      NotarySigningScheme scheme,
      Instant signingTime,
      Optional<Instant> expiry,
      List<X509Certificate> chain,
      TargetArtifact target,
      byte[] payload,
      byte[] signature,
      Optional<String> signingAgent,
      Optional<byte[]> timestampToken,
      Map<String, byte[]> extended,
      List<String> critical) {
    this.format = format;
    this.envelope = envelope.clone();
    this.algorithm = algorithm;
    this.scheme = scheme;
    this.signingTime = signingTime;
    this.expiry = expiry;
    this.chain = List.copyOf(chain);
    this.target = target;
    this.payload = payload.clone();
    this.signature = signature.clone();
    this.signingAgent = signingAgent;
    this.timestampToken = timestampToken.orElse(new byte[0]).clone();
    this.extended = new LinkedHashMap<>(extended);
    this.critical = List.copyOf(critical);
  }

  /** The envelope format: COSE or JWS. */
  public NotaryEnvelopeFormat format() {
    return format;
  }

  /** The envelope bytes as verified (a copy). */
  public byte[] envelope() {
    return envelope.clone();
  }

  /**
   * The signature algorithm (derived from the leaf key); its {@link CoseAlgorithm#name()} is also
   * the JWS {@code alg} (PS256 … ES512).
   */
  public CoseAlgorithm algorithm() {
    return algorithm;
  }

  /** The signing scheme. */
  public NotarySigningScheme signingScheme() {
    return scheme;
  }

  /**
   * The signing time: signer-asserted for notary.x509, authentic for notary.x509.signingAuthority.
   */
  public Instant signingTime() {
    return signingTime;
  }

  /** The expiry, if the signer set one. */
  public Optional<Instant> expiry() {
    return expiry;
  }

  /** The x5chain, leaf first. */
  public List<X509Certificate> certificateChain() {
    return chain;
  }

  /** The signed target descriptor. */
  public TargetArtifact targetArtifact() {
    return target;
  }

  /** The signed payload bytes (a copy). */
  public byte[] payload() {
    return payload.clone();
  }

  /**
   * The raw signature bytes (a copy): COSE's {@code signature}, or JWS's decoded {@code signature}
   * member ({@code r||s} for ECDSA in both); what a time stamp countersigns.
   */
  public byte[] signature() {
    return signature.clone();
  }

  /** The unsigned signing agent, if any. */
  public Optional<String> signingAgent() {
    return signingAgent;
  }

  /** The unsigned RFC 3161 countersignature token, if any (a copy). */
  public Optional<byte[]> timestampToken() {
    return timestampToken.length == 0 ? Optional.empty() : Optional.of(timestampToken.clone());
  }

  /**
   * Signed extended attributes: name → the value encoded in the envelope's format (copies):
   * deterministic CBOR for COSE, JSON text for JWS.
   */
  public Map<String, byte[]> extendedAttributes() {
    Map<String, byte[]> out = new LinkedHashMap<>();
    extended.forEach((k, v) -> out.put(k, v.clone()));
    return out;
  }

  /** The labels listed in crit, in order. */
  public List<String> criticalHeaders() {
    return critical;
  }

  /**
   * Fails if the signature has expired ({@code now >= expiry}).
   *
   * @throws CoseException if expired
   */
  public void checkNotExpired(Clock clock) throws CoseException {
    Instant now = clock.instant();
    if (expiry.isPresent() && !now.isBefore(expiry.get())) {
      throw new CoseException("signature expired on " + expiry.get() + " (now " + now + ")");
    }
  }

  /**
   * Fails unless every x5chain certificate is within its validity period at {@code at} (for scheme
   * notary.x509 without a time stamp, call it with the current time; for signingAuthority, with
   * {@link #signingTime()}).
   *
   * @throws CertificateChainException if a certificate is not valid then
   */
  public void checkChainValidAt(Instant at) throws CertificateChainException {
    for (X509Certificate c : chain) {
      NotaryCertificates.checkValidAt(c, at, "is not valid at ");
    }
  }

  /**
   * Verifies the time stamp countersignature over {@link #signature()} and that every x5chain
   * certificate is valid over the whole interval {@code [genTime - accuracy, genTime + accuracy]}.
   *
   * @throws TimestampException if there is no token, it does not verify, or the chain was not valid
   *     at the stamped time
   */
  public VerifiedTimestamp verifyTimestamp(TimestampVerifier verifier) throws TimestampException {
    if (timestampToken.length == 0) {
      throw new TimestampException(
          "no timestamp countersignature was found in the signature" + " envelope");
    }
    VerifiedTimestamp ts = verifier.verify(timestampToken, signature);
    NotaryCertificates.checkTimestampWithinValidity(chain, ts);
    return ts;
  }
}
