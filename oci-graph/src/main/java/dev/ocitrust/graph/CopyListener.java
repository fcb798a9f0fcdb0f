package dev.ocitrust.graph;

import dev.ocitrust.client.Descriptor;

/**
 * Hooks a {@link GraphCopier} calls as it copies, for progress, metrics and audit logs. Every
 * method has a no-op default.
 *
 * <p>Calls come from the copier's worker threads, concurrently for different nodes, so
 * implementations must be thread-safe. They should return quickly and must not throw: a {@link
 * RuntimeException} from a hook fails the copy.
 *
 * <pre>{@code
 * CopyListener progress = new CopyListener() {
 *   @Override public void onCopied(Descriptor node) { log.info("copied {}", node.digest()); }
 *   @Override public void onBytes(Descriptor node, long count) { meter.add(count); }
 * };
 * }</pre>
 */
public interface CopyListener {
  /** A listener that does nothing. */
  CopyListener NONE = new CopyListener() {};

  /**
   * Before {@code node} is pushed (or mounted). A blob the destination turns out to have is then
   * reported to {@link #onSkipped} instead of {@link #onCopied}.
   */
  default void onStart(Descriptor node) {}

  /** After {@code node} was pushed to the destination. */
  default void onCopied(Descriptor node) {}

  /** {@code node} was already in the destination and was not transferred. */
  default void onSkipped(Descriptor node) {}

  /** {@code node} (a blob) was mounted from the source repository, without a transfer. */
  default void onMounted(Descriptor node) {}

  /** {@code count} more bytes of {@code node} were transferred. */
  default void onBytes(Descriptor node, long count) {}
}
