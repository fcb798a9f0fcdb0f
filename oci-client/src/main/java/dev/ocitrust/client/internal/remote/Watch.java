package dev.ocitrust.client.internal.remote;

import dev.ocitrust.client.RegistryTimeoutException;
import dev.ocitrust.client.RegistryTimeoutException.Limit;
import dev.ocitrust.client.Timeouts;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Call;
import org.jspecify.annotations.Nullable;

/**
 * The deadline and stall state of one call, checked by a {@link Watchdog}: while the call waits
 * (connecting, sending a small body, waiting for or reading a small answer) its request deadline
 * runs; while a blob body moves, the stall rule measures its rate. When either is broken, the
 * watchdog cancels the call, and the thread blocked in it turns the cancellation into a {@link
 * RegistryTimeoutException} with {@link #failure(IOException, boolean)}.
 *
 * <p>Thread-safe: the transferring thread switches phases and counts bytes, the watchdog checks.
 */
final class Watch {
  private final Call call;
  private final String host;
  private final String what;
  private final Timeouts limits;
  private final long deadlineNanos;
  private final long periodNanos;
  private final AtomicLong bytes = new AtomicLong();
  private boolean transferring; // guarded by this
  private long phaseStart; // guarded by this
  private long windowStart; // guarded by this
  private long windowBytes; // guarded by this
  private volatile @Nullable String fired;
  private volatile @Nullable Limit firedLimit;

  Watch(Call call, String host, String what, Timeouts limits, long now) {
    this.call = call;
    this.host = host;
    this.what = what;
    this.limits = limits;
    this.deadlineNanos = limits.request().toNanos();
    this.periodNanos = limits.stallRule() ? limits.stallPeriod().toNanos() : 0;
    this.phaseStart = now;
  }

  /** A blob body starts moving: the stall rule instead of the deadline. */
  synchronized void transferring(long now) {
    transferring = true;
    windowStart = now;
    windowBytes = bytes.get();
  }

  /** The body has moved: the deadline again, starting now. */
  synchronized void awaiting(long now) {
    transferring = false;
    phaseStart = now;
  }

  /** {@code n} more body bytes moved. Called by the one transferring thread. */
  void moved(long n) {
    bytes.addAndGet(n);
  }

  /**
   * Checks the limits at {@code now}, cancelling the call when one is broken.
   *
   * @return true when this watch is done with (fired)
   */
  boolean check(long now) {
    String reason = null;
    Limit limit = null;
    synchronized (this) {
      if (fired != null) {
        return true;
      }
      if (!transferring && deadlineNanos > 0 && now - phaseStart >= deadlineNanos) {
        limit = Limit.REQUEST_DEADLINE;
        reason =
            host
                + ": "
                + what
                + " got no complete answer within the request deadline of "
                + seconds(limits.request());
      } else if (transferring && periodNanos > 0 && now - windowStart >= periodNanos) {
        long moved = bytes.get() - windowBytes;
        double rate = moved * 1e9 / (now - windowStart);
        if (rate < limits.minRate()) {
          limit = Limit.STALL;
          reason =
              host
                  + ": "
                  + what
                  + " stalled: "
                  + moved
                  + " bytes in "
                  + seconds(Duration.ofNanos(now - windowStart))
                  + ", below the minimum of "
                  + limits.minRate()
                  + " bytes/s";
        } else {
          windowStart = now;
          windowBytes = bytes.get();
        }
      }
      if (reason == null) {
        return false;
      }
      firedLimit = limit;
      fired = reason;
    }
    call.cancel();
    return true;
  }

  /**
   * {@code e}, thrown by the call, as the typed failure it is: the watchdog's, a timeout of the
   * socket, or {@code e} itself. {@code sending} says whether the body was being written.
   */
  IOException failure(IOException e, boolean sending) {
    if (e instanceof RegistryTimeoutException) {
      return e;
    }
    String reason = fired;
    Limit limit = firedLimit;
    if (reason != null && limit != null) {
      Duration after = limit == Limit.STALL ? limits.stallPeriod() : limits.request();
      return new RegistryTimeoutException(host, limit, after, reason, e);
    }
    if (e instanceof SocketTimeoutException || isOkioTimeout(e)) {
      String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
      if (message.contains("connect")) {
        return timeout(Limit.CONNECT, limits.connect(), "no connection within", e);
      }
      return sending
          ? timeout(Limit.WRITE, limits.write(), "could not send for", e)
          : timeout(Limit.READ, limits.read(), "received nothing for", e);
    }
    return e;
  }

  private IOException timeout(Limit limit, Duration after, String text, IOException e) {
    String message =
        host
            + ": "
            + what
            + " "
            + text
            + " "
            + seconds(after)
            + " ("
            + limit.name().toLowerCase(java.util.Locale.ROOT)
            + " timeout)";
    return new RegistryTimeoutException(host, limit, after, message, e);
  }

  /** Okio's own timeouts are InterruptedIOExceptions saying "timeout". */
  private static boolean isOkioTimeout(IOException e) {
    return e instanceof InterruptedIOException && "timeout".equals(e.getMessage());
  }

  static String seconds(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
  }
}
