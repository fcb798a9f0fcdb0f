package dev.ocitrust.transparency;

import java.security.GeneralSecurityException;

/**
 * A signed statement the service's {@link RegistrationPolicy} refuses to register: its signature
 * does not verify, or its issuer is not allowed. The title is the SCRAPI problem title the service
 * answers with; the message says what was expected and what was found.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * try { policy.check(statement); } catch (RegistrationRejectedException e) { e.title(); }
 * }</pre>
 */
public final class RegistrationRejectedException extends GeneralSecurityException {
  private static final long serialVersionUID = 1L;

  private final String title;

  /** With a problem title ("Rejected", "Bad Signature") and the detail. */
  public RegistrationRejectedException(String title, String detail, Throwable cause) {
    super(detail, cause);
    this.title = title;
  }

  /** With a problem title and the detail. */
  public RegistrationRejectedException(String title, String detail) {
    super(detail);
    this.title = title;
  }

  /** The problem title. */
  public String title() {
    return title;
  }
}
