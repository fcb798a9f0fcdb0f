package dev.ocitrust.graph;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.Digest;
import dev.ocitrust.client.ImageIndex;
import dev.ocitrust.client.Manifest;
import dev.ocitrust.client.MediaTypes;
import dev.ocitrust.client.NotFoundException;
import dev.ocitrust.client.Platform;
import dev.ocitrust.client.Target;
import dev.ocitrust.graph.internal.Parallel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One breadth-first walk of a store, level by level: the manifests of a level are fetched in
 * parallel, then their referrers are listed in parallel. Not thread-safe; used once.
 */
final class GraphWalk {
  private final Target source;
  private final DiscoveryOptions options;
  private final Executor executor;
  private final Consumer<Descriptor> onBlob;

  private final Map<Digest, State> states = new LinkedHashMap<>();
  private final Set<GraphEdge> edges = new LinkedHashSet<>();
  private final List<GraphAnomaly> anomalies = new ArrayList<>();
  private final Map<Digest, Manifest> rejected = new HashMap<>();
  private long manifestBytes;
  private @Nullable Digest rootDigest;

  private static final class State {
    Descriptor descriptor;
    final int referrerDepth;
    final int nesting;
    @Nullable Manifest manifest;
    final Set<Digest> claims = new LinkedHashSet<>();
    boolean reachedAsSuccessor;

    State(Descriptor descriptor, int referrerDepth, int nesting) {
      this.descriptor = descriptor;
      this.referrerDepth = referrerDepth;
      this.nesting = nesting;
    }
  }

  GraphWalk(Target source, DiscoveryOptions options, Executor executor) {
    this(source, options, executor, blob -> {});
  }

  /** A walk that reports each blob as soon as a fetched manifest names it (a copy starts it). */
  GraphWalk(
      Target source, DiscoveryOptions options, Executor executor, Consumer<Descriptor> onBlob) {
    this.source = source;
    this.options = options;
    this.executor = executor;
    this.onBlob = onBlob;
  }

  ArtifactGraph run(Descriptor root) throws IOException {
    rootDigest = root.digest();
    if (!MediaTypes.isManifest(root.mediaType())) {
      throw new GraphException(
          "the root " + root.digest() + " is a " + root.mediaType() + ", not a manifest or index");
    }
    State first = add(root, 0, 0);
    first.reachedAsSuccessor = true;
    List<State> frontier = List.of(first);
    while (!frontier.isEmpty()) {
      frontier = level(frontier);
    }
    if (options.includeSubjects()) {
      addSubjects();
    }
    List<GraphNode> nodes = new ArrayList<>(states.size());
    for (State s : states.values()) {
      nodes.add(new GraphNode(s.descriptor, s.referrerDepth, s.manifest));
    }
    return new ArtifactGraph(root.digest(), nodes, new ArrayList<>(edges), anomalies);
  }

  private List<State> level(List<State> frontier) throws IOException {
    List<State> toFetch = frontier.stream().filter(s -> s.manifest == null).toList();
    List<Optional<Manifest>> fetched = Parallel.map(executor, toFetch, this::fetch);
    for (int i = 0; i < toFetch.size(); i++) {
      Optional<Manifest> m = fetched.get(i);
      if (m.isPresent()) {
        toFetch.get(i).manifest = m.get();
        manifestBytes += m.get().descriptor().size();
      }
    }
    if (manifestBytes > options.limits().maxManifestBytes()) {
      throw new GraphLimitException(
          "the graph of "
              + rootDigest
              + " holds more than "
              + options.limits().maxManifestBytes()
              + " bytes of manifests (maxManifestBytes)");
    }
    List<State> accepted = new ArrayList<>();
    for (State s : frontier) {
      if (accept(s)) {
        accepted.add(s);
      }
    }
    List<State> next = new ArrayList<>();
    if (options.successors()) {
      for (State s : accepted) {
        expandSuccessors(s, next);
      }
    }
    List<State> listable =
        withPossibleReferrers(
            accepted.stream().filter(s -> s.referrerDepth < options.referrerDepth()).toList());
    List<List<Descriptor>> lists =
        Parallel.map(executor, listable, s -> source.referrers(s.descriptor, null));
    for (int i = 0; i < listable.size(); i++) {
      expandReferrers(listable.get(i), lists.get(i), next);
    }
    return next;
  }

