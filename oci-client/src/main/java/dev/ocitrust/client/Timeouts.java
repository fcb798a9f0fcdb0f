package dev.ocitrust.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How long {@link RegistryClient} waits on a registry before it gives up, each limit failing with a
 * {@link RegistryTimeoutException} that names the host and the limit:
 *
 * <ul>
 *   <li>{@link #connect() connect}: to open a TCP connection (and finish the TLS handshake);
 *   <li>{@link #read() read} and {@link #write() write}: the longest silence of one socket read or
 *       write;
 *   <li>{@link #request() request}: the overall deadline of one request, every retry and backoff
 *       included, from its start to its complete answer. The bytes of a blob body (a download's
 *       response, an upload's request) are not timed by it: the stall rule watches them, and the
 *       deadline starts again once an upload's last byte is sent (the registry's own work);
 *   <li>the stall rule: a blob transfer that moves fewer than {@link #minRate()} bytes a second,
 *       averaged over {@link #stallPeriod()}, fails. A byte a second keeps a read timeout quiet;
 *       this rule does not.
 * </ul>
 *
 * <p>{@link Duration#ZERO} (or a rate of 0) turns a limit off. The {@link #defaults()}: connect 15
 * s, read 60 s, write 60 s, request 120 s, at least 1024 bytes/s over 30 s.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * Timeouts t = Timeouts.builder()
 *     .request(Duration.ofSeconds(30))
 *     .minRate(64 * 1024, Duration.ofSeconds(10))
 *     .build();
 * RegistryClient client = RegistryClient.builder().timeouts(t).build();
 * }</pre>
 */
public final class Timeouts {
  private final Duration connect;
  private final Duration read;
  private final Duration write;
  private final Duration request;
  private final long minRate;
  private final Duration stallPeriod;

  private Timeouts(Builder b) {
    this.connect = b.connect;
    this.read = b.read;
    this.write = b.write;
    this.request = b.request;
    this.minRate = b.minRate;
    this.stallPeriod = b.stallPeriod;
  }

  /** The defaults: connect 15 s, read and write 60 s, request 120 s, 1024 bytes/s over 30 s. */
  public static Timeouts defaults() {
    return builder().build();
  }

  /** No limit at all (a registry that never answers is waited on for ever). */
  public static Timeouts none() {
    return builder()
        .connect(Duration.ZERO)
        .read(Duration.ZERO)
        .write(Duration.ZERO)
        .request(Duration.ZERO)
        .minRate(0, Duration.ZERO)
        .build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these limits. */
  public Builder toBuilder() {
    return new Builder()
        .connect(connect)
        .read(read)
        .write(write)
        .request(request)
        .minRate(minRate, stallPeriod);
  }

  /** The connect timeout; zero: none. */
  public Duration connect() {
    return connect;
  }

  /** The read timeout (longest silence of a socket read); zero: none. */
  public Duration read() {
    return read;
  }

  /** The write timeout (longest block of a socket write); zero: none. */
  public Duration write() {
    return write;
  }

  /** The overall deadline of one request, retries included; zero: none. */
  public Duration request() {
    return request;
  }

  /** The slowest blob transfer tolerated, bytes per second; 0: no stall rule. */
  public long minRate() {
    return minRate;
  }

  /** The period over which the transfer rate is measured. */
  public Duration stallPeriod() {
    return stallPeriod;
  }

  /** Whether the stall rule is on. */
  public boolean stallRule() {
    return minRate > 0 && !stallPeriod.isZero();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Timeouts t
        && connect.equals(t.connect)
        && read.equals(t.read)
        && write.equals(t.write)
        && request.equals(t.request)
        && minRate == t.minRate
        && stallPeriod.equals(t.stallPeriod);
  }

  @Override
  public int hashCode() {
    return Objects.hash(connect, read, write, request, minRate, stallPeriod);
  }

  @Override
  public String toString() {
    return "Timeouts[connect="
        + connect
        + ", read="
        + read
        + ", write="
        + write
        + ", request="
        + request
        + ", minRate="
        + minRate
        + "/s over "
        + stallPeriod
        + "]";
  }

  /** Builds {@link Timeouts}. Not thread-safe. */
  public static final class Builder {
    private Duration connect = Duration.ofSeconds(15);
    private Duration read = Duration.ofSeconds(60);
    private Duration write = Duration.ofSeconds(60);
    private Duration request = Duration.ofMinutes(2);
    private long minRate = 1024;
    private Duration stallPeriod = Duration.ofSeconds(30);

    private Builder() {}

    /** The connect timeout; zero: none. */
    public Builder connect(Duration connect) {
      this.connect = Objects.requireNonNull(connect, "connect");
      return this;
    }

    /** The read timeout; zero: none. */
    public Builder read(Duration read) {
      this.read = Objects.requireNonNull(read, "read");
      return this;
    }

    /** The write timeout; zero: none. */
    public Builder write(Duration write) {
      this.write = Objects.requireNonNull(write, "write");
      return this;
    }

    /** The overall deadline of one request, retries included; zero: none. */
    public Builder request(Duration request) {
      this.request = Objects.requireNonNull(request, "request");
      return this;
    }

    /**
     * The stall rule: a blob transfer slower than {@code bytesPerSecond} over {@code period} fails;
     * 0 or a zero period turn it off.
     */
    public Builder minRate(long bytesPerSecond, Duration period) {
      this.minRate = bytesPerSecond;
      this.stallPeriod = Objects.requireNonNull(period, "period");
      return this;
    }

    /** Validates and builds. */
    public Timeouts build() {
      for (Duration d : new Duration[] {connect, read, write, request, stallPeriod}) {
        if (d.isNegative()) {
          throw new IllegalArgumentException("timeouts must not be negative, got " + d);
        }
      }
      if (minRate < 0) {
        throw new IllegalArgumentException("minRate must not be negative, got " + minRate);
      }
      if (minRate > 0 && !stallPeriod.isZero() && stallPeriod.toMillis() < 100) {
        throw new IllegalArgumentException("stall period must be 100 ms or more");
      }
      return new Timeouts(this);
    }
  }
}
