package dev.ocitrust.graph;

import dev.ocitrust.client.Digest;
import java.util.Objects;

/**
 * One edge of an {@link ArtifactGraph}: {@code from} names {@code to}, as a successor or as its
 * subject. Immutable and thread-safe.
 *
 * <pre>{@code
 * for (GraphEdge e : graph.edges()) {
 *   if (e.kind() == EdgeKind.SUBJECT) System.out.println(e.from() + " refers to " + e.to());
 * }
 * }</pre>
 *
 * @param from the naming manifest
 * @param to the named content
 * @param kind how it is named
 */
public record GraphEdge(Digest from, Digest to, EdgeKind kind) {
  /** Checks the parts are present. */
  public GraphEdge {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(kind, "kind");
  }
}
