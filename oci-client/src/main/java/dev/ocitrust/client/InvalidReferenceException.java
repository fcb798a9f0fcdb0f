package dev.ocitrust.client;

/**
 * An image reference that breaks the reference grammar. The message names the offending part
 * (registry, path component, tag or digest) and the whole reference.
 */
public final class InvalidReferenceException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming what was wrong. */
  public InvalidReferenceException(String message) {
    super(message);
  }

  /** Creates the exception with a message naming what was wrong and its cause. */
  public InvalidReferenceException(String message, Throwable cause) {
    super(message, cause);
  }
}
