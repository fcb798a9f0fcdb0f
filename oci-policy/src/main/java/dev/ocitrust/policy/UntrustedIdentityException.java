package dev.ocitrust.policy;

/**
 * The signing certificate's subject matches none of a statement's trusted identities, or cannot be
 * compared with them at all (see {@link TrustedIdentities} for when a subject is refused). The
 * verifier reports this as an <em>authenticity</em> failure.
 */
public final class UntrustedIdentityException extends PolicyException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming the subject and the statement. */
  public UntrustedIdentityException(String message) {
    super(message);
  }

  /** Creates the exception with a message naming the subject, and the cause. */
  public UntrustedIdentityException(String message, Throwable cause) {
    super(message, cause);
  }
}
