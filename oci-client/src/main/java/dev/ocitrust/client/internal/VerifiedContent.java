package dev.ocitrust.client.internal;

import dev.ocitrust.client.Descriptor;
import java.io.IOException;
import java.io.InputStream;
import org.jspecify.annotations.Nullable;

/**
 * A stream of oci-client that yields exactly the content of one descriptor or fails before its last
 * byte: a {@link VerifiedInputStream}, or one of this package's wrappers that pass the bytes of one
 * through unchanged ({@link CountingInputStream}, {@link LazyInputStream}). A store that is handed
 * one does not hash the content a second time, so a copy from one store to another computes each
 * byte's digest once.
 *
 * <p>Sealed: on the class path any class could implement an open interface and so make a store skip
 * hashing; these three, all final, are the only ones. A stream from anywhere else is hashed by the
 * store it is pushed to. The streams are public only so that this module's root package can make
 * them; from outside they are reached through {@code ContentStreams}, as plain streams.
 *
 * <p>What a store trusts is never the stream it was given: {@link #handOver} moves the content into
 * a new verifying stream that only the store holds. Whoever still holds the given stream (even from
 * inside the source it reads) cannot read bytes past the store's hash; reads of a stream that was
 * handed over fail.
 */
public sealed interface VerifiedContent
    permits VerifiedInputStream, CountingInputStream, LazyInputStream {
  /**
   * When this stream, not read from yet, verifies exactly the content {@code d} describes: a new
   * stream of that content, verified by a verifier that only the returned stream holds, after which
   * this stream can no longer be read (closing it still closes its source). Otherwise null, and
   * this stream is unchanged except that a lazily opened source may now be open.
   *
   * <p>The caller must not close the returned stream: its source belongs to this one.
   */
  @Nullable InputStream handOver(Descriptor d) throws IOException;

  /**
   * The content of {@code content} verified against {@code expected}: handed over when {@code
   * content} verifies {@code expected} from its start, else {@code content} wrapped in a {@link
   * VerifiedInputStream}. The caller closes {@code content}, never the stream returned.
   *
   * @param where names the origin in error messages
   */
  static InputStream verifying(InputStream content, Descriptor expected, String where)
      throws IOException {
    if (content instanceof VerifiedContent v) {
      InputStream handed = v.handOver(expected);
      if (handed != null) {
        return handed;
      }
    }
    return new VerifiedInputStream(content, expected, where);
  }
}
