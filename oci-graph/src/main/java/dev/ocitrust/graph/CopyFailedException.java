package dev.ocitrust.graph;

import java.util.Objects;

/**
 * A copy that failed part way. What it pushed before failing is complete content (children are
 * always pushed before the manifests naming them), no tag was set, and running the same copy again
 * transfers only what is missing. The cause is the first failure; {@link #partial()} counts what
 * was done.
 */
public final class CopyFailedException extends GraphException {
  private static final long serialVersionUID = 1L;

  private final transient CopyResult partial;

  /**
   * Creates the exception for a copy that did {@code partial} before failing with {@code cause}.
   */
  public CopyFailedException(String message, CopyResult partial, Throwable cause) {
    super(message, cause);
    this.partial = Objects.requireNonNull(partial, "partial");
  }

  /** What the copy did before it failed (its tags are empty). */
  public CopyResult partial() {
    return partial;
  }
}
