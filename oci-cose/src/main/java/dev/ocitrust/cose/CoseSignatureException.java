package dev.ocitrust.cose;

/**
 * The signature does not verify, or the key, the algorithm it implies and the {@code alg} header
 * disagree.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * catch (CoseSignatureException e) { // integrity failure: the message was altered or mis-keyed }
 * }</pre>
 */
public class CoseSignatureException extends CoseException {
  private static final long serialVersionUID = 1L;

  /** An exception with a message that says what was expected and what was found. */
  public CoseSignatureException(String message) {
    super(message);
  }

  /** An exception with a message and the underlying cause. */
  public CoseSignatureException(String message, Throwable cause) {
    super(message, cause);
  }
}
