package dev.ocitrust.policy;

/**
 * A trust store that does not exist, cannot be read, is empty, is laid out against the rules
 * (symlinks, sub-directories) or holds a certificate its type does not allow. The message names the
 * store type, the store and, where one is at fault, the certificate file.
 */
public final class TrustStoreException extends PolicyException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming the store (and file) at fault. */
  public TrustStoreException(String message) {
    super(message);
  }

  /** Creates the exception with a message and its cause. */
  public TrustStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
