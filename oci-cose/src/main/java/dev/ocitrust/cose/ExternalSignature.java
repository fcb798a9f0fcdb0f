package dev.ocitrust.cose;

import dev.ocitrust.cose.internal.SignatureOps;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What an {@link ExternalSigner} returns: the signature bytes (in the envelope's form: raw {@code
 * r||s} for ECDSA) and the certificate chain, leaf first. Neither is trusted by anything that
 * receives it; {@link NotaryEnvelopeSigner} verifies both.
 *
 * <p>Immutable and thread-safe: the bytes are copied in and out.
 *
 * <pre>{@code
 * ExternalSignature s = ExternalSignature.of(signatureBytes, List.of(leaf, root));
 * }</pre>
 */
public final class ExternalSignature {
  private final byte[] signature;
  private final List<X509Certificate> chain;

  private ExternalSignature(byte[] signature, List<X509Certificate> chain) {
    this.signature = signature;
    this.chain = chain;
  }

  /**
   * A signature and its chain.
   *
   * @throws IllegalArgumentException if the signature or the chain is empty
   */
  public static ExternalSignature of(byte[] signature, List<X509Certificate> chain) {
    if (signature.length == 0) {
      throw new IllegalArgumentException("the signature is empty");
    }
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("the certificate chain is empty");
    }
    return new ExternalSignature(signature.clone(), List.copyOf(chain));
  }

  /** The signature bytes (a copy). */
  public byte[] signature() {
    return signature.clone();
  }

  /** The certificate chain, leaf first. */
  public List<X509Certificate> certificateChain() {
    return chain;
  }

  /**
   * Checks what a signer returned before it goes into an envelope (the Notary Project plugin
   * specification's checks of a {@code generate-signature} response): the leaf certificate's key
   * implies {@code algorithm}, the chain meets the Notary Project code-signing rules at {@code
   * signingTime}, and the signature verifies over {@code data} with the leaf key.
   *
   * @throws CoseSignatureException if the algorithm differs or the signature does not verify
   * @throws CertificateChainException if the chain breaks a rule
   */
  public void check(CoseAlgorithm algorithm, byte[] data, Instant signingTime)
      throws CoseException {
    X509Certificate leaf = chain.get(0);
    CoseAlgorithm implied = CoseAlgorithm.forKey(leaf.getPublicKey());
    if (!implied.equals(algorithm)) {
      throw new CoseSignatureException(
          "the signer was asked for "
              + algorithm
              + " but its certificate "
              + leaf.getSubjectX500Principal()
              + " has a key for "
              + implied);
    }
    NotaryCertificates.validateCodeSigningChain(chain, Optional.of(signingTime));
    try {
      SignatureOps.verify(algorithm, leaf.getPublicKey(), data, signature);
    } catch (CoseSignatureException e) {
      throw new CoseSignatureException(
          "the signer's signature does not verify with the key of its certificate "
              + leaf.getSubjectX500Principal()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ExternalSignature s
        && Arrays.equals(s.signature, signature)
        && s.chain.equals(chain);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(signature) + chain.hashCode();
  }

  @Override
  public String toString() {
    return "ExternalSignature{"
        + signature.length
        + " bytes, signed by "
        + chain.get(0).getSubjectX500Principal()
        + "}";
  }
}
