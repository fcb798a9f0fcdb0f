package dev.ocitrust.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * One fault for a {@link FaultProxy} to inject: in one direction of a connection, at a chosen byte
 * (an offset, or the start of the n-th occurrence of a marker such as {@code "PATCH "}: where a
 * marker spans two reads, the fault happens where the second begins), do one {@link Action}. Bytes
 * before that point pass untouched. It hits the first {@link #times()} connections that reach its
 * byte, then is spent.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * Fault.at(Fault.Direction.DOWNSTREAM, 1_000_000).cut();          // break a download mid-blob
 * Fault.before(Fault.Direction.UPSTREAM, "PATCH ", 3).reset();    // reset before the third chunk
 * Fault.at(Fault.Direction.DOWNSTREAM, 0).stall();                // accept, never answer
 * Fault.at(Fault.Direction.DOWNSTREAM, 0).slow(Duration.ofSeconds(1)); // a byte a second
 * }</pre>
 */
public final class Fault {
  /** Which way the bytes flow. */
  public enum Direction {
    /** From the client to the server (requests, uploads). */
    UPSTREAM,
    /** From the server to the client (answers, downloads). */
    DOWNSTREAM
  }

  /** What happens at the fault's byte. */
  public enum Action {
    /** Both directions end (FIN each way): each peer sees the connection end early. */
    CUT,
    /** Both sockets are reset (RST). */
    RESET,
    /** Nothing more flows in this direction; the connection stays open. */
    STALL,
    /** The rest flows one byte per {@link #interval()}. */
    SLOW
  }

  private final Direction direction;
  private final long offset;
  private final byte[] marker;
  private final int occurrence;
  private final Action action;
  private final Duration interval;
  private final int times;

  private Fault(
      Direction direction,
      long offset,
      byte[] marker,
      int occurrence,
      Action action,
      Duration interval,
      int times) {
    this.direction = direction;
    this.offset = offset;
    this.marker = marker;
    this.occurrence = occurrence;
    this.action = action;
    this.interval = interval;
    this.times = times;
  }

  /** A point {@code offset} bytes into {@code direction} of a connection. */
  public static Point at(Direction direction, long offset) {
    if (offset < 0) {
      throw new IllegalArgumentException("offset must not be negative");
    }
    return new Point(Objects.requireNonNull(direction, "direction"), offset, new byte[0], 0);
  }

  /**
   * The point just before the {@code occurrence}-th (1-based) {@code marker} in {@code direction}.
   */
  public static Point before(Direction direction, String marker, int occurrence) {
    if (marker.isEmpty() || occurrence < 1) {
      throw new IllegalArgumentException("a marker and an occurrence from 1 are needed");
    }
    return new Point(
        Objects.requireNonNull(direction, "direction"),
        -1,
        marker.getBytes(StandardCharsets.ISO_8859_1),
        occurrence);
  }

  /** Where a fault happens; its methods say what happens there. */
  public static final class Point {
    private final Direction direction;
    private final long offset;
    private final byte[] marker;
    private final int occurrence;

    private Point(Direction direction, long offset, byte[] marker, int occurrence) {
      this.direction = direction;
      this.offset = offset;
      this.marker = marker;
      this.occurrence = occurrence;
    }

    /** End both directions here (FIN each way); nothing more flows. */
    public Fault cut() {
      return make(Action.CUT, Duration.ZERO, 1);
    }

    /** Reset both sockets here. */
    public Fault reset() {
      return make(Action.RESET, Duration.ZERO, 1);
    }

    /** Stop this direction here, leaving the connection open. */
    public Fault stall() {
      return make(Action.STALL, Duration.ZERO, 1);
    }

    /** From here on, one byte per {@code interval}. */
    public Fault slow(Duration interval) {
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("interval must be positive");
      }
      return make(Action.SLOW, interval, 1);
    }

    private Fault make(Action action, Duration interval, int times) {
      return new Fault(direction, offset, marker, occurrence, action, interval, times);
    }
  }

  /** The same fault hitting the first {@code times} connections that reach its byte. */
  public Fault times(int times) {
    if (times < 1) {
      throw new IllegalArgumentException("times must be positive");
    }
    return new Fault(direction, offset, marker, occurrence, action, interval, times);
  }

  /** The direction it applies to. */
  public Direction direction() {
    return direction;
  }

  /** Its offset, or -1 when it is placed by a marker. */
  public long offset() {
    return offset;
  }

  /** Its marker (empty when placed by offset). */
  public byte[] marker() {
    return marker.clone();
  }

  /** Which occurrence of the marker (0 when placed by offset). */
  public int occurrence() {
    return occurrence;
  }

  /** What it does. */
  public Action action() {
    return action;
  }

  /** The pace of {@link Action#SLOW}. */
  public Duration interval() {
    return interval;
  }

  /** How many connections it hits. */
  public int times() {
    return times;
  }

  byte[] markerBytes() {
    return marker;
  }

  @Override
  public String toString() {
    String where =
        offset >= 0
            ? "byte " + offset
            : "occurrence "
                + occurrence
                + " of '"
                + new String(marker, StandardCharsets.ISO_8859_1)
                + "'";
    return action
        + (action == Action.SLOW ? " (1 byte per " + interval.toMillis() + " ms)" : "")
        + " "
        + direction
        + " at "
        + where
        + (times > 1 ? " x" + times : "");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Fault f
        && direction == f.direction
        && offset == f.offset
        && Arrays.equals(marker, f.marker)
        && occurrence == f.occurrence
        && action == f.action
        && interval.equals(f.interval)
        && times == f.times;
  }

  @Override
  public int hashCode() {
    return Objects.hash(direction, offset, Arrays.hashCode(marker), occurrence, action, interval);
  }
}
