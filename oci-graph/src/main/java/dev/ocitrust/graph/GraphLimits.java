package dev.ocitrust.graph;

/**
 * The bounds of a walk of the artifact graph, shared by {@link Discovery}, {@link GraphCopier} (via
 * {@link CopyOptions}) and {@link Purger}: exceeding one raises {@link GraphLimitException}.
 *
 * <p>A hostile registry can answer with an endless chain of referrers or nested indexes, or with
 * huge manifests; these limits keep a walk finite in nodes, depth and memory.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * CopyOptions options = CopyOptions.builder()
 *     .limits(GraphLimits.DEFAULTS.withMaxNodes(50_000))
 *     .build();
 * }</pre>
 *
 * @param maxNodes the most nodes a graph may have (default 10,000)
 * @param maxDepth the deepest nesting of indexes walked (default 32)
 * @param maxManifestBytes the most manifest bytes a walk holds in memory (default 256 MiB)
 */
public record GraphLimits(int maxNodes, int maxDepth, long maxManifestBytes) {

  /** 10,000 nodes, 32 levels of nested indexes, 256 MiB of manifests. */
  public static final GraphLimits DEFAULTS = new GraphLimits(10_000, 32, 256L * 1024 * 1024);

  /**
   * Validates the limits.
   *
   * @throws IllegalArgumentException when a limit is below 1
   */
  public GraphLimits {
    if (maxNodes < 1) {
      throw new IllegalArgumentException("maxNodes must be >= 1, was " + maxNodes);
    }
    if (maxDepth < 1) {
      throw new IllegalArgumentException("maxDepth must be >= 1, was " + maxDepth);
    }
    if (maxManifestBytes < 1) {
      throw new IllegalArgumentException("maxManifestBytes must be >= 1, was " + maxManifestBytes);
    }
  }

  /** These limits with {@code max} nodes. */
  public GraphLimits withMaxNodes(int max) {
    return new GraphLimits(max, maxDepth, maxManifestBytes);
  }

  /** These limits with {@code max} levels of nested indexes. */
  public GraphLimits withMaxDepth(int max) {
    return new GraphLimits(maxNodes, max, maxManifestBytes);
  }

  /** These limits with {@code max} bytes of manifests. */
  public GraphLimits withMaxManifestBytes(long max) {
    return new GraphLimits(maxNodes, maxDepth, max);
  }
}
