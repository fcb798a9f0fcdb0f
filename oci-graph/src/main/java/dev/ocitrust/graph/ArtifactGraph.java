package dev.ocitrust.graph;

import dev.ocitrust.client.Digest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.Predicate;

/**
 * An artifact and what hangs off it, as found in one store: the root, its DAG of successors (an
 * index's manifests, a manifest's config and layers), and its referrers (signatures, SBOMs,
 * claims), recursively. Every node is unique by digest; edges say who names whom ({@link
 * EdgeKind}).
 *
 * <p>A graph produced by {@link Discovery} is a DAG: every {@link EdgeKind#SUBJECT} edge was
 * checked against the fetched referrer manifest, and what a store reported but its content
 * contradicted is listed in {@link #anomalies()} instead. Orders are deterministic: {@link
 * #nodes()} is breadth-first from the root, successors in manifest order, referrers by artifact
 * type then digest.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * ArtifactGraph graph = new Discovery(store).discover("v1");
 * List<GraphNode> sigs = graph.referrers(graph.root().digest(), ReferrerFilter.artifactTypes(NOTARY));
 * List<GraphNode> scans = graph.ofArtifactType("application/vnd.example.scan+json");
 * }</pre>
 */
public final class ArtifactGraph {
  /** The artifact type of Notary Project signatures. */
  public static final String NOTARY_SIGNATURE = "application/vnd.cncf.notary.signature";

  /** Orders referrers: by artifact type (none first), then by digest. */
  static final Comparator<GraphNode> REFERRER_ORDER =
      Comparator.comparing((GraphNode n) -> n.artifactType().orElse(""))
          .thenComparing(n -> n.digest().toString());

  private final Digest root;
  private final Map<Digest, GraphNode> nodes;
  private final List<GraphEdge> edges;
  private final Map<Digest, List<GraphEdge>> out = new HashMap<>();
  private final Map<Digest, List<GraphEdge>> in = new HashMap<>();
  private final List<GraphAnomaly> anomalies;
  private final List<GraphNode> ordered;

  ArtifactGraph(
      Digest root,
      Collection<GraphNode> nodes,
      List<GraphEdge> edges,
      List<GraphAnomaly> anomalies) {
    Map<Digest, GraphNode> byDigest = new LinkedHashMap<>();
    for (GraphNode n : nodes) {
      byDigest.put(n.digest(), n);
    }
    if (!byDigest.containsKey(root)) {
      throw new IllegalArgumentException("root " + root + " is not a node of the graph");
    }
    for (GraphEdge e : edges) {
      if (!byDigest.containsKey(e.from()) || !byDigest.containsKey(e.to())) {
        throw new IllegalArgumentException("edge " + e + " names a node outside the graph");
      }
      out.computeIfAbsent(e.from(), d -> new ArrayList<>()).add(e);
      in.computeIfAbsent(e.to(), d -> new ArrayList<>()).add(e);
    }
    this.root = root;
    this.nodes = byDigest;
    this.edges = List.copyOf(edges);
    this.anomalies = List.copyOf(anomalies);
    this.ordered = List.copyOf(canonicalOrder());
  }

  /** The root node. */
  public GraphNode root() {
    return Objects.requireNonNull(nodes.get(root), "the constructor checks the root is a node");
  }

  /** Every node, breadth-first from the root (see the class comment for the order). */
  public List<GraphNode> nodes() {
    return ordered;
  }

  /** How many nodes the graph has. */
  public int size() {
    return nodes.size();
  }

  /** The node of {@code digest}, if it is in the graph. */
  public Optional<GraphNode> node(Digest digest) {
    return Optional.ofNullable(nodes.get(digest));
  }

  /** Whether {@code digest} is in the graph. */
  public boolean contains(Digest digest) {
    return nodes.containsKey(digest);
  }

  /** Every edge, in the order the walk found them. */
  public List<GraphEdge> edges() {
    return edges;
  }

  /** What the walk refused to believe (empty for a well-behaved store). */
  public List<GraphAnomaly> anomalies() {
    return anomalies;
  }

  /** The content {@code digest} names (index entries, or config then layers), in manifest order. */
  public List<GraphNode> successors(Digest digest) {
    return targets(digest, EdgeKind.SUCCESSOR);
  }

  /** The manifests naming {@code digest} as a successor. */
  public List<GraphNode> predecessors(Digest digest) {
    return sources(digest, EdgeKind.SUCCESSOR);
  }

  /** The referrers of {@code digest} in the graph, by artifact type then digest. */
  public List<GraphNode> referrers(Digest digest) {
    List<GraphNode> list = new ArrayList<>(sources(digest, EdgeKind.SUBJECT));
    list.sort(REFERRER_ORDER);
    return List.copyOf(list);
  }

