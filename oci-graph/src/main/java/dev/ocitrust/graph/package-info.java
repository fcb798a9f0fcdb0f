/**
 * The artifact and referrer graph: discover, copy with referrers, attach and purge, between any two
 * {@link dev.ocitrust.client.Target}s (OCI image layout, in-memory store, registry repository).
 *
 * <ul>
 *   <li>{@link dev.ocitrust.graph.Discovery} walks a root's successors and referrers into an
 *       immutable {@link dev.ocitrust.graph.ArtifactGraph} ({@link dev.ocitrust.graph.GraphNode},
 *       {@link dev.ocitrust.graph.GraphEdge}), as {@link dev.ocitrust.graph.DiscoveryOptions} and a
 *       {@link dev.ocitrust.graph.ReferrerFilter} say, safe against lying stores and bounded by
 *       limits ({@link dev.ocitrust.graph.GraphLimitException}).
 *   <li>{@link dev.ocitrust.graph.GraphRenderer} writes a graph as the text tree or JSON of {@code
 *       oras discover}, as Graphviz DOT or as Mermaid ({@link dev.ocitrust.graph.RenderOptions}).
 *   <li>{@link dev.ocitrust.graph.GraphCopier} copies a graph keeping every digest ({@link
 *       dev.ocitrust.graph.CopyOptions}, {@link dev.ocitrust.graph.CopyListener}, {@link
 *       dev.ocitrust.graph.CopyResult}, {@link dev.ocitrust.graph.PlatformMode}).
 *   <li>{@link dev.ocitrust.graph.Attachment} attaches files or bytes to a subject as a referrer,
 *       like {@code oras attach}.
 *   <li>{@link dev.ocitrust.graph.Purger} deletes a root and its referrers, deepest first ({@link
 *       dev.ocitrust.graph.PurgeResult}).
 * </ul>
 *
 * <p>The consumer's step of the scenario (copy an artifact with everything attached to it into
 * one's own registry, then look at the signatures):
 *
 * <pre>{@code
 * try (GraphCopier copier = GraphCopier.create()) {
 *   CopyResult r = copier.copy(publisher, "v1", ours,
 *       CopyOptions.builder().referrerDepth(DiscoveryOptions.UNLIMITED).tag("v1").build());
 *   ArtifactGraph graph = r.graph();
 *   List<GraphNode> signatures = graph.signatures(graph.root().digest());
 *   System.out.print(GraphRenderer.tree(RenderOptions.defaults()).render(graph));
 * }
 * }</pre>
 */
@NullMarked
package dev.ocitrust.graph;

import org.jspecify.annotations.NullMarked;
