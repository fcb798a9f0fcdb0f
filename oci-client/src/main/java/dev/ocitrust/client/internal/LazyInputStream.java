package dev.ocitrust.client.internal;

import dev.ocitrust.client.ContentStreams;
import dev.ocitrust.client.Descriptor;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A stream that opens its source on the first read, so that a store which already has the content
 * (and so never reads) causes no fetch. Not thread-safe; closing it closes the source if opened.
 */
public final class LazyInputStream extends InputStream implements VerifiedContent {
  private final ContentStreams.Opener opener;
  private @Nullable InputStream in;
  private boolean closed;

  /** A stream that calls {@code opener} when first read. */
  public LazyInputStream(ContentStreams.Opener opener) {
    this.opener = Objects.requireNonNull(opener, "opener");
  }

  private InputStream source() throws IOException {
    if (closed) {
      throw new IOException("stream closed");
    }
    InputStream s = in;
    if (s == null) {
      s = Objects.requireNonNull(opener.open(), "opener returned null");
      in = s;
    }
    return s;
  }

  /** Opens the source, and hands it over when it verifies {@code d}: a store's fetch does. */
  @Override
  public @Nullable InputStream handOver(Descriptor d) throws IOException {
    return source() instanceof VerifiedContent v ? v.handOver(d) : null;
  }

  @Override
  public int read() throws IOException {
    return source().read();
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    return source().read(buffer, offset, length);
  }

  @Override
  public long skip(long n) throws IOException {
    return source().skip(n);
  }

  @Override
  public int available() throws IOException {
    return in == null ? 0 : in.available();
  }

  @Override
  public void close() throws IOException {
    closed = true;
    if (in != null) {
      in.close();
    }
  }
}