  /** The referrers of {@code digest} that {@code filter} takes. */
  public List<GraphNode> referrers(Digest digest, ReferrerFilter filter) {
    return referrers(digest).stream().filter(n -> filter.test(n.descriptor())).toList();
  }

  /** The Notary Project signatures of {@code digest} in the graph. */
  public List<GraphNode> signatures(Digest digest) {
    return referrers(digest, ReferrerFilter.artifactTypes(NOTARY_SIGNATURE));
  }

  /** The subject of {@code digest} (the node its manifest refers to), if it is in the graph. */
  public Optional<GraphNode> subject(Digest digest) {
    List<GraphNode> subjects = targets(digest, EdgeKind.SUBJECT);
    return subjects.isEmpty() ? Optional.empty() : Optional.of(subjects.get(0));
  }

  /** Every node of artifact type {@code type} (e.g. all claims of one kind), in node order. */
  public List<GraphNode> ofArtifactType(String type) {
    return find(n -> n.artifactType().map(type::equals).orElse(false));
  }

  /** Every node {@code predicate} accepts, in node order. */
  public List<GraphNode> find(Predicate<GraphNode> predicate) {
    return ordered.stream().filter(predicate).toList();
  }

  /** The manifests and indexes, in node order. */
  public List<GraphNode> manifests() {
    return find(GraphNode::isManifest);
  }

  /** The blobs (configs and layers), in node order. */
  public List<GraphNode> blobs() {
    return find(n -> !n.isManifest());
  }

  /**
   * Every node after everything it names: successors before the manifests that list them, subjects
   * before their referrers. The order a copy pushes in; its reverse is the order a purge deletes
   * in.
   */
  public List<GraphNode> bottomUp() {
    Map<Digest, Integer> rank = new HashMap<>();
    for (int i = 0; i < ordered.size(); i++) {
      rank.put(ordered.get(i).digest(), i);
    }
    Map<Digest, Integer> pending = new HashMap<>();
    for (GraphNode n : ordered) {
      pending.put(
          n.digest(),
          (int)
              out.getOrDefault(n.digest(), List.of()).stream()
                  .map(GraphEdge::to)
                  .distinct()
                  .count());
    }
    PriorityQueue<GraphNode> ready =
        new PriorityQueue<>(Comparator.comparingInt((GraphNode n) -> rank.get(n.digest())));
    for (GraphNode n : ordered) {
      if (Objects.requireNonNull(pending.get(n.digest())) == 0) {
        ready.add(n);
      }
    }
    List<GraphNode> result = new ArrayList<>(ordered.size());
    while (!ready.isEmpty()) {
      GraphNode n = ready.poll();
      result.add(n);
      in.getOrDefault(n.digest(), List.of()).stream()
          .map(GraphEdge::from)
          .distinct()
          .forEach(
              from -> {
                if (pending.merge(from, -1, Integer::sum) == 0) {
                  ready.add(nodes.get(from));
                }
              });
    }
    if (result.size() != ordered.size()) {
      throw new IllegalStateException("the graph of " + root + " has a cycle");
    }
    return List.copyOf(result);
  }

  private List<GraphNode> targets(Digest digest, EdgeKind kind) {
    return out.getOrDefault(digest, List.of()).stream()
        .filter(e -> e.kind() == kind)
        .map(e -> nodes.get(e.to()))
        .distinct()
        .toList();
  }

  private List<GraphNode> sources(Digest digest, EdgeKind kind) {
    return in.getOrDefault(digest, List.of()).stream()
        .filter(e -> e.kind() == kind)
        .map(e -> nodes.get(e.from()))
        .distinct()
        .toList();
  }

  private List<GraphNode> canonicalOrder() {
    List<GraphNode> order = new ArrayList<>(nodes.size());
    Map<Digest, Boolean> seen = new HashMap<>();
    Deque<GraphNode> queue = new ArrayDeque<>();
    queue.add(root());
    seen.put(root, true);
    while (!queue.isEmpty()) {
      GraphNode n = queue.removeFirst();
      order.add(n);
      List<GraphNode> next = new ArrayList<>(successors(n.digest()));
      next.addAll(referrers(n.digest()));
      subject(n.digest()).ifPresent(next::add);
      for (GraphNode m : next) {
        if (seen.putIfAbsent(m.digest(), true) == null) {
          queue.addLast(m);
        }
      }
    }
    nodes.values().stream()
        .filter(n -> !seen.containsKey(n.digest()))
        .sorted(Comparator.comparing(n -> n.digest().toString()))
        .forEach(order::add);
    return order;
  }

  @Override
  public String toString() {
    return "ArtifactGraph of " + root + " (" + nodes.size() + " nodes, " + edges.size() + " edges)";
  }
}
