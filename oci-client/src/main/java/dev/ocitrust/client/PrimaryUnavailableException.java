package dev.ocitrust.client;

/**
 * Referrers that must come from the primary registry ({@link ReferrerSource#PRIMARY_REQUIRED} or
 * {@link ReferrerSource#UNION}) while the primary cannot be listed: the listing fails closed rather
 * than trusting a mirror that may lag behind a revocation. The primary's failure is the cause.
 *
 * <p>Immutable; safe to share between threads.
 *
 * <pre>{@code
 * try {
 *   mirrored.referrers(subject, null);
 * } catch (PrimaryUnavailableException e) {
 *   // deny: the signatures and claims cannot be listed where they are authoritative
 * }
 * }</pre>
 */
public final class PrimaryUnavailableException extends OciException {
  private static final long serialVersionUID = 1L;

  /** The listing of {@code subject} at {@code primary} failed with {@code cause}. */
  public PrimaryUnavailableException(
      String primary, Digest subject, ReferrerSource source, Throwable cause) {
    super(
        "referrers of "
            + subject
            + " must be listed at the primary "
            + primary
            + " (referrer source "
            + source.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
            + ": a mirror may lag behind a revocation), which failed: "
            + cause.getMessage(),
        cause);
  }
}
