package dev.ocitrust.policy;

/**
 * A certificate of a chain is revoked, or its revocation status could not be established.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * catch (RevocationException e) {
 *   if (e.status() == RevocationException.Status.REVOKED) { ... }
 * }
 * }</pre>
 */
public final class RevocationException extends PolicyException {
  private static final long serialVersionUID = 1L;

  /** Why the chain is not known to be unrevoked. */
  public enum Status {
    /** A certificate is revoked. */
    REVOKED,
    /** A certificate's status could not be established. */
    UNKNOWN
  }

  private final Status status;

  /** An exception with {@code status} and a message naming the certificate. */
  public RevocationException(Status status, String message) {
    super(message);
    this.status = java.util.Objects.requireNonNull(status, "status");
  }

  /** An exception with {@code status}, a message naming the certificate and a cause. */
  public RevocationException(Status status, String message, Throwable cause) {
    super(message, cause);
    this.status = java.util.Objects.requireNonNull(status, "status");
  }

  /** Revoked or unknown. */
  public Status status() {
    return status;
  }
}
