package dev.ocitrust.graph;

import dev.ocitrust.client.Descriptor;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link GraphSync} brought into the destination for one artifact. Immutable and
 * thread-safe.
 *
 * <pre>{@code
 * SyncResult r = sync.sync(source, "v1", destination, SyncOptions.defaults());
 * for (GraphNode n : r.arrived()) {
 *   System.out.println(n.artifactType().orElse("?") + " " + n.digest());
 * }
 * }</pre>
 *
 * @param reference the source reference
 * @param root the artifact
 * @param rootCopied whether the artifact itself was new to the destination
 * @param arrived the referrer manifests that arrived (at any depth), as the source listed them
 * @param tagged the tag set or moved in the destination, if one was
 * @param nodesCopied manifests and blobs pushed
 * @param bytesCopied bytes pushed
 * @param duration wall time, listings included
 */
public record SyncResult(
    String reference,
    Descriptor root,
    boolean rootCopied,
    List<GraphNode> arrived,
    Optional<String> tagged,
    int nodesCopied,
    long bytesCopied,
    Duration duration) {
  /** Checks and copies the parts. */
  public SyncResult {
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(root, "root");
    arrived = List.copyOf(arrived);
    Objects.requireNonNull(tagged, "tagged");
    Objects.requireNonNull(duration, "duration");
  }

  /** Whether nothing arrived and no tag moved. */
  public boolean unchanged() {
    return !rootCopied && arrived.isEmpty() && tagged.isEmpty();
  }
}
