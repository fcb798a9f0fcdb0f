package dev.ocitrust.client;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Streams made outside oci-client's internals that try to pass as verified content: wrong bytes
 * dressed in everything public that verified content comes in.
 */
final class ForeignStreams {
  private ForeignStreams() {}

  /**
   * Streams that yield other bytes than {@code d} describes, by name; {@code other} holds {@code d}
   * and {@code ofTampered}, a descriptor of {@code d}'s content with one byte changed.
   */
  static Map<String, ContentStreams.Opener> disguises(
      Target other, Descriptor d, Descriptor ofTampered) {
    int at = (int) (d.size() / 2);
    Map<String, ContentStreams.Opener> m = new LinkedHashMap<>();
    m.put(
        "a subclass of FilterInputStream around a fetch", () -> new Tampering(other.fetch(d), at));
    m.put(
        "the lazy stream of that",
        () -> ContentStreams.lazy(() -> new Tampering(other.fetch(d), at)));
    m.put(
        "the counting stream of that",
        () -> ContentStreams.counting(new Tampering(other.fetch(d), at), n -> {}));
    m.put("a fetch of other content", () -> other.fetch(ofTampered));
    m.put(
        "a lazy fetch of other content", () -> ContentStreams.lazy(() -> other.fetch(ofTampered)));
    m.put(
        "a fetch read partly before the push",
        () -> {
          InputStream in = other.fetch(d);
          in.readNBytes(8);
          return in;
        });
    m.put(
        "a lazy, counting fetch read partly before the push",
        () -> {
          InputStream in =
              ContentStreams.lazy(() -> ContentStreams.counting(other.fetch(d), n -> {}));
          in.readNBytes(8);
          return in;
        });
    return m;
  }

  /** Passes its source through, except for the byte at {@code at}, which it changes. */
  static final class Tampering extends FilterInputStream {
    private final long at;
    private long position;

    Tampering(InputStream in, long at) {
      super(in);
      this.at = at;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0 && at >= position && at < position + n) {
        b[off + (int) (at - position)] ^= 1;
      }
      position += Math.max(n, 0);
      return n;
    }
  }

  /**
   * The content of {@code content}, which on its first read tries to take the first bytes for
   * itself through the stream that verifies it ({@link #victim}), so that the store would get the
   * rest under the whole content's digest.
   */
  static final class Thief extends ByteArrayInputStream {
    @Nullable InputStream victim;
    @Nullable IOException refused;
    private boolean tried;

    Thief(byte[] content) {
      super(content);
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
      InputStream v = victim;
      if (!tried && v != null) {
        tried = true;
        try {
          v.readNBytes(8);
        } catch (IOException e) {
          refused = e;
        }
      }
      return super.read(b, off, len);
    }
  }
}
