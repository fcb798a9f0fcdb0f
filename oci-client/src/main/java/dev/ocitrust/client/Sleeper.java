package dev.ocitrust.client;

import java.time.Duration;

/**
 * Waits before {@link RegistryClient} repeats a request, for as long as its {@link RetryPolicy} (or
 * the registry's {@code Retry-After}) says. The default, {@link #SYSTEM}, sleeps in real time;
 * tests inject one that records the delays it is asked for and returns at once.
 *
 * <p>Implementations must be thread-safe: one client retries on many threads. Exception contract:
 * {@link InterruptedException} when the waiting thread is interrupted; the request then fails with
 * an {@link java.io.InterruptedIOException} and the thread's interrupt flag is set again.
 *
 * <pre>{@code
 * List<Duration> delays = new CopyOnWriteArrayList<>();
 * RegistryClient client = RegistryClient.builder().sleeper(delays::add).build();
 * }</pre>
 */
@FunctionalInterface
public interface Sleeper {
  /** Sleeps in real time, with {@link Thread#sleep(long)}. */
  Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());

  /**
   * Waits for {@code duration} (zero or more).
   *
   * @throws InterruptedException when the thread is interrupted while waiting
   */
  void sleep(Duration duration) throws InterruptedException;
}
