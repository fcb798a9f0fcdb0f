package dev.ocitrust.client;

import dev.ocitrust.client.internal.CountingInputStream;
import dev.ocitrust.client.internal.LazyInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/**
 * Stream wrappers for moving content from one store into another: one that opens its source only
 * when first read, and one that reports the bytes passing through. Both keep the verification of
 * the stream they wrap: a stream from {@link Fetcher#fetch} wrapped in them and pushed to a store
 * of this module is hashed once, by the verifier of the fetch, and still fails before its last byte
 * when the content is wrong. Any other stream pushed to a store is hashed by the store.
 *
 * <p>Stateless and thread-safe; the streams it returns are not thread-safe (like any stream), and
 * the caller closes them.
 *
 * <pre>{@code
 * try (InputStream in = ContentStreams.lazy(
 *     () -> ContentStreams.counting(source.fetch(layer), progress::add))) {
 *   destination.push(layer, in);   // fetched only if the destination lacks the layer
 * }
 * }</pre>
 */
public final class ContentStreams {
  private ContentStreams() {}

  /** Opens a stream; the caller closes it. */
  @FunctionalInterface
  public interface Opener {
    /** Opens the stream. */
    InputStream open() throws IOException;
  }

  /**
   * A stream that calls {@code opener} when first read (or when a store it is pushed to is about to
   * read it and takes over the verification of the opened stream), so that a store which already
   * has the content causes no fetch. Closing it closes the opened stream, if any.
   */
  public static InputStream lazy(Opener opener) {
    return new LazyInputStream(opener);
  }

  /**
   * A stream of the bytes of {@code in}, unchanged, that calls {@code onBytes} with the number of
   * bytes of each read as they pass. Closing it closes {@code in}.
   */
  public static InputStream counting(InputStream in, LongConsumer onBytes) {
    return new CountingInputStream(in, onBytes);
  }
}
