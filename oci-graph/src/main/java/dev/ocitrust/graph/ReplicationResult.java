package dev.ocitrust.graph;

import dev.ocitrust.client.Descriptor;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What {@link GraphCopier#replicate} did: the graph read from the source once, and one {@link
 * ReplicaResult} per destination, in the order they were given. Immutable and thread-safe.
 *
 * <pre>{@code
 * ReplicationResult r = copier.replicate(source, root, replicas, CopyOptions.withReferrers());
 * if (!r.allSucceeded()) {
 *   // run it again later: each failed destination gets only what it lacks
 * }
 * }</pre>
 *
 * @param root the root copied
 * @param graph the graph as found in the source
 * @param replicas per destination, in the order given
 * @param sourceBlobReads how many blobs were read from the source (each at most once, unless a read
 *     failed and was tried again)
 * @param duration wall time of the whole replication
 */
public record ReplicationResult(
    Descriptor root,
    ArtifactGraph graph,
    List<ReplicaResult> replicas,
    int sourceBlobReads,
    Duration duration) {
  /** Checks and copies the parts. */
  public ReplicationResult {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(graph, "graph");
    Objects.requireNonNull(duration, "duration");
    replicas = List.copyOf(replicas);
  }

  /** Whether every destination has everything and its tags. */
  public boolean allSucceeded() {
    return replicas.stream().allMatch(ReplicaResult::succeeded);
  }

  /** The destinations whose copy failed. */
  public List<ReplicaResult> failed() {
    return replicas.stream().filter(r -> !r.succeeded()).toList();
  }
}
