package dev.ocitrust.client;

/** A blob, manifest, tag or repository that the store or registry does not have. */
public final class NotFoundException extends OciException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming what was missing and where. */
  public NotFoundException(String message) {
    super(message);
  }

  /** Creates the exception with a message and its cause. */
  public NotFoundException(String message, Throwable cause) {
    super(message, cause);
  }
}
