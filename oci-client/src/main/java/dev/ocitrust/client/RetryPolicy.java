package dev.ocitrust.client;

import java.time.Duration;
import java.util.Objects;

/**
 * When and how often {@link RegistryClient} repeats a request: on HTTP 429, 502, 503 and 504 and on
 * I/O errors, with exponential backoff and full jitter, honouring {@code Retry-After} (seconds or
 * an HTTP date) up to {@link #maxRetryAfter()}. Requests whose body cannot be sent twice (a
 * streamed blob upload) are never repeated. The client's {@link Sleeper} does the waiting.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * RetryPolicy p = RetryPolicy.builder().maxAttempts(5).initialBackoff(Duration.ofMillis(100)).build();
 * RetryPolicy none = RetryPolicy.none();
 * }</pre>
 */
public final class RetryPolicy {
  private final int maxAttempts;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Duration maxRetryAfter;

  private RetryPolicy(Builder b) {
    this.maxAttempts = b.maxAttempts;
    this.initialBackoff = b.initialBackoff;
    this.maxBackoff = b.maxBackoff;
    this.maxRetryAfter = b.maxRetryAfter;
  }

  /** The default: 4 attempts, backoff from 200 ms up to 5 s, {@code Retry-After} up to 60 s. */
  public static RetryPolicy defaults() {
    return builder().build();
  }

  /** No retries. */
  public static RetryPolicy none() {
    return builder().maxAttempts(1).build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this policy. */
  public Builder toBuilder() {
    return new Builder()
        .maxAttempts(maxAttempts)
        .initialBackoff(initialBackoff)
        .maxBackoff(maxBackoff)
        .maxRetryAfter(maxRetryAfter);
  }

  /** How many times a request is sent at most (1 means no retry). */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** The backoff before the first retry (before jitter). */
  public Duration initialBackoff() {
    return initialBackoff;
  }

  /** The largest backoff between two attempts (before jitter). */
  public Duration maxBackoff() {
    return maxBackoff;
  }

  /** The longest {@code Retry-After} honoured; a longer one fails the request at once. */
  public Duration maxRetryAfter() {
    return maxRetryAfter;
  }

  /** The backoff before retry number {@code retry} (1-based), before jitter. */
  public Duration backoff(int retry) {
    long base = initialBackoff.toMillis();
    long millis = base << Math.min(30, Math.max(0, retry - 1));
    return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
  }

  @Override
  public String toString() {
    return "RetryPolicy[maxAttempts="
        + maxAttempts
        + ", initialBackoff="
        + initialBackoff
        + ", maxBackoff="
        + maxBackoff
        + ", maxRetryAfter="
        + maxRetryAfter
        + "]";
  }

  /** Builds a {@link RetryPolicy}. Not thread-safe. */
  public static final class Builder {
    private int maxAttempts = 4;
    private Duration initialBackoff = Duration.ofMillis(200);
    private Duration maxBackoff = Duration.ofSeconds(5);
    private Duration maxRetryAfter = Duration.ofSeconds(60);

    private Builder() {}

    /** How many times a request is sent at most, 1 to 20. */
    public Builder maxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
      return this;
    }

    /** The backoff before the first retry. */
    public Builder initialBackoff(Duration initialBackoff) {
      this.initialBackoff = Objects.requireNonNull(initialBackoff, "initialBackoff");
      return this;
    }

    /** The largest backoff. */
    public Builder maxBackoff(Duration maxBackoff) {
      this.maxBackoff = Objects.requireNonNull(maxBackoff, "maxBackoff");
      return this;
    }

    /** The longest {@code Retry-After} honoured. */
    public Builder maxRetryAfter(Duration maxRetryAfter) {
      this.maxRetryAfter = Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
      return this;
    }

    /** Validates and builds. */
    public RetryPolicy build() {
      if (maxAttempts < 1 || maxAttempts > 20) {
        throw new IllegalArgumentException("maxAttempts must be 1..20, got " + maxAttempts);
      }
      if (initialBackoff.isNegative() || maxBackoff.isNegative() || maxRetryAfter.isNegative()) {
        throw new IllegalArgumentException("durations must not be negative");
      }
      if (maxBackoff.compareTo(initialBackoff) < 0) {
        throw new IllegalArgumentException("maxBackoff is shorter than initialBackoff");
      }
      return new RetryPolicy(this);
    }
  }
}