  /**
   * Of {@code states}, those whose manifests the source says may have referrers (one tag listing
   * instead of a fallback-tag read per manifest on a registry without the referrers API).
   */
  private List<State> withPossibleReferrers(List<State> states) throws IOException {
    if (states.size() < 2) {
      return states;
    }
    Set<Digest> possible = new HashSet<>();
    for (Descriptor d :
        source.withPossibleReferrers(states.stream().map(s -> s.descriptor).toList())) {
      possible.add(d.digest());
    }
    return states.stream().filter(s -> possible.contains(s.descriptor.digest())).toList();
  }

  private Optional<Manifest> fetch(State s) throws IOException {
    Descriptor d = s.descriptor;
    try {
      // Parse against the descriptor ourselves: the digest is checked whatever the store does.
      return Optional.of(Manifest.parse(d, source.fetchBytes(d, Manifest.MAX_BYTES)));
    } catch (NotFoundException e) {
      if (s.reachedAsSuccessor) {
        throw e;
      }
      return Optional.empty();
    }
  }

  /** Checks what listings claimed about {@code s} against its manifest; false drops it. */
  private boolean accept(State s) {
    Manifest m = s.manifest;
    if (m == null) {
      anomalies.add(
          new GraphAnomaly(
              s.descriptor.digest(),
              "listed as a referrer of " + s.claims + " but the store does not have it"));
      states.remove(s.descriptor.digest());
      return false;
    }
    if (s.claims.isEmpty()) {
      return true;
    }
    boolean linked = false;
    for (Digest claimed : s.claims) {
      linked |= checkClaim(s.descriptor.digest(), m, claimed);
    }
    s.claims.clear();
    if (s.reachedAsSuccessor) {
      return true;
    }
    if (!linked) {
      rejected.put(s.descriptor.digest(), m);
      states.remove(s.descriptor.digest());
      return false;
    }
    Descriptor real = m.referrerDescriptor();
    if (!options.filter().test(real)) {
      anomalies.add(
          new GraphAnomaly(
              s.descriptor.digest(),
              "listed with artifactType "
                  + s.descriptor.artifactType().orElse("none")
                  + " and annotations "
                  + s.descriptor.annotations()
                  + ", but its manifest (artifactType "
                  + real.artifactType().orElse("none")
                  + ") is refused by the filter"));
      edges.removeIf(e -> e.from().equals(s.descriptor.digest()));
      states.remove(s.descriptor.digest());
      return false;
    }
    s.descriptor = real;
    return true;
  }

  /**
   * Checks a listing's claim that {@code referrer} (whose manifest is {@code m}) refers to {@code
   * claimed}: a SUBJECT edge when its subject says so, else an anomaly.
   *
   * @return whether the claim holds
   */
  private boolean checkClaim(Digest referrer, Manifest m, Digest claimed) {
    Digest actual = m.subject().map(Descriptor::digest).orElse(null);
    if (claimed.equals(actual)) {
      edges.add(new GraphEdge(referrer, claimed, EdgeKind.SUBJECT));
      return true;
    }
    anomalies.add(
        new GraphAnomaly(
            referrer,
            "listed as a referrer of "
                + claimed
                + " but its subject is "
                + (actual == null ? "absent" : actual.toString())));
    return false;
  }

