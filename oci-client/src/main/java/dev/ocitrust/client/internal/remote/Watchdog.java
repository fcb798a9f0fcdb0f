package dev.ocitrust.client.internal.remote;

import dev.ocitrust.client.Timeouts;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import org.jspecify.annotations.Nullable;

/**
 * Enforces the request deadline and the stall rule of one client's calls ({@link Watch}): one
 * daemon thread, started by the first watch and ending after a second with none, looks at every
 * open watch a few times per shortest limit and cancels the calls that broke one.
 *
 * <p>Thread-safe.
 */
final class Watchdog {
  private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final Timeouts limits;
  private final long tickMillis;
  private final Set<Watch> watches = ConcurrentHashMap.newKeySet();
  private @Nullable Thread thread; // guarded by this

  /** A watchdog for {@code limits}; does nothing when neither deadline nor stall rule is on. */
  Watchdog(Timeouts limits) {
    this.limits = limits;
    long shortest = Long.MAX_VALUE;
    if (!limits.request().isZero()) {
      shortest = limits.request().toMillis();
    }
    if (limits.stallRule()) {
      shortest = Math.min(shortest, limits.stallPeriod().toMillis());
    }
    this.tickMillis = shortest == Long.MAX_VALUE ? 0 : Math.max(20, Math.min(1000, shortest / 10));
  }

  /** The limits watched. */
  Timeouts limits() {
    return limits;
  }

  /** Starts watching {@code call}, described by {@code what} ("GET url") on {@code host}. */
  Watch watch(Call call, String host, String what) {
    Watch w = new Watch(call, host, what, limits, System.nanoTime());
    if (tickMillis > 0) {
      watches.add(w);
      ensureRunning();
    }
    return w;
  }

  /** Stops watching {@code w} (its call completed). */
  void done(Watch w) {
    watches.remove(w);
  }

  private synchronized void ensureRunning() {
    if (thread == null) {
      Thread t = new Thread(this::run, "ocitrust-deadlines");
      t.setDaemon(true);
      thread = t;
      t.start();
    }
  }

  private void run() {
    long idleSince = System.nanoTime();
    while (true) {
      try {
        Thread.sleep(tickMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        synchronized (this) {
          thread = null;
        }
        return;
      }
      long now = System.nanoTime();
      watches.removeIf(w -> w.check(now));
      if (!watches.isEmpty()) {
        idleSince = now;
        continue;
      }
      if (now - idleSince >= IDLE_NANOS) {
        synchronized (this) {
          if (watches.isEmpty()) {
            thread = null;
            return;
          }
        }
      }
    }
  }
}
