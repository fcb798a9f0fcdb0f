package dev.ocitrust.client.internal;

import dev.ocitrust.client.ContentVerificationException;
import dev.ocitrust.client.Descriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A stream that hands out exactly the content a descriptor describes, or fails.
 *
 * <p>Every read path ({@code read()}, {@code read(byte[], int, int)}, {@code skip}, {@code
 * transferTo}, and the defaults built on them) goes through {@link #read(byte[], int, int)}, which
 * hashes what it returns. The read that would complete the content first checks that the source
 * ends there and that the digest matches, and throws {@link ContentVerificationException} instead
 * of returning those bytes when either fails. A source that ends early fails as well.
 *
 * <p>Not thread-safe (like any stream). Closing it closes the source. Public only for this module's
 * stores (see {@link VerifiedContent}).
 */
public final class VerifiedInputStream extends InputStream implements VerifiedContent {
  private static final int TRANSFER_BUFFER = 64 * 1024;

  private final InputStream source;
  private final Descriptor expected;
  private final String where;
  private final MessageDigest hash;
  private long count;
  private boolean verified;
  private @Nullable IOException failure;

  /**
   * Wraps {@code source}, which should yield the content of {@code expected}.
   *
   * @param where names the origin in error messages (a file, a URL)
   */
  public VerifiedInputStream(InputStream source, Descriptor expected, String where) {
    this.source = Objects.requireNonNull(source, "source");
    this.expected = Objects.requireNonNull(expected, "expected");
    this.where = where;
    this.hash = expected.digest().newMessageDigest();
  }

  /**
   * When nothing was read from this stream and it verifies {@code d}: a new verifying stream of the
   * same source, with its own digest state, while this one fails every read from now on.
   */
  @Override
  public @Nullable InputStream handOver(Descriptor d) {
    if (count != 0
        || failure != null
        || verified
        || !expected.digest().equals(d.digest())
        || expected.size() != d.size()) {
      return null;
    }
    failure = new IOException(where + ": content of " + expected.digest() + " was handed over");
    return new VerifiedInputStream(source, expected, where);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, buffer.length);
    if (failure != null) {
      throw failure;
    }
    if (verified) {
      return -1;
    }
    long remaining = expected.size() - count;
    if (remaining == 0) {
      verifyEnd();
      return -1;
    }
    if (length == 0) {
      return 0;
    }
    int n = source.read(buffer, offset, (int) Math.min(length, remaining));
    if (n < 0) {
      throw fail(
          where
              + ": content of "
              + expected.digest()
              + " ended after "
              + count
              + " of "
              + expected.size()
              + " bytes");
    }
    hash.update(buffer, offset, n);
    count += n;
    if (count == expected.size()) {
      verifyEnd();
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    if (n <= 0) {
      return 0;
    }
    byte[] discard = new byte[(int) Math.min(n, TRANSFER_BUFFER)];
    long skipped = 0;
    while (skipped < n) {
      int r = read(discard, 0, (int) Math.min(discard.length, n - skipped));
      if (r < 0) {
        break;
      }
      skipped += r;
    }
    return skipped;
  }

  @Override
  public long transferTo(OutputStream out) throws IOException {
    Objects.requireNonNull(out, "out");
    byte[] buffer = new byte[(int) Math.min(TRANSFER_BUFFER, Math.max(1, expected.size()))];
    long total = 0;
    int n;
    while ((n = read(buffer, 0, buffer.length)) >= 0) {
      out.write(buffer, 0, n);
      total += n;
    }
    return total;
  }

  @Override
  public int available() throws IOException {
    if (failure != null || verified) {
      return 0;
    }
    // Never report the final bytes as available: reading them triggers verification.
    long remaining = expected.size() - count;
    return (int) Math.max(0, Math.min(source.available(), remaining - 1));
  }

  @Override
  public void close() throws IOException {
    source.close();
  }

  /** Checks that the source ends here and that the digest matches; remembers a failure. */
  private void verifyEnd() throws IOException {
    int extra = source.read();
    if (extra >= 0) {
      throw fail(
          where
              + ": content of "
              + expected.digest()
              + " is longer than its descriptor's "
              + expected.size()
              + " bytes");
    }
    byte[] actual = hash.digest();
    if (!expected.digest().matches(actual)) {
      throw fail(
          where
              + ": content does not match digest "
              + expected.digest()
              + " (got "
              + expected.digest().algorithm()
              + ":"
              + java.util.HexFormat.of().formatHex(actual)
              + ")");
    }
    verified = true;
  }

  private IOException fail(String message) {
    failure = new ContentVerificationException(message);
    return failure;
  }
}
