package dev.ocitrust.cose;

/**
 * An RFC 3161 time stamp could not be obtained from a time stamping authority, or a time stamp
 * token does not verify (imprint mismatch, bad CMS signature, untrusted or invalid TSA chain).
 *
 * <p>Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * catch (TimestampException e) { // no authentic time stamp: fall back to "certificate valid now" }
 * }</pre>
 */
public class TimestampException extends CoseException {
  private static final long serialVersionUID = 1L;

  /** An exception with a message that says what was expected and what was found. */
  public TimestampException(String message) {
    super(message);
  }

  /** An exception with a message and the underlying cause. */
  public TimestampException(String message, Throwable cause) {
    super(message, cause);
  }
}
