package dev.ocitrust.cose;

/**
 * A JWS signature envelope that is not well formed under the Notary Project's JWS rules: invalid
 * JSON or UTF-8, a duplicate key, a member that the flattened serialization does not define, a
 * base64url value with padding or outside its alphabet, a header of the wrong type, an {@code alg}
 * outside PS256/384/512 and ES256/384/512, an unknown critical header. The message names the member
 * at fault.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * catch (JwsFormatException e) { log.debug("malformed JWS envelope: {}", e.getMessage()); }
 * }</pre>
 */
public final class JwsFormatException extends CoseFormatException {
  private static final long serialVersionUID = 1L;

  /** An exception with a message that says what was expected, what was found and where. */
  public JwsFormatException(String message) {
    super(message);
  }

  /** An exception with a message and the underlying cause. */
  public JwsFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
