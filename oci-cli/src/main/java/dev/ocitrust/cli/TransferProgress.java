package dev.ocitrust.cli;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.Digest;
import dev.ocitrust.client.TransferListener;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * A one-line progress display on a terminal for blob transfers of at least {@link #THRESHOLD}
 * bytes: bytes moved of the total, rate and time left, redrawn with a carriage return at most every
 * {@link #REDRAW_NANOS}, and ended with a line feed on {@link #close()}. Smaller blobs are not
 * shown. {@link #none()} shows nothing.
 *
 * <p>Thread-safe: transfers report from their own threads.
 */
final class TransferProgress implements TransferListener, AutoCloseable {
  /** The smallest blob shown. */
  static final long THRESHOLD = 4L * 1024 * 1024;

  /** The shortest time between redraws. */
  static final long REDRAW_NANOS = 200_000_000L;

  private static final TransferProgress NONE = new TransferProgress(null, System::nanoTime);

  private final @Nullable PrintStream out;
  private final LongSupplier nanos;
  private final Map<Digest, long[]> blobs = new LinkedHashMap<>(); // size, done
  private long started = -1;
  private long lastDraw;
  private int drawnWidth;
  private @Nullable Direction direction;

  /** A display on {@code out}. */
  TransferProgress(PrintStream out) {
    this(out, System::nanoTime);
  }

  /** A display on {@code out} with time from {@code nanos} (tests). */
  TransferProgress(@Nullable PrintStream out, LongSupplier nanos) {
    this.out = out;
    this.nanos = nanos;
  }

  /** A display that shows nothing. */
  static TransferProgress none() {
    return NONE;
  }

  @Override
  public synchronized void progress(Descriptor blob, Direction way, long bytesSoFar) {
    if (blob.size() < THRESHOLD || out == null) {
      return;
    }
    long now = nanos.getAsLong();
    if (started < 0) {
      started = now;
      lastDraw = now - REDRAW_NANOS;
    }
    direction = way;
    long[] entry = blobs.computeIfAbsent(blob.digest(), d -> new long[] {blob.size(), 0});
    entry[1] = Math.min(bytesSoFar, entry[0]);
    boolean finished = blobs.values().stream().allMatch(e -> e[1] >= e[0]);
    if (finished || now - lastDraw >= REDRAW_NANOS) {
      lastDraw = now;
      draw(line(now));
    }
  }

  /** The line for the state at {@code now}. */
  synchronized String line(long now) {
    long total = 0;
    long done = 0;
    for (long[] e : blobs.values()) {
      total += e[0];
      done += e[1];
    }
    double seconds = Math.max(1e-3, (now - started) / 1e9);
    double rate = done / seconds;
    String eta = rate <= 0 ? "--" : duration((long) Math.ceil((total - done) / rate));
    return String.format(
        Locale.ROOT,
        "%s %s / %s  %s/s  ETA %s",
        direction == Direction.UPLOAD ? "Uploading" : "Downloading",
        size(done),
        size(total),
        size((long) rate),
        eta);
  }

  private void draw(String line) {
    PrintStream o = out;
    if (o == null) {
      return;
    }
    String pad = drawnWidth > line.length() ? " ".repeat(drawnWidth - line.length()) : "";
    o.print("\r" + line + pad);
    o.flush();
    drawnWidth = line.length();
  }

  /** Ends the line, if anything was drawn. */
  @Override
  public synchronized void close() {
    if (out != null && drawnWidth > 0) {
      draw(line(nanos.getAsLong()));
      out.println();
      drawnWidth = 0;
    }
  }

  /** {@code bytes} in binary units with one decimal, e.g. {@code 12.5 MiB}. */
  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = bytes;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }

  /** {@code seconds} as {@code 42s}, {@code 3m05s} or {@code 1h02m}. */
  static String duration(long seconds) {
    if (seconds < 60) {
      return seconds + "s";
    }
    if (seconds < 3600) {
      return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
    }
    return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, (seconds % 3600) / 60);
  }
}
