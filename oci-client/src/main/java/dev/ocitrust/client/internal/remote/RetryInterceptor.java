package dev.ocitrust.client.internal.remote;

import dev.ocitrust.client.OciException;
import dev.ocitrust.client.RetryPolicy;
import dev.ocitrust.client.Sleeper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Repeats a request on 429, 502, 503, 504 and I/O errors, as a {@link RetryPolicy} says:
 * exponential backoff with full jitter, or the server's {@code Retry-After} (seconds or HTTP date)
 * when it sends one. A {@code Retry-After} beyond the policy's maximum ends the retries. Requests
 * with a one-shot body, cancelled calls and ocitrust's own typed failures (a verification failure,
 * a redirect loop) are never repeated. The waits between attempts go through a {@link Sleeper}.
 *
 * <p>Thread-safe.
 */
public final class RetryInterceptor implements Interceptor {
  private static final Logger LOG = LoggerFactory.getLogger(RetryInterceptor.class);

  private final RetryPolicy policy;
  private final Clock clock;
  private final Sleeper sleeper;

  /** Creates the interceptor. */
  public RetryInterceptor(RetryPolicy policy, Clock clock, Sleeper sleeper) {
    this.policy = policy;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    boolean replayable = request.body() == null || !request.body().isOneShot();
    int attempt = 1;
    while (true) {
      Response response;
      try {
        response = chain.proceed(request);
      } catch (IOException e) {
        if (!replayable
            || attempt >= policy.maxAttempts()
            || chain.call().isCanceled()
            || e instanceof OciException) {
          throw e;
        }
        Duration wait = jitter(policy.backoff(attempt));
        LOG.debug(
            "{} {}: {}; retry {} in {} ms",
            request.method(),
            Responses.redact(request.url()),
            e.toString(),
            attempt,
            wait.toMillis());
        sleep(wait);
        attempt++;
        continue;
      }
      if (!isRetryable(response.code()) || !replayable || attempt >= policy.maxAttempts()) {
        return response;
      }
      Duration wait;
      Duration retryAfter = retryAfter(response.header("Retry-After"));
      if (retryAfter != null) {
        if (retryAfter.compareTo(policy.maxRetryAfter()) > 0) {
          return response;
        }
        wait = retryAfter;
      } else {
        wait = jitter(policy.backoff(attempt));
      }
      LOG.debug(
          "{} {}: HTTP {}; retry {} in {} ms",
          request.method(),
          Responses.redact(request.url()),
          response.code(),
          attempt,
          wait.toMillis());
      response.close();
      sleep(wait);
      attempt++;
    }
  }

  static boolean isRetryable(int code) {
    return code == 429 || code == 502 || code == 503 || code == 504;
  }

  /** The delay a {@code Retry-After} value asks for, or null when absent or unreadable. */
  @Nullable Duration retryAfter(@Nullable String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.trim();
    if (v.matches("\\d{1,9}")) {
      return Duration.ofSeconds(Long.parseLong(v));
    }
    try {
      ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
      Duration d = Duration.between(clock.instant(), at.toInstant());
      return d.isNegative() ? Duration.ZERO : d;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static Duration jitter(Duration d) {
    long ms = d.toMillis();
    return Duration.ofMillis(ms <= 0 ? 0 : ThreadLocalRandom.current().nextLong(ms / 2, ms + 1));
  }

  private void sleep(Duration d) throws InterruptedIOException {
    try {
      sleeper.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting to retry");
    }
  }
}
