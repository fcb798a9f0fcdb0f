package dev.ocitrust.client;

/**
 * Content that is not what its descriptor says: a digest that differs, a stream longer or shorter
 * than the descriptor's size. Whoever reads such content gets this exception before the last byte.
 */
public final class ContentVerificationException extends OciException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming the content and the mismatch. */
  public ContentVerificationException(String message) {
    super(message);
  }
}
