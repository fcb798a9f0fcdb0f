package dev.ocitrust.cose;

import dev.ocitrust.cose.internal.SigStructure;
import dev.ocitrust.cose.internal.TimestampClient;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Creates Notary Project COSE signature envelopes: a COSE_Sign1_Tagged whose payload is {@code
 * {"targetArtifact": <descriptor>}} with protected {@code alg} (from the leaf key), {@code crit},
 * {@code cty}, signing scheme, signing time (or authentic signing time), optional expiry and
 * extended attributes, and unprotected {@code x5chain} (leaf first), signing agent and, with a
 * {@link TimestampAuthority}, an RFC 3161 countersignature over the signature bytes, verified
 * against the caller's TSA roots before it is embedded.
 *
 * <p>Immutable and thread-safe (if the injected clock, random and time stamp authority are).
 *
 * <p>The key is an {@link ExternalSigner}: an in-memory or PKCS #11 key ({@link PrivateKeySigner})
 * or a key held elsewhere (a notation plugin); it signs the {@code Sig_structure} bytes and returns
 * the signature with the certificate chain.
 *
 * <p>Security guarantees: nothing the signer returns is trusted. The algorithm must be the one the
 * returned leaf certificate's key implies, the chain must meet the Notary Project code-signing
 * rules at the signing time and the signature must verify with the leaf key, before a time stamp is
 * requested; the produced envelope is verified again before it is returned, so a key that does not
 * match the leaf certificate is caught here and not by the first verifier.
 *
 * <pre>{@code
 * NotaryEnvelopeSigner signer = NotaryEnvelopeSigner.builder(privateKey, chain)
 *     .expiry(Duration.ofDays(365))
 *     .signingAgent("ocitrust/0.1")
 *     .build();
 * byte[] envelope = signer.sign(TargetArtifact.of(mediaType, digest, size));
 * }</pre>
 */
public final class NotaryEnvelopeSigner {
  private final ExternalSigner signer;
  private final NotarySigningScheme scheme;
  private final Clock clock;
  private final @Nullable Duration expiry;
  private final Map<String, String> attributes;
  private final List<String> criticalAttributes;
  private final @Nullable String signingAgent;
  private final @Nullable TimestampAuthority tsa;
  private final @Nullable TimestampVerifier tsaVerifier;
  private final SecureRandom random;

  private NotaryEnvelopeSigner(Builder b) {
    this.signer = b.signer;
    this.scheme = b.scheme;
    this.clock = b.clock;
    this.expiry = b.expiry;
    this.attributes = Map.copyOf(b.attributes);
    this.criticalAttributes = List.copyOf(b.critical);
    this.signingAgent = b.signingAgent;
    this.tsa = b.tsa;
    this.tsaVerifier = b.tsaVerifier;
    this.random = b.random == null ? new SecureRandom() : b.random;
  }

  /**
   * A builder for a signer with an in-memory {@code key} and its certificate chain, leaf first (the
   * same as {@code builder(PrivateKeySigner.of(key, chain))}).
   *
   * @throws IllegalArgumentException if the chain is empty or the leaf key is unsupported
   */
  public static Builder builder(PrivateKey key, List<X509Certificate> chain) {
    return new Builder(PrivateKeySigner.of(key, chain));
  }

  /**
   * A builder for a signer whose key stays with its holder (a PKCS #11 token, a notation plugin):
   * the holder signs the COSE {@code Sig_structure} bytes and names the certificate chain.
   */
  public static Builder builder(ExternalSigner signer) {
    return new Builder(signer);
  }

  /**
   * The algorithm the key signs with, as its holder says ({@link ExternalSigner#algorithm()}; a
   * plugin is asked each time).
   *
   * @throws CoseException if the holder cannot say
   */
  public CoseAlgorithm algorithm() throws CoseException {
    return signer.algorithm();
  }

