package dev.ocitrust.cose;

/**
 * A signing key that never leaves its holder: an in-memory or PKCS #11 key ({@link
 * PrivateKeySigner}), a Notary Project plugin in front of a cloud KMS, or anything else that can
 * sign bytes and name its certificate chain. Every signature oci-cose and the modules above it
 * produce goes through this one-method-pair interface, so a new key holder needs nothing else.
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>{@link #algorithm()} names the algorithm the key implies (Notary Project key spec → PS256,
 *       PS384, PS512, ES256, ES384, ES512); it may ask the holder (a plugin's {@code
 *       describe-key}).
 *   <li>{@link #sign(CoseAlgorithm, byte[])} signs the bytes it is given (the holder hashes them
 *       with the algorithm's hash) and returns the signature in the envelope's form (raw {@code
 *       r||s} of fixed width for ECDSA, as COSE and JWS carry it) with the certificate chain, leaf
 *       first. It must refuse an algorithm other than its own rather than sign with another one.
 *   <li>Both throw {@link CoseException} (or a subtype) when the holder fails or refuses; they
 *       never return null.
 * </ul>
 *
 * <p>Implementations say whether they are thread-safe; {@link PrivateKeySigner} is.
 *
 * <p>Security guarantees: callers never trust what an implementation returns. {@link
 * NotaryEnvelopeSigner} checks that the algorithm is the one the returned leaf certificate's key
 * implies, that the chain meets the Notary Project code-signing rules at the signing time and that
 * the signature verifies with the leaf key, before it returns an envelope.
 *
 * <pre>{@code
 * ExternalSigner signer = PrivateKeySigner.of(privateKey, chain);
 * CoseAlgorithm alg = signer.algorithm();
 * ExternalSignature s = signer.sign(alg, toBeSigned);
 * }</pre>
 */
public interface ExternalSigner {
  /**
   * The algorithm this key signs with.
   *
   * @throws CoseException if the holder cannot say (unreachable, unsupported key spec)
   */
  CoseAlgorithm algorithm() throws CoseException;

  /**
   * Signs {@code data} with {@code algorithm}.
   *
   * @param algorithm the algorithm, as {@link #algorithm()} named it
   * @param data the bytes to sign (not a hash)
   * @return the signature and the certificate chain, leaf first
   * @throws CoseException if the holder fails or refuses, or {@code algorithm} is not its own
   */
  ExternalSignature sign(CoseAlgorithm algorithm, byte[] data) throws CoseException;
}
