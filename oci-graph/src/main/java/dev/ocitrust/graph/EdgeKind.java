package dev.ocitrust.graph;

/** How one node of an {@link ArtifactGraph} names another. */
public enum EdgeKind {
  /**
   * The source manifest names the target as content: an index names a manifest, a manifest names
   * its config or a layer. The target must be present wherever the source is.
   */
  SUCCESSOR,
  /**
   * The source manifest is a referrer of the target: its {@code subject} field names the target.
   * Signatures, SBOMs and claims are attached this way.
   */
  SUBJECT
}
