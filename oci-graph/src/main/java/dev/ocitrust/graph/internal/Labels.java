package dev.ocitrust.graph.internal;

import dev.ocitrust.graph.GraphNode;
import dev.ocitrust.graph.RenderOptions;
import java.util.ArrayList;
import java.util.List;

/** The lines of a node's label in the diagram renderers. */
final class Labels {
  private Labels() {}

  /** Artifact type (else media type), short digest, size, then chosen annotations as key=value. */
  static List<String> lines(GraphNode n, RenderOptions options) {
    List<String> lines = new ArrayList<>();
    lines.add(n.artifactType().orElse(n.mediaType()));
    String hex = n.digest().encoded();
    lines.add(n.digest().algorithm() + ":" + hex.substring(0, Math.min(12, hex.length())));
    lines.add(n.size() + " bytes");
    options.annotations(n).forEach((k, v) -> lines.add(k + "=" + v));
    return lines;
  }
}
