package dev.ocitrust.cose;

/**
 * The input is not a well-formed or supported message: bad CBOR, a wrong structure, a header of the
 * wrong type, a missing required header, an unknown critical header, an unsupported algorithm.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * catch (CoseFormatException e) { log.debug("malformed signature: {}", e.getMessage()); }
 * }</pre>
 */
public class CoseFormatException extends CoseException {
  private static final long serialVersionUID = 1L;

  /** An exception with a message that says what was expected and what was found. */
  public CoseFormatException(String message) {
    super(message);
  }

  /** An exception with a message and the underlying cause. */
  public CoseFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
