package dev.ocitrust.graph.internal;

import dev.ocitrust.client.Digest;
import dev.ocitrust.graph.ArtifactGraph;
import dev.ocitrust.graph.GraphNode;
import dev.ocitrust.graph.GraphRenderer;
import dev.ocitrust.graph.RenderOptions;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The nested JSON of {@code oras discover --format json}, indented by two spaces as Go's {@code
 * MarshalIndent} does: {@code reference} (when a name is set), {@code mediaType}, {@code digest},
 * {@code size}, {@code annotations} (when any), {@code artifactType} (when any), {@code referrers}.
 * Thread-safe.
 */
public final class JsonRenderer implements GraphRenderer {
  private final RenderOptions options;

  /** A renderer with {@code options}. */
  public JsonRenderer(RenderOptions options) {
    this.options = options;
  }

  @Override
  public void render(ArtifactGraph graph, Appendable out) throws IOException {
    node(graph, graph.root(), out, "", new HashSet<>());
    out.append('\n');
  }

  private void node(
      ArtifactGraph graph, GraphNode n, Appendable out, String indent, Set<Digest> path)
      throws IOException {
    path.add(n.digest());
    String in = indent + "  ";
    out.append("{\n");
    if (!options.name().isEmpty()) {
      out.append(in)
          .append("\"reference\": ")
          .append(Json.string(options.reference(n)))
          .append(",\n");
    }
    out.append(in).append("\"mediaType\": ").append(Json.string(n.mediaType())).append(",\n");
    out.append(in).append("\"digest\": ").append(Json.string(n.digest().toString())).append(",\n");
    out.append(in).append("\"size\": ").append(Long.toString(n.size())).append(",\n");
    Map<String, String> annotations =
        options.annotationsChosen() ? options.annotations(n) : n.annotations();
    if (!annotations.isEmpty()) {
      out.append(in).append("\"annotations\": {\n");
      int i = 0;
      for (Map.Entry<String, String> e : new java.util.TreeMap<>(annotations).entrySet()) {
        out.append(in)
            .append("  ")
            .append(Json.string(e.getKey()))
            .append(": ")
            .append(Json.string(e.getValue()))
            .append(++i < annotations.size() ? ",\n" : "\n");
      }
      out.append(in).append("},\n");
    }
    if (n.artifactType().isPresent()) {
      out.append(in)
          .append("\"artifactType\": ")
          .append(Json.string(n.artifactType().get()))
          .append(",\n");
    }
    List<GraphNode> referrers =
        graph.referrers(n.digest()).stream().filter(r -> !path.contains(r.digest())).toList();
    if (referrers.isEmpty()) {
      out.append(in).append("\"referrers\": []\n");
    } else {
      out.append(in).append("\"referrers\": [\n");
      for (int i = 0; i < referrers.size(); i++) {
        out.append(in).append("  ");
        node(graph, referrers.get(i), out, in + "  ", path);
        out.append(i + 1 < referrers.size() ? ",\n" : "\n");
      }
      out.append(in).append("]\n");
    }
    out.append(indent).append('}');
    path.remove(n.digest());
  }
}
