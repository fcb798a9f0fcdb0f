package dev.ocitrust.graph.internal;

import dev.ocitrust.graph.ArtifactGraph;
import dev.ocitrust.graph.EdgeKind;
import dev.ocitrust.graph.GraphNode;
import dev.ocitrust.graph.GraphRenderer;
import dev.ocitrust.graph.RenderOptions;
import java.io.IOException;

/**
 * Graphviz DOT: one box per node (identified by its full digest; labelled with artifact type or
 * media type, short digest, size and chosen annotations), subject edges solid and labelled {@code
 * subject}, successor edges dashed. Nodes and edges in graph order. Thread-safe.
 */
public final class DotRenderer implements GraphRenderer {
  private final RenderOptions options;

  /** A renderer with {@code options}. */
  public DotRenderer(RenderOptions options) {
    this.options = options;
  }

  @Override
  public void render(ArtifactGraph graph, Appendable out) throws IOException {
    String title = options.name().isEmpty() ? "artifacts" : options.name();
    out.append("digraph ").append(quote(title)).append(" {\n");
    out.append("  rankdir=BT;\n");
    out.append("  node [shape=box, fontname=\"monospace\"];\n");
    for (GraphNode n : graph.nodes()) {
      out.append("  ")
          .append(quote(n.digest().toString()))
          .append(" [label=")
          .append(quote(String.join("\n", Labels.lines(n, options))))
          .append("];\n");
    }
    for (GraphNode n : graph.nodes()) {
      for (GraphNode s : graph.successors(n.digest())) {
        out.append("  ")
            .append(quote(n.digest().toString()))
            .append(" -> ")
            .append(quote(s.digest().toString()))
            .append(" [style=dashed];\n");
      }
      var subject = graph.subject(n.digest());
      if (subject.isPresent()) {
        out.append("  ")
            .append(quote(n.digest().toString()))
            .append(" -> ")
            .append(quote(subject.get().digest().toString()))
            .append(" [label=\"")
            .append(EdgeKind.SUBJECT.name().toLowerCase(java.util.Locale.ROOT))
            .append("\"];\n");
      }
    }
    out.append("}\n");
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
