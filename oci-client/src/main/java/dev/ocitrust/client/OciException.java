package dev.ocitrust.client;

import java.io.IOException;

/**
 * The root of ocitrust's checked exceptions for OCI content: stores, registries and the data they
 * hand back. Subtypes say what went wrong; messages name the content (digest, reference, file).
 */
public class OciException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming what was wrong and where. */
  public OciException(String message) {
    super(message);
  }

  /** Creates the exception with a message and its cause. */
  public OciException(String message, Throwable cause) {
    super(message, cause);
  }
}
