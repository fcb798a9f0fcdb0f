package dev.ocitrust.cose;

import dev.ocitrust.cose.internal.SignatureOps;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An {@link ExternalSigner} over any JCA {@link PrivateKey} and its certificate chain: an in-memory
 * key read from a PEM file, or a key that stays inside a hardware token or HSM and is reached
 * through a JCA provider such as the JDK's SunPKCS11.
 *
 * <p>The algorithm comes from the leaf certificate's public key (so an opaque token key, which
 * exposes neither modulus nor curve, works). In-memory EC keys sign with RFC 6979 deterministic
 * nonces; every other key signs through {@link java.security.Signature}, from {@link
 * Builder#provider(Provider)} when one is given (recommended for PKCS #11: RSASSA-PSS parameters
 * are set before the key is known, so JCA's delayed provider selection could pick a software
 * provider that then refuses the token key).
 *
 * <p>PKCS #11 (SunPKCS11, JDK 17): write a provider configuration ({@code name = hsm}, {@code
 * library = /path/to/pkcs11.so}, {@code slot = 0}), then
 *
 * <pre>{@code
 * Provider p11 = Security.getProvider("SunPKCS11").configure("hsm.cfg");
 * KeyStore ks = KeyStore.getInstance("PKCS11", p11);
 * ks.load(null, pin);
 * PrivateKey key = (PrivateKey) ks.getKey("signing", null);
 * List<X509Certificate> chain = ...; // ks.getCertificateChain("signing"), leaf first
 * ExternalSigner signer = PrivateKeySigner.builder(key, chain).provider(p11).build();
 * NotaryEnvelopeSigner envelopes = NotaryEnvelopeSigner.builder(signer).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe if the key and provider are (JDK providers are; a PKCS #11 session
 * may serialise concurrent signatures).
 *
 * <p>Security guarantees: refuses to sign with any algorithm but the one its leaf certificate
 * implies; the key never leaves the object (and a token key never leaves the token).
 */
public final class PrivateKeySigner implements ExternalSigner {
  private final PrivateKey key;
  private final List<X509Certificate> chain;
  private final CoseAlgorithm algorithm;
  private final SecureRandom random;
  private final @Nullable Provider provider;

  private PrivateKeySigner(Builder b, CoseAlgorithm algorithm) {
    this.key = b.key;
    this.chain = b.chain;
    this.algorithm = algorithm;
    this.random = b.random == null ? new SecureRandom() : b.random;
    this.provider = b.provider;
  }

  /**
   * A signer with {@code key} and its chain, leaf first, with the default provider selection.
   *
   * @throws IllegalArgumentException if the chain is empty or the leaf key fits no algorithm
   */
  public static PrivateKeySigner of(PrivateKey key, List<X509Certificate> chain) {
    return builder(key, chain).build();
  }

  /** A builder for a signer with {@code key} and its chain, leaf first. */
  public static Builder builder(PrivateKey key, List<X509Certificate> chain) {
    return new Builder(key, chain);
  }

  @Override
  public CoseAlgorithm algorithm() {
    return algorithm;
  }

  /** The certificate chain, leaf first. */
  public List<X509Certificate> certificateChain() {
    return chain;
  }

  @Override
  public ExternalSignature sign(CoseAlgorithm requested, byte[] data) throws CoseException {
    if (!requested.equals(algorithm)) {
      throw new CoseSignatureException(
          "asked to sign with "
              + requested
              + " but the key of "
              + chain.get(0).getSubjectX500Principal()
              + " signs with "
              + algorithm);
    }
    try {
      return ExternalSignature.of(SignatureOps.sign(algorithm, key, data, random, provider), chain);
    } catch (CoseException e) {
      throw e;
    } catch (GeneralSecurityException e) {
      throw new CoseSignatureException(
          "cannot sign with " + algorithm + " (" + key.getAlgorithm() + " key): " + e.getMessage(),
          e);
    }
  }

  @Override
  public String toString() {
    return "PrivateKeySigner{"
        + algorithm
        + ", "
        + chain.get(0).getSubjectX500Principal()
        + (provider != null ? ", provider " + provider.getName() : "")
        + "}";
  }

  /** Builds a {@link PrivateKeySigner}. Not thread-safe. */
  public static final class Builder {
    private final PrivateKey key;
    private final List<X509Certificate> chain;
    private @Nullable SecureRandom random;
    private @Nullable Provider provider;

    private Builder(PrivateKey key, List<X509Certificate> chain) {
      this.key = Objects.requireNonNull(key, "key");
      this.chain = List.copyOf(chain);
    }

    /** The JCA provider that holds the key (e.g. a configured SunPKCS11); default: JCA picks. */
    public Builder provider(Provider provider) {
      this.provider = Objects.requireNonNull(provider, "provider");
      return this;
    }

    /** Randomness for RSA-PSS salts (default a new SecureRandom). */
    public Builder random(SecureRandom random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /**
     * The signer.
     *
     * @throws IllegalArgumentException if the chain is empty or the leaf key fits no algorithm
     */
    public PrivateKeySigner build() {
      if (chain.isEmpty()) {
        throw new IllegalArgumentException("the certificate chain must not be empty");
      }
      try {
        return new PrivateKeySigner(this, CoseAlgorithm.forKey(chain.get(0).getPublicKey()));
      } catch (CoseSignatureException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
    }
  }
}
