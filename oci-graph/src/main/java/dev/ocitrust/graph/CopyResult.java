package dev.ocitrust.graph;

import dev.ocitrust.client.Descriptor;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a copy did. Immutable and thread-safe.
 *
 * <pre>{@code
 * CopyResult r = copier.copy(src, "v1", dst, options);
 * System.out.printf("%s: %d copied (%d bytes), %d skipped, %d mounted in %s%n",
 *     r.root().digest(), r.nodesCopied(), r.bytesCopied(), r.nodesSkipped(), r.blobsMounted(), r.duration());
 * }</pre>
 *
 * @param root the root as it is in the destination (a new digest only with {@link
 *     PlatformMode#FILTER_INDEX})
 * @param graph the graph that was copied, as found in the source
 * @param nodesCopied manifests and blobs pushed
 * @param bytesCopied bytes pushed
 * @param nodesSkipped nodes found already in the destination
 * @param blobsMounted blobs mounted from the source repository
 * @param tags the tags set in the destination (empty when the copy failed)
 * @param duration wall time
 */
public record CopyResult(
    Descriptor root,
    ArtifactGraph graph,
    int nodesCopied,
    long bytesCopied,
    int nodesSkipped,
    int blobsMounted,
    List<String> tags,
    Duration duration) {
  /** Checks and copies the parts. */
  public CopyResult {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(graph, "graph");
    Objects.requireNonNull(duration, "duration");
    tags = List.copyOf(tags);
  }
}
