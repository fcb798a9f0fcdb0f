package dev.ocitrust.graph;

import dev.ocitrust.graph.internal.DotRenderer;
import dev.ocitrust.graph.internal.JsonRenderer;
import dev.ocitrust.graph.internal.MermaidRenderer;
import dev.ocitrust.graph.internal.TreeRenderer;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes an {@link ArtifactGraph} as text. Output is deterministic: the same graph and options give
 * the same bytes (referrers by artifact type then digest, successors in manifest order, annotations
 * by key).
 *
 * <ul>
 *   <li>{@link #tree}: the referrer tree of {@code oras discover -o tree}: referrers grouped under
 *       their artifact type, annotations under {@code [annotations]} as YAML {@code key: value}.
 *   <li>{@link #json}: the nested shape of {@code oras discover --format json}: each node with
 *       {@code reference}, {@code mediaType}, {@code digest}, {@code size}, {@code annotations},
 *       {@code artifactType} and {@code referrers}.
 *   <li>{@link #dot}: Graphviz, every node and edge; subject edges solid and labelled, successor
 *       edges dashed.
 *   <li>{@link #mermaid}: a Mermaid flowchart of the same.
 * </ul>
 *
 * <p>Implementations are immutable and thread-safe.
 *
 * <pre>{@code
 * String tree = GraphRenderer.tree(RenderOptions.builder().name("localhost:5000/app").build())
 *     .render(graph);
 * }</pre>
 */
@FunctionalInterface
public interface GraphRenderer {
  /** Writes {@code graph} to {@code out}. */
  void render(ArtifactGraph graph, Appendable out) throws IOException;

  /** {@code graph} as a string. */
  default String render(ArtifactGraph graph) {
    StringBuilder sb = new StringBuilder();
    try {
      render(graph, sb);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return sb.toString();
  }

  /** The text tree of {@code oras discover -o tree}. */
  static GraphRenderer tree(RenderOptions options) {
    return new TreeRenderer(options);
  }

  /** The JSON of {@code oras discover --format json}. */
  static GraphRenderer json(RenderOptions options) {
    return new JsonRenderer(options);
  }

  /** Graphviz DOT. */
  static GraphRenderer dot(RenderOptions options) {
    return new DotRenderer(options);
  }

  /** A Mermaid flowchart. */
  static GraphRenderer mermaid(RenderOptions options) {
    return new MermaidRenderer(options);
  }
}