  private void expandSuccessors(State s, List<State> next) throws GraphException {
    Manifest m = s.manifest;
    if (m == null) {
      return;
    }
    for (Descriptor child : selectSuccessors(s, m)) {
      State c = states.get(child.digest());
      boolean manifest = MediaTypes.isManifest(child.mediaType());
      if (c == null) {
        if (manifest && s.nesting + 1 > options.limits().maxDepth()) {
          throw new GraphLimitException(
              "manifests nest deeper than "
                  + options.limits().maxDepth()
                  + " levels below "
                  + rootDigest
                  + " (at "
                  + child.digest()
                  + "; maxDepth)");
        }
        c = add(child, s.referrerDepth, s.nesting + 1);
        if (manifest) {
          next.add(c);
        } else {
          onBlob.accept(child);
        }
      }
      c.reachedAsSuccessor = true;
      edges.add(new GraphEdge(s.descriptor.digest(), child.digest(), EdgeKind.SUCCESSOR));
    }
  }

  private List<Descriptor> selectSuccessors(State s, Manifest m) throws GraphException {
    Optional<Platform> platform = options.platform();
    if (platform.isEmpty()
        || !(m instanceof ImageIndex index)
        || !s.descriptor.digest().equals(rootDigest)) {
      return m.successors();
    }
    return entriesFor(index, platform.get());
  }

  /**
   * The entries of {@code index} for {@code platform}, in index order.
   *
   * @throws GraphException when it has none (the message lists the platforms it has)
   */
  static List<Descriptor> entriesFor(ImageIndex index, Platform platform) throws GraphException {
    List<Descriptor> chosen =
        index.manifests().stream()
            .filter(d -> d.platform().filter(platform::selects).isPresent())
            .toList();
    if (chosen.isEmpty()) {
      throw new GraphException(
          "index "
              + index.descriptor().digest()
              + " has no manifest for platform "
              + platform
              + "; it has "
              + index.manifests().stream()
                  .map(d -> d.platform().map(String::valueOf).orElse("none"))
                  .toList());
    }
    return chosen;
  }

  private void expandReferrers(State subject, List<Descriptor> listed, List<State> next)
      throws GraphException {
    Digest subjectDigest = subject.descriptor.digest();
    List<Descriptor> sorted = new ArrayList<>(listed);
    sorted.sort(Comparator.comparing(d -> d.digest().toString()));
    for (Descriptor r : sorted) {
      if (r.digest().equals(subjectDigest)) {
        anomalies.add(new GraphAnomaly(r.digest(), "listed as its own referrer"));
        continue;
      }
      if (!MediaTypes.isManifest(r.mediaType())) {
        anomalies.add(
            new GraphAnomaly(
                r.digest(),
                "listed as a referrer of "
                    + subjectDigest
                    + " with media type "
                    + r.mediaType()
                    + ", which is not a manifest type"));
        continue;
      }
      if (!options.filter().test(r)) {
        continue;
      }
      State c = states.get(r.digest());
      if (c == null) {
        c = add(r, subject.referrerDepth + 1, 0);
        Manifest known = rejected.remove(r.digest());
        if (known != null) {
          c.manifest = known;
        }
        c.claims.add(subjectDigest);
        next.add(c);
      } else if (c.manifest != null && c.claims.isEmpty()) {
        // Already fetched and checked: check this claim now.
        checkClaim(r.digest(), c.manifest, subjectDigest);
      } else {
        c.claims.add(subjectDigest);
      }
    }
  }

  private void addSubjects() throws GraphException {
    for (State s : List.copyOf(states.values())) {
      if (s.manifest == null || s.manifest.subject().isEmpty()) {
        continue;
      }
      Descriptor subject = s.manifest.subject().get();
      if (!states.containsKey(subject.digest())) {
        add(subject, -1, 0);
      }
      edges.add(new GraphEdge(s.descriptor.digest(), subject.digest(), EdgeKind.SUBJECT));
    }
  }

  private State add(Descriptor d, int referrerDepth, int nesting) throws GraphLimitException {
    if (states.size() >= options.limits().maxNodes()) {
      throw new GraphLimitException(
          "the graph of "
              + rootDigest
              + " has more than "
              + options.limits().maxNodes()
              + " nodes (maxNodes); stopped at "
              + d.digest());
    }
    State s = new State(d, referrerDepth, nesting);
    states.put(d.digest(), s);
    return s;
  }
}