  /**
   * Signs {@code target} and returns the encoded envelope.
   *
   * @throws CertificateChainException if the chain is not valid at the signing time
   * @throws TimestampException if a time stamp was requested and could not be obtained
   * @throws CoseException if signing fails
   */
  public byte[] sign(TargetArtifact target) throws CoseException {
    Instant now = Instant.ofEpochSecond(clock.instant().getEpochSecond());
    CoseAlgorithm algorithm = signer.algorithm();
    List<HeaderLabel> crit = new ArrayList<>();
    crit.add(NotaryHeaders.SIGNING_SCHEME);
    CoseHeaders.Builder prot =
        CoseHeaders.builder()
            .algorithm(algorithm)
            .put(HeaderLabel.CONTENT_TYPE, TargetArtifact.PAYLOAD_MEDIA_TYPE)
            .put(NotaryHeaders.SIGNING_SCHEME, scheme.value());
    if (scheme == NotarySigningScheme.X509) {
      prot.putTime(NotaryHeaders.SIGNING_TIME, now);
    } else {
      prot.putTime(NotaryHeaders.AUTHENTIC_SIGNING_TIME, now);
      crit.add(NotaryHeaders.AUTHENTIC_SIGNING_TIME);
    }
    if (expiry != null) {
      prot.putTime(NotaryHeaders.EXPIRY, now.plus(expiry));
      crit.add(NotaryHeaders.EXPIRY);
    }
    attributes.forEach((k, v) -> prot.put(HeaderLabel.of(k), v));
    criticalAttributes.forEach(k -> crit.add(HeaderLabel.of(k)));
    prot.putLabels(HeaderLabel.CRIT, crit);
    byte[] protectedBytes = Sign1Signer.protectedBytes(prot.build());
    byte[] payload = target.payloadJson();
    byte[] toBeSigned = SigStructure.sign1(protectedBytes, new byte[0], payload);
    ExternalSignature signed = signer.sign(algorithm, toBeSigned);
    List<X509Certificate> chain = signed.certificateChain();
    byte[] signature = signed.signature();
    signed.check(algorithm, toBeSigned, now);
    List<byte[]> x5chain = new ArrayList<>();
    for (X509Certificate c : chain) {
      try {
        x5chain.add(c.getEncoded());
      } catch (CertificateEncodingException e) {
        throw new CertificateChainException(
            "cannot encode certificate " + c.getSubjectX500Principal(), e);
      }
    }
    CoseHeaders.Builder unprot = CoseHeaders.builder().putBytesList(HeaderLabel.X5CHAIN, x5chain);
    if (signingAgent != null) {
      unprot.put(NotaryHeaders.SIGNING_AGENT, signingAgent);
    }
    if (tsa != null && tsaVerifier != null) {
      byte[] token = TimestampClient.request(tsa, signature, algorithm.hashName(), random);
      VerifiedTimestamp ts = tsaVerifier.verify(token, signature);
      NotaryCertificates.checkTimestampWithinValidity(chain, ts);
      unprot.put(NotaryHeaders.TIMESTAMP_SIGNATURE, token);
    }
    byte[] envelope = Sign1Signer.encode(protectedBytes, unprot.build(), payload, signature, true);
    UnverifiedSign1.parse(envelope)
        .verify(
            chain.get(0).getPublicKey(),
            Sign1VerifyOptions.builder().understoodCriticalLabels(crit).build());
    return envelope;
  }

  @Override
  public String toString() {
    return "NotaryEnvelopeSigner{" + signer + ", " + scheme.value() + "}";
  }

  /** Builds a {@link NotaryEnvelopeSigner}. Not thread-safe. */
  public static final class Builder {
    private final ExternalSigner signer;
    private NotarySigningScheme scheme = NotarySigningScheme.X509;
    private Clock clock = Clock.systemUTC();
    private @Nullable Duration expiry;
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private final List<String> critical = new ArrayList<>();
    private @Nullable String signingAgent;
    private @Nullable TimestampAuthority tsa;
    private @Nullable TimestampVerifier tsaVerifier;
    private @Nullable SecureRandom random;

    private Builder(ExternalSigner signer) {
      this.signer = java.util.Objects.requireNonNull(signer, "signer");
    }

    /** The signing scheme (default {@link NotarySigningScheme#X509}). */
    public Builder signingScheme(NotarySigningScheme scheme) {
      this.scheme = scheme;
      return this;
    }

    /** The clock that gives the signing time (default UTC system clock). */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** How long after the signing time the signature expires (default: never). */
    public Builder expiry(Duration expiry) {
      if (expiry.isNegative() || expiry.toSeconds() < 1) {
        throw new IllegalArgumentException("expiry must be at least one second, was " + expiry);
      }
      this.expiry = expiry;
      return this;
    }

    /**
     * Adds a signed extended attribute. A critical one must be understood by every verifier.
     *
     * @throws IllegalArgumentException if the name is empty, reserved or already added
     */
    public Builder extendedAttribute(String name, String value, boolean isCritical) {
      HeaderLabel label = HeaderLabel.of(name);
      if (NotaryHeaders.RESERVED_PROTECTED.contains(label) || attributes.containsKey(name)) {
        throw new IllegalArgumentException(
            "extended attribute " + label + " is reserved or repeated");
      }
      attributes.put(name, value);
      if (isCritical) {
        critical.add(name);
      }
      return this;
    }

    /** The unsigned signing-agent string, e.g. {@code ocitrust/0.1.0}. */
    public Builder signingAgent(String agent) {
      this.signingAgent = agent;
      return this;
    }

    /**
     * Requests an RFC 3161 countersignature over the signature bytes from {@code tsa} (scheme
     * notary.x509 only) and checks the returned token with {@code verifier} (the TSA roots the
     * caller trusts) before it goes into the envelope; any failure fails signing.
     */
    public Builder timestampAuthority(TimestampAuthority tsa, TimestampVerifier verifier) {
      this.tsa = tsa;
      this.tsaVerifier = verifier;
      return this;
    }

    /** Randomness for RSA-PSS salts and time stamp nonces (default a new SecureRandom). */
    public Builder random(SecureRandom random) {
      this.random = random;
      return this;
    }

    /**
     * The signer.
     *
     * @throws IllegalArgumentException if time stamping is asked for under the signingAuthority
     *     scheme
     */
    public NotaryEnvelopeSigner build() {
      if (tsa != null && scheme != NotarySigningScheme.X509) {
        throw new IllegalArgumentException("time stamping applies to notary.x509 only");
      }
      return new NotaryEnvelopeSigner(this);
    }
  }
}
