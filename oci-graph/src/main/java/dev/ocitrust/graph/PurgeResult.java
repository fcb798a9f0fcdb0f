package dev.ocitrust.graph;

import dev.ocitrust.client.Descriptor;
import java.util.List;
import java.util.Objects;

/**
 * What a purge deleted, or in a dry run would delete, in deletion order; and what it kept.
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * PurgeResult plan = Purger.builder().dryRun(true).build().purge(store, root);
 * plan.deleted().forEach(d -> System.out.println("would delete " + d.digest()));
 * }</pre>
 *
 * @param graph the graph that was walked
 * @param deleted what was (or would be) deleted, referrers deepest first, then the root, then what
 *     it names
 * @param kept nodes of the graph left in place (kept referrers and everything they need)
 * @param dryRun whether nothing was actually deleted
 */
public record PurgeResult(
    ArtifactGraph graph, List<Descriptor> deleted, List<Descriptor> kept, boolean dryRun) {
  /** Checks and copies the parts. */
  public PurgeResult {
    Objects.requireNonNull(graph, "graph");
    deleted = List.copyOf(deleted);
    kept = List.copyOf(kept);
  }
}
