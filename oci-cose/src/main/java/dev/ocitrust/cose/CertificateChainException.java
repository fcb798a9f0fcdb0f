package dev.ocitrust.cose;

/**
 * An X.509 certificate or chain breaks a Notary Project certificate requirement (order, issuer
 * signatures, basic constraints, key usage, extended key usage, key type and size, validity).
 *
 * <p>Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * catch (CertificateChainException e) { // the signer's chain is not acceptable for code signing }
 * }</pre>
 */
public class CertificateChainException extends CoseException {
  private static final long serialVersionUID = 1L;

  /** An exception with a message that says what was expected and what was found. */
  public CertificateChainException(String message) {
    super(message);
  }

  /** An exception with a message and the underlying cause. */
  public CertificateChainException(String message, Throwable cause) {
    super(message, cause);
  }
}
