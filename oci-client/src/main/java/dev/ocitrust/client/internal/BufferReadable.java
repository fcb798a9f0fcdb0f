package dev.ocitrust.client.internal;

import java.io.IOException;
import okio.Buffer;

/**
 * A source that moves its bytes into an Okio {@link Buffer} without copying them through a byte
 * array (a response body's segments are handed over, not copied). {@link VerifiedInputStream}
 * uses it when its source offers it.
 *
 * <p>Not thread-safe, like the stream that implements it.
 */
public interface BufferReadable {
  /**
   * Appends at least one and at most {@code byteCount} bytes to {@code sink}.
   *
   * @return how many bytes were appended, or -1 at the end of the content
   */
  long read(Buffer sink, long byteCount) throws IOException;
}
