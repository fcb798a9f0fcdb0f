package dev.ocitrust.claims;

import java.io.IOException;

/**
 * A transparency service refused a request or did not answer in time: the HTTP status (0 when no
 * answer came before the deadline) and, when the service sent SCRAPI concise problem details, their
 * title and detail. The message names the service URL.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * try { client.register(statement); }
 * catch (TransparencyServiceException e) { if (e.title().equals("Rejected")) { ... } }
 * }</pre>
 */
public final class TransparencyServiceException extends IOException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String title;
  private final String detail;

  /** With the status, the problem's title and detail, and the message. */
  public TransparencyServiceException(int status, String title, String detail, String message) {
    super(message);
    this.status = status;
    this.title = title;
    this.detail = detail;
  }

  /** The HTTP status, or 0 when the deadline passed without an answer. */
  public int status() {
    return status;
  }

  /** The problem title (e.g. "Rejected", "Bad Signature"), or the HTTP reason when none came. */
  public String title() {
    return title;
  }

  /** The problem detail, or empty. */
  public String detail() {
    return detail;
  }

  /** Whether the failure may pass on a later try (5xx, 429, or the deadline), as SCRAPI says. */
  public boolean isTransient() {
    return status == 0 || status == 429 || status >= 500;
  }
}
