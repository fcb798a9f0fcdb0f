package dev.ocitrust.client;

/**
 * A reference whose registry configuration says {@code blocked = true}: nothing is read from it or
 * written to it.
 *
 * <p>Immutable; safe to share between threads.
 *
 * <pre>{@code
 * try {
 *   client.target(Reference.parse("blocked.example/app:v1"));
 * } catch (BlockedRegistryException e) {
 *   System.err.println(e.getMessage());
 * }
 * }</pre>
 */
public final class BlockedRegistryException extends OciException {
  private static final long serialVersionUID = 1L;

  /** For {@code reference}, blocked by the entry with {@code prefix}. */
  public BlockedRegistryException(String reference, String prefix) {
    super(
        reference
            + " is blocked by the registry configuration (the entry with prefix '"
            + prefix
            + "')");
  }
}
