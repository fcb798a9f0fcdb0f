package dev.ocitrust.client;

/**
 * Hears the progress of blob transfers between a {@link Repository} and its registry: for progress
 * bars and metrics.
 *
 * <p>Called from the threads that move the bytes, so implementations are thread-safe and fast; an
 * exception thrown by a listener is logged and otherwise ignored.
 *
 * <pre>{@code
 * TransferListener bar = (blob, direction, bytes) -> progress.set(blob.digest(), bytes);
 * RegistryClient client = RegistryClient.builder().transferListener(bar).build();
 * }</pre>
 */
@FunctionalInterface
public interface TransferListener {
  /** Which way bytes move. */
  enum Direction {
    /** From the registry. */
    DOWNLOAD,
    /** To the registry. */
    UPLOAD
  }

  /** A listener that hears nothing. */
  TransferListener NONE = (blob, direction, bytes) -> {};

  /**
   * {@code bytesSoFar} bytes of {@code blob} have moved in {@code direction} (monotonic per
   * transfer, reaching {@code blob.size()} when it completes; a restarted download starts over).
   */
  void progress(Descriptor blob, Direction direction, long bytesSoFar);
}
