package dev.ocitrust.client;

import java.time.Duration;
import java.util.Objects;

/**
 * A registry that took longer than one of the client's {@link Timeouts}: the message names the
 * host, the request and the limit; {@link #limit()} says which one. The transport's exception is
 * the cause. Never repeated by the client's retries once the overall deadline or the stall rule
 * fired.
 *
 * <pre>{@code
 * try {
 *   repository.fetchManifest("v1");
 * } catch (RegistryTimeoutException e) {
 *   log.warn("{} too slow ({}): {}", e.host(), e.limit(), e.getMessage());
 * }
 * }</pre>
 *
 * <p>Immutable; safe to share between threads.
 */
public final class RegistryTimeoutException extends OciException {
  private static final long serialVersionUID = 1L;

  /** Which limit was reached. */
  public enum Limit {
    /** No connection within {@link Timeouts#connect()}. */
    CONNECT,
    /** No byte received within {@link Timeouts#read()}. */
    READ,
    /** No byte sent within {@link Timeouts#write()}. */
    WRITE,
    /** No complete answer within {@link Timeouts#request()}. */
    REQUEST_DEADLINE,
    /** A blob transfer below {@link Timeouts#minRate()}. */
    STALL
  }

  private final String host;
  private final Limit limit;
  private final Duration after;

  /**
   * Creates the exception.
   *
   * @param host the registry, {@code host[:port]}
   * @param limit the limit reached
   * @param after the configured limit (for {@link Limit#STALL}: the measuring period)
   * @param message what timed out, naming host, request and limit
   * @param cause the transport's exception
   */
  public RegistryTimeoutException(
      String host, Limit limit, Duration after, String message, Throwable cause) {
    super(message, cause);
    this.host = Objects.requireNonNull(host, "host");
    this.limit = Objects.requireNonNull(limit, "limit");
    this.after = Objects.requireNonNull(after, "after");
  }

  /** The registry, {@code host[:port]}. */
  public String host() {
    return host;
  }

  /** Which limit was reached. */
  public Limit limit() {
    return limit;
  }

  /** The configured limit that was reached (the measuring period for a stall). */
  public Duration after() {
    return after;
  }
}
