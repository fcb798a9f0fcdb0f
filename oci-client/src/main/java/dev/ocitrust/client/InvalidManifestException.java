package dev.ocitrust.client;

/**
 * A manifest or index that cannot be accepted: not JSON, a wrong or missing field, a duplicate key,
 * an unknown media type, or bigger than {@link Manifest#MAX_BYTES}. The message names the field.
 */
public final class InvalidManifestException extends OciException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming the manifest and the field. */
  public InvalidManifestException(String message) {
    super(message);
  }

  /** Creates the exception with a message and its cause. */
  public InvalidManifestException(String message, Throwable cause) {
    super(message, cause);
  }
}
