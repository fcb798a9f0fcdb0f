package dev.ocitrust.graph.internal;

import dev.ocitrust.client.Digest;
import dev.ocitrust.graph.ArtifactGraph;
import dev.ocitrust.graph.GraphNode;
import dev.ocitrust.graph.GraphRenderer;
import dev.ocitrust.graph.RenderOptions;
import java.io.IOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The referrer tree of {@code oras discover -o tree}: the root as {@code name@digest}, each
 * referrer as its artifact type (shared by referrers of the same type) with its digest below,
 * annotations under {@code [annotations]} as YAML (for referrers; the root's are not shown, as in
 * oras), referrers of referrers below them. Thread-safe.
 */
public final class TreeRenderer implements GraphRenderer {
  private final RenderOptions options;

  /** A renderer with {@code options}. */
  public TreeRenderer(RenderOptions options) {
    this.options = options;
  }

  @Override
  public void render(ArtifactGraph graph, Appendable out) throws IOException {
    GraphNode root = graph.root();
    TextTree tree = new TextTree(options.reference(root) + size(root));
    expand(graph, root, tree, new HashSet<>());
    tree.print(out);
  }

  private void expand(ArtifactGraph graph, GraphNode node, TextTree at, Set<Digest> path) {
    if (!path.add(node.digest())) {
      return;
    }
    // As oras does: annotations of referrers, not of the root.
    Map<String, String> annotations =
        node.equals(graph.root()) ? Map.of() : options.annotations(node);
    if (!annotations.isEmpty()) {
      TextTree a = at.add("[annotations]");
      annotations.forEach((k, v) -> a.add(Yaml.scalar(k) + ": " + Yaml.scalar(v)));
    }
    if (options.successors() && !graph.successors(node.digest()).isEmpty()) {
      TextTree s = at.add("[successors]");
      for (GraphNode child : graph.successors(node.digest())) {
        TextTree c = s.path(child.mediaType()).path(child.digest() + size(child));
        expand(graph, child, c, path);
      }
    }
    for (GraphNode r : graph.referrers(node.digest())) {
      TextTree c = at.path(r.artifactType().orElse("<unknown>")).path(r.digest() + size(r));
      expand(graph, r, c, path);
    }
    path.remove(node.digest());
  }

  private String size(GraphNode node) {
    return options.sizes() ? " (" + node.size() + " bytes)" : "";
  }
}
