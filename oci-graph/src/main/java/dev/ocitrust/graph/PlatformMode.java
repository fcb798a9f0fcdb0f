package dev.ocitrust.graph;

/**
 * What a copy with a platform does when the root is an index.
 *
 * <p>A copy without a platform always copies the whole index and keeps its digest.
 */
public enum PlatformMode {
  /**
   * Copy the first index entry for the platform, as the root: the destination gets that manifest
   * (its digest unchanged) and its referrers, and the tags point at it. The index and its own
   * referrers are not copied.
   */
  SELECT_MANIFEST,
  /**
   * Push a new index listing only the entries for the platform (same annotations, artifact type and
   * subject; OCI index media type) and tag it. Its digest differs from the source index's, and is
   * reported in {@link CopyResult#root()}. Referrers of the source index are not copied (they name
   * the old digest); referrers of the chosen manifests are. When every entry is for the platform,
   * the index is copied as it is, digest kept.
   */
  FILTER_INDEX
}
