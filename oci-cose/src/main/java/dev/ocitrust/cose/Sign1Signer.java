package dev.ocitrust.cose;

import dev.ocitrust.cose.internal.Cbor;
import dev.ocitrust.cose.internal.CborEncoder;
import dev.ocitrust.cose.internal.SigStructure;
import dev.ocitrust.cose.internal.SignatureOps;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * Produces COSE_Sign1 messages with one private key. Headers are encoded deterministically (RFC
 * 8949 core deterministic encoding); the {@code alg} header is always written in the protected
 * bucket. ECDSA signatures from in-memory keys use RFC 6979 deterministic nonces.
 *
 * <p>Immutable and thread-safe if the {@link SecureRandom} given to the builder is (the default one
 * is).
 *
 * <pre>{@code
 * Sign1Signer signer = Sign1Signer.builder(privateKey)
 *     .protectedHeaders(CoseHeaders.builder().put(HeaderLabel.CONTENT_TYPE, "text/plain").build())
 *     .build();
 * byte[] message = signer.sign("hello".getBytes(StandardCharsets.UTF_8));
 * }</pre>
 */
public final class Sign1Signer {
  private final PrivateKey key;
  private final CoseAlgorithm algorithm;
  private final CoseHeaders protectedHeaders;
  private final CoseHeaders unprotectedHeaders;
  private final byte[] externalAad;
  private final boolean detached;
  private final boolean tagged;
  private final SecureRandom random;

  private Sign1Signer(Builder b, CoseAlgorithm algorithm, CoseHeaders protectedHeaders) {
    this.key = b.key;
    this.algorithm = algorithm;
    this.protectedHeaders = protectedHeaders;
    this.unprotectedHeaders = b.unprotectedHeaders;
    this.externalAad = b.externalAad.clone();
    this.detached = b.detached;
    this.tagged = b.tagged;
    this.random = b.random == null ? new SecureRandom() : b.random;
  }

  /** A builder for a signer with {@code key}. */
  public static Builder builder(PrivateKey key) {
    return new Builder(key);
  }

  /** The algorithm this signer uses. */
  public CoseAlgorithm algorithm() {
    return algorithm;
  }

  /** The protected header written (including {@code alg}). */
  public CoseHeaders protectedHeaders() {
    return protectedHeaders;
  }

  /**
   * Signs {@code payload} and returns the encoded message (tag 18 unless untagged was chosen). A
   * detached message carries {@code nil} in place of the payload.
   *
   * @throws CoseSignatureException if the key cannot sign
   */
  public byte[] sign(byte[] payload) throws CoseSignatureException {
    return encode(payload, signatureOver(payload));
  }

  byte[] signatureOver(byte[] payload) throws CoseSignatureException {
    byte[] prot = protectedBytes();
    byte[] tbs = SigStructure.sign1(prot, externalAad, payload);
    try {
      return SignatureOps.sign(algorithm, key, tbs, random);
    } catch (GeneralSecurityException e) {
      throw new CoseSignatureException("cannot sign with " + algorithm + ": " + e.getMessage(), e);
    }
  }

  byte[] protectedBytes() {
    return protectedBytes(protectedHeaders);
  }

  /** The protected bucket as it is signed: empty bytes for an empty map. */
  static byte[] protectedBytes(CoseHeaders protectedHeaders) {
    return protectedHeaders.isEmpty() ? new byte[0] : protectedHeaders.encode();
  }

  byte[] encode(byte[] payload, byte[] signature) {
    return encode(payload, signature, unprotectedHeaders);
  }

  byte[] encode(byte[] payload, byte[] signature, CoseHeaders unprotected) {
    return encode(protectedBytes(), unprotected, detached ? null : payload, signature, tagged);
  }

  /** A COSE_Sign1 message; a null payload is written as {@code nil} (detached). */
  static byte[] encode(
      byte[] protectedBytes,
      CoseHeaders unprotected,
      byte @org.jspecify.annotations.Nullable [] payload,
      byte[] signature,
      boolean tagged) {
    Cbor body =
        Cbor.array(
            new Cbor.Bytes(protectedBytes),
            unprotected.toCbor(),
            payload == null ? Cbor.Simple.NULL : new Cbor.Bytes(payload),
            new Cbor.Bytes(signature));
    return CborEncoder.encode(tagged ? new Cbor.Tag(UnverifiedSign1.TAG, body) : body);
  }

  /** Builds a {@link Sign1Signer}. Not thread-safe. */
  public static final class Builder {
    private final PrivateKey key;
    private @org.jspecify.annotations.Nullable CoseAlgorithm algorithm;
    private CoseHeaders protectedHeaders = CoseHeaders.empty();
    private CoseHeaders unprotectedHeaders = CoseHeaders.empty();
    private byte[] externalAad = new byte[0];
    private boolean detached;
    private boolean tagged = true;
    private @org.jspecify.annotations.Nullable SecureRandom random;

    private Builder(PrivateKey key) {
      this.key = key;
    }

    /** The algorithm; by default {@link CoseAlgorithm#forKey} of the key. */
    public Builder algorithm(CoseAlgorithm alg) {
      this.algorithm = alg;
      return this;
    }

    /** Protected headers besides {@code alg}, which the signer sets. */
    public Builder protectedHeaders(CoseHeaders headers) {
      this.protectedHeaders = headers;
      return this;
    }

    /** Unprotected headers. */
    public Builder unprotectedHeaders(CoseHeaders headers) {
      this.unprotectedHeaders = headers;
      return this;
    }

    /** External AAD bound into the signature (copied). */
    public Builder externalAad(byte[] aad) {
      this.externalAad = aad.clone();
      return this;
    }

    /** Whether to leave the payload out of the message ({@code nil}). */
    public Builder detached(boolean detached) {
      this.detached = detached;
      return this;
    }

    /** Whether to wrap the message in tag 18 (default true). */
    public Builder tagged(boolean tagged) {
      this.tagged = tagged;
      return this;
    }

    /**
     * The randomness for RSA-PSS salts and non-deterministic ECDSA (default a new SecureRandom).
     */
    public Builder random(SecureRandom random) {
      this.random = random;
      return this;
    }

    /**
     * The signer.
     *
     * @throws IllegalArgumentException if the key fits no supported algorithm, a header disagrees
     *     with the algorithm, or a label is in both buckets
     */
    public Sign1Signer build() {
      CoseAlgorithm alg = algorithm;
      if (alg == null) {
        try {
          alg = CoseAlgorithm.forKey(key);
        } catch (CoseSignatureException e) {
          throw new IllegalArgumentException(e.getMessage(), e);
        }
      }
      try {
        alg.checkKey(key);
      } catch (CoseSignatureException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
      Optional<CoseAlgorithm> given;
      try {
        given = protectedHeaders.algorithm();
      } catch (CoseFormatException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
      if (given.isPresent() && !given.get().equals(alg)) {
        throw new IllegalArgumentException(
            "protected alg " + given.get() + " disagrees with signer algorithm " + alg);
      }
      if (unprotectedHeaders.contains(HeaderLabel.ALG)
          || unprotectedHeaders.contains(HeaderLabel.CRIT)) {
        throw new IllegalArgumentException("alg and crit belong in the protected header");
      }
      for (HeaderLabel l : protectedHeaders.labels()) {
        if (unprotectedHeaders.contains(l)) {
          throw new IllegalArgumentException("header " + l + " is in both buckets");
        }
      }
      CoseHeaders prot = protectedHeaders.toBuilder().algorithm(alg).build();
      return new Sign1Signer(this, alg, prot);
    }
  }
}
