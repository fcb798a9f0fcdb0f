package dev.ocitrust.cose;

import dev.ocitrust.cose.internal.TimestampClient;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Creates SCITT signed statements (RFC 9943): a COSE_Sign1_Tagged with protected {@code alg} (1),
 * content type (3), either {@code x5chain} (33, leaf first) or {@code kid} (4), and CWT claims (15)
 * with {@code iss}, {@code sub} and {@code iat}. The payload may be attached or detached.
 *
 * <p>Immutable and thread-safe (if the injected clock and random are).
 *
 * <pre>{@code
 * byte[] statement = ScittStatementSigner.builder(key)
 *     .certificateChain(chain)
 *     .issuer("https://wabbit-networks.example")
 *     .subject(ScittSubjects.ociPackageUrl("net-monitor", digest))
 *     .contentType("application/spdx+json")
 *     .build()
 *     .sign(sbom);
 * }</pre>
 */
public final class ScittStatementSigner {
  /** The media type of a signed statement. */
  public static final String MEDIA_TYPE = "application/scitt-statement+cose";

  private final PrivateKey key;
  private final CoseHeaders baseProtected;
  private final String issuer;
  private final String subject;
  private final Clock clock;
  private final boolean detached;
  private final @Nullable SecureRandom random;
  private final @Nullable TimestampAuthority tsa;
  private final @Nullable TimestampVerifier tsaVerifier;
  private final List<X509Certificate> chain;

  private ScittStatementSigner(Builder b, CoseHeaders baseProtected) {
    this.key = b.key;
    this.baseProtected = baseProtected;
    this.issuer = b.issuer;
    this.subject = b.subject;
    this.clock = b.clock;
    this.detached = b.detached;
    this.random = b.random;
    this.tsa = b.tsa;
    this.tsaVerifier = b.tsaVerifier;
    this.chain = b.chain;
  }

  /** A builder for statements signed with {@code key}. */
  public static Builder builder(PrivateKey key) {
    return new Builder(key);
  }

  /**
   * Signs {@code payload}; {@code iat} is the clock's current second. With a time stamping
   * authority, the statement carries its RFC 3161 token over the signature in the unprotected
   * header ({@link HeaderLabel#TIMESTAMP_AFTER_SIGNATURE}).
   *
   * @throws CoseSignatureException if the key cannot sign
   * @throws TimestampException if time stamping fails, the token does not verify, or the chain was
   *     not valid at the stamped time
   */
  public byte[] sign(byte[] payload) throws CoseException {
    CwtClaims claims = new CwtClaims(issuer, subject, Optional.of(clock.instant()));
    CoseHeaders prot =
        baseProtected.toBuilder().putRaw(HeaderLabel.CWT_CLAIMS, claims.toCbor()).build();
    Sign1Signer.Builder b = Sign1Signer.builder(key).protectedHeaders(prot).detached(detached);
    if (random != null) {
      b.random(random);
    }
    Sign1Signer signer = b.build();
    byte[] signature = signer.signatureOver(payload);
    if (tsa == null || tsaVerifier == null) {
      return signer.encode(payload, signature);
    }
    SecureRandom nonces = random != null ? random : new SecureRandom();
    byte[] token = TimestampClient.request(tsa, signature, signer.algorithm().hashName(), nonces);
    VerifiedTimestamp ts = tsaVerifier.verify(token, signature);
    NotaryCertificates.checkTimestampWithinValidity(chain, ts);
    return signer.encode(
        payload,
        signature,
        CoseHeaders.builder().put(HeaderLabel.TIMESTAMP_AFTER_SIGNATURE, token).build());
  }

  @Override
  public String toString() {
    return "ScittStatementSigner[iss=" + issuer + ", sub=" + subject + "]";
  }

  /** Builds a {@link ScittStatementSigner}. Not thread-safe. */
  public static final class Builder {
    private final PrivateKey key;
    private List<X509Certificate> chain = List.of();
    private byte @Nullable [] kid;
    private String issuer = "";
    private String subject = "";
    private String contentType = "";
    private Clock clock = Clock.systemUTC();
    private boolean detached;
    private @Nullable SecureRandom random;
    private @Nullable TimestampAuthority tsa;
    private @Nullable TimestampVerifier tsaVerifier;

    private Builder(PrivateKey key) {
      this.key = key;
    }

    /** Identify the key by its X.509 chain, leaf first (x5chain in the protected header). */
    public Builder certificateChain(List<X509Certificate> chain) {
      this.chain = List.copyOf(chain);
      return this;
    }

    /** Identify the key by a key identifier (kid). */
    public Builder keyId(byte[] kid) {
      this.kid = kid.clone();
      return this;
    }

    /** The {@code iss} claim; a URI when an x5chain is used. */
    public Builder issuer(String issuer) {
      this.issuer = issuer;
      return this;
    }

    /** The {@code sub} claim, e.g. {@link ScittSubjects#ociPackageUrl}. */
    public Builder subject(String subject) {
      this.subject = subject;
      return this;
    }

    /** The payload's media type (label 3). */
    public Builder contentType(String contentType) {
      this.contentType = contentType;
      return this;
    }

    /** The clock for {@code iat} (default UTC system clock). */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** Leave the payload out of the statement. */
    public Builder detached(boolean detached) {
      this.detached = detached;
      return this;
    }

    /** Randomness for RSA-PSS salts and time stamp nonces. */
    public Builder random(SecureRandom random) {
      this.random = random;
      return this;
    }

    /**
     * Requests an RFC 3161 time stamp over the signature from {@code tsa} (x5chain statements only)
     * and checks the token with {@code verifier} (the TSA roots the caller trusts) before it goes
     * into the statement; any failure fails signing. A time stamp lets the statement be trusted
     * after its signing certificate expired.
     */
    public Builder timestampAuthority(TimestampAuthority tsa, TimestampVerifier verifier) {
      this.tsa = Objects.requireNonNull(tsa, "tsa");
      this.tsaVerifier = Objects.requireNonNull(verifier, "verifier");
      return this;
    }

    /**
     * The signer.
     *
     * @throws IllegalArgumentException if iss, sub or content type is missing, neither or both of
     *     x5chain and kid are given, or iss is not a URI while an x5chain is used
     */
    public ScittStatementSigner build() {
      if (issuer.isEmpty() || subject.isEmpty() || contentType.isEmpty()) {
        throw new IllegalArgumentException("issuer, subject and contentType are required");
      }
      if (chain.isEmpty() == (kid == null)) {
        throw new IllegalArgumentException("give exactly one of certificateChain and keyId");
      }
      if (tsa != null && chain.isEmpty()) {
        throw new IllegalArgumentException("time stamping needs a certificate chain");
      }
      CoseHeaders.Builder prot = CoseHeaders.builder().put(HeaderLabel.CONTENT_TYPE, contentType);
      if (kid != null) {
        prot.put(HeaderLabel.KID, kid);
      } else {
        if (!isUri(issuer)) {
          throw new IllegalArgumentException(
              "with an x5chain, iss must be a URI of 1..8192" + " characters, was " + issuer);
        }
        List<byte[]> der = new ArrayList<>();
        for (X509Certificate c : chain) {
          try {
            der.add(c.getEncoded());
          } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("cannot encode " + c.getSubjectX500Principal(), e);
          }
        }
        prot.putBytesList(HeaderLabel.X5CHAIN, der);
      }
      return new ScittStatementSigner(this, prot.build());
    }
  }

  static boolean isUri(String s) {
    if (s.isEmpty() || s.length() > 8192) {
      return false;
    }
    try {
      return new URI(s).getScheme() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
