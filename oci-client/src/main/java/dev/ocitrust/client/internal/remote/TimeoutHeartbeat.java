package dev.ocitrust.client.internal.remote;

import java.util.concurrent.TimeUnit;
import okio.AsyncTimeout;

/**
 * Keeps Okio's timeout watchdog asleep during a long transfer, without changing any timeout.
 *
 * <p>Okio wakes its watchdog thread whenever a timeout becomes the earliest one queued. A blob
 * transfer enters and leaves one read or write timeout after another (one per 8 KiB read), so with
 * nothing else queued every read wakes the watchdog: measured on a 1 GiB registry-to-registry copy,
 * the watchdog thread and the context switches took about 0.8 of 2.8 CPU seconds. While a heartbeat
 * is armed, a timeout of its own whose deadline is always earlier than any read's or write's sits
 * at the head of the queue, so those are queued behind it without a wake-up.
 *
 * <p>It changes no deadline: the heartbeat itself does nothing when it expires (a stalled transfer
 * lets it lapse, and the read or write timeout behind it fires as configured), and should Okio
 * schedule differently one day, only the saving is lost.
 *
 * <p>Not thread-safe: one per transfer, renewed by the thread doing the transfer.
 */
final class TimeoutHeartbeat implements AutoCloseable {
  private final AsyncTimeout timeout = new AsyncTimeout();
  private final long periodNanos;
  private long armedAt;
  private boolean armed;

  /**
   * A heartbeat for transfers whose reads and writes time out after at least {@code
   * shortestTimeoutMillis} (0: they never time out, and the heartbeat does nothing).
   */
  TimeoutHeartbeat(long shortestTimeoutMillis) {
    this.periodNanos = TimeUnit.MILLISECONDS.toNanos(shortestTimeoutMillis) / 2;
  }

  /** Re-arms the heartbeat when half its period is gone; cheap to call once per chunk. */
  void renew() {
    if (periodNanos <= 0) {
      return;
    }
    long now = System.nanoTime();
    if (armed && now - armedAt < periodNanos / 2) {
      return;
    }
    // an operation started from now on has a deadline >= now + 2 * period: always later
    timeout.exit();
    timeout.timeout(periodNanos, TimeUnit.NANOSECONDS);
    timeout.enter();
    armedAt = now;
    armed = true;
  }

  @Override
  public void close() {
    if (armed) {
      timeout.exit();
      armed = false;
    }
  }
}
