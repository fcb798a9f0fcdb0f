package dev.ocitrust.client;

/**
 * A digest string that breaks the OCI digest grammar or uses an algorithm ocitrust cannot verify.
 * The message names the offending part.
 */
public final class InvalidDigestException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming what was wrong. */
  public InvalidDigestException(String message) {
    super(message);
  }
}
