package dev.ocitrust.graph.internal;

import dev.ocitrust.client.Digest;
import dev.ocitrust.graph.ArtifactGraph;
import dev.ocitrust.graph.GraphNode;
import dev.ocitrust.graph.GraphRenderer;
import dev.ocitrust.graph.RenderOptions;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Mermaid flowchart (bottom to top): nodes {@code n0, n1, ...} in graph order, labelled like the
 * DOT renderer's with lines joined by {@code <br/>}; subject edges {@code -->|subject|}, successor
 * edges dotted {@code -.->}. Thread-safe.
 */
public final class MermaidRenderer implements GraphRenderer {
  private final RenderOptions options;

  /** A renderer with {@code options}. */
  public MermaidRenderer(RenderOptions options) {
    this.options = options;
  }

  @Override
  public void render(ArtifactGraph graph, Appendable out) throws IOException {
    List<GraphNode> nodes = graph.nodes();
    Map<Digest, String> ids = new HashMap<>();
    for (int i = 0; i < nodes.size(); i++) {
      ids.put(nodes.get(i).digest(), "n" + i);
    }
    out.append("flowchart BT\n");
    for (GraphNode n : nodes) {
      out.append("  ")
          .append(ids.get(n.digest()))
          .append("[\"")
          .append(
              String.join(
                  "<br/>", Labels.lines(n, options).stream().map(MermaidRenderer::escape).toList()))
          .append("\"]\n");
    }
    for (GraphNode n : nodes) {
      for (GraphNode s : graph.successors(n.digest())) {
        out.append("  ")
            .append(ids.get(n.digest()))
            .append(" -.-> ")
            .append(ids.get(s.digest()))
            .append('\n');
      }
      var subject = graph.subject(n.digest());
      if (subject.isPresent()) {
        out.append("  ")
            .append(ids.get(n.digest()))
            .append(" -->|subject| ")
            .append(ids.get(subject.get().digest()))
            .append('\n');
      }
    }
  }

  private static String escape(String s) {
    return s.replace("&", "#amp;")
        .replace("\"", "#quot;")
        .replace("<", "#lt;")
        .replace(">", "#gt;");
  }
}
