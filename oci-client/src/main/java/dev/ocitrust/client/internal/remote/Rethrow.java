package dev.ocitrust.client.internal.remote;

import java.io.IOException;
import org.jspecify.annotations.Nullable;

/** Rethrows, in the waiting thread, the failure of work that another thread did for it. */
final class Rethrow {
  private Rethrow() {}

  /**
   * Throws {@code cause} itself when it is an {@link IOException} or a {@link RuntimeException};
   * otherwise returns it, for the caller to wrap.
   */
  static @Nullable Throwable ioOrUnchecked(@Nullable Throwable cause) throws IOException {
    if (cause instanceof IOException io) {
      throw io;
    }
    if (cause instanceof RuntimeException re) {
      throw re;
    }
    return cause;
  }
}
