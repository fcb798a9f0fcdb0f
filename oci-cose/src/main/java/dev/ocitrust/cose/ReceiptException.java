package dev.ocitrust.cose;

/**
 * A receipt cannot be accepted for a reason other than bad bytes, a bad proof or a bad signature:
 * its verifiable data structure is not supported, no key of the trusted service matches its {@code
 * kid}, its issuer is not the service's, or a statement carries no receipt from the service. The
 * message names the receipt's service and what was expected.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * catch (ReceiptException e) { report.add("receipt not accepted: " + e.getMessage()); }
 * }</pre>
 */
public class ReceiptException extends CoseException {
  private static final long serialVersionUID = 1L;

  /** An exception with a message that says what was expected and what was found. */
  public ReceiptException(String message) {
    super(message);
  }

  /** An exception with a message and the underlying cause. */
  public ReceiptException(String message, Throwable cause) {
    super(message, cause);
  }
}
