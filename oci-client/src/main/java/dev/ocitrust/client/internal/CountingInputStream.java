package dev.ocitrust.client.internal;

import dev.ocitrust.client.Descriptor;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;

/**
 * Reports how many bytes pass through, as they pass. Every read path goes through {@link
 * #read(byte[], int, int)} or {@link #read()}. Not thread-safe; closing it closes the source.
 */
public final class CountingInputStream extends FilterInputStream implements VerifiedContent {
  private final LongConsumer onBytes;

  /** Wraps {@code in}, calling {@code onBytes} with each count read. */
  public CountingInputStream(InputStream in, LongConsumer onBytes) {
    super(Objects.requireNonNull(in, "in"));
    this.onBytes = Objects.requireNonNull(onBytes, "onBytes");
  }

  /** Hands over the stream it counts, whose bytes it passes through unchanged, still counted. */
  @Override
  public @Nullable InputStream handOver(Descriptor d) throws IOException {
    InputStream handed = in instanceof VerifiedContent v ? v.handOver(d) : null;
    return handed == null ? null : new CountingInputStream(handed, onBytes);
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      onBytes.accept(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n > 0) {
      onBytes.accept(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    byte[] sink = new byte[(int) Math.min(Math.max(n, 0), 8192)];
    int read = read(sink, 0, sink.length);
    return Math.max(read, 0);
  }

  @Override
  public boolean markSupported() {
    return false;
  }
}
