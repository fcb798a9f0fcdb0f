package dev.ocitrust.graph;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.Digest;
import dev.ocitrust.client.NotFoundException;
import dev.ocitrust.client.Target;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Deletes an artifact and everything that refers to it from one store (step 7 of the scenario:
 * retention expired).
 *
 * <p>The graph is walked with all referrers at every depth. What is deleted: every manifest of the
 * graph, and with {@code includeBlobs(true)} its blobs, except what {@code keep} protects: a
 * referrer the filter takes is kept together with everything it needs, i.e. everything reachable
 * from it by successor and subject edges (its config and layers, its subject, that subject's
 * content, and so on up to the root). Nothing kept ever names deleted content.
 *
 * <p>Order: a node is deleted before anything it names, so referrers go deepest first, then the
 * root, then the manifests and blobs it names; a reader never sees a manifest whose subject or
 * children are gone. A purge that fails part way can be run again as long as the root is still
 * there; the result of a dry run lists the whole order.
 *
 * <p>Content the store shares with artifacts outside the graph (a layer, a platform manifest used
 * by another index) is deleted with the graph unless it is {@linkplain Builder#protect protected};
 * purge artifacts that own their content, protect what others use, or leave blobs to the store's
 * garbage collection (the default).
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * Purger purger = Purger.builder()
 *     .keep(ReferrerFilter.artifactTypes("application/vnd.example.archive-record+json"))
 *     .build();
 * PurgeResult r = purger.purge(archive, archive.resolve("net-monitor-v1"));
 * }</pre>
 */
public final class Purger {
  private final ReferrerFilter keep;
  private final boolean includeBlobs;
  private final boolean dryRun;
  private final GraphLimits limits;
  private final Set<Digest> protect;

  private Purger(Builder b) {
    this.protect = Set.copyOf(b.protect);
    this.keep = b.keep;
    this.includeBlobs = b.includeBlobs;
    this.dryRun = b.dryRun;
    this.limits = b.limits;
  }

  /** A builder: keep nothing, manifests only, not a dry run. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Purges {@code root} and its referrers from {@code store} (or, in a dry run, only says what
   * would go).
   *
   * @throws GraphException when a deletion fails; the message says how far it got
   * @throws IOException when walking the store fails
   */
  public PurgeResult purge(Target store, Descriptor root) throws IOException {
    Objects.requireNonNull(store, "store");
    DiscoveryOptions walk =
        DiscoveryOptions.walk(DiscoveryOptions.UNLIMITED, ReferrerFilter.all(), limits);
    ArtifactGraph graph = Discovery.builder(store).options(walk).build().discover(root);
    Set<Digest> kept = keptClosure(graph);
    List<GraphNode> order = new ArrayList<>(graph.bottomUp());
    java.util.Collections.reverse(order);
    List<Descriptor> delete = new ArrayList<>();
    List<Descriptor> keptList = new ArrayList<>();
    for (GraphNode n : order) {
      if (kept.contains(n.digest()) || protect.contains(n.digest())) {
        keptList.add(n.descriptor());
      } else if (n.isManifest() || includeBlobs) {
        delete.add(n.descriptor());
      }
    }
    if (!dryRun) {
      int done = 0;
      for (Descriptor d : delete) {
        try {
          store.delete(d);
        } catch (NotFoundException gone) {
          // Already deleted (an earlier, interrupted purge): nothing to do.
        } catch (IOException e) {
          throw new GraphException(
              "purge of "
                  + root.digest()
                  + " stopped after "
                  + done
                  + " of "
                  + delete.size()
                  + " deletions, at "
                  + d.digest()
                  + ": "
                  + e.getMessage(),
              e);
        }
        done++;
      }
    }
    return new PurgeResult(graph, delete, keptList, dryRun);
  }

  /** Kept referrers and everything reachable from them by successor and subject edges. */
  private Set<Digest> keptClosure(ArtifactGraph graph) {
    Set<Digest> kept = new HashSet<>();
    Deque<GraphNode> queue = new ArrayDeque<>();
    for (GraphNode n : graph.nodes()) {
      if (graph.subject(n.digest()).isPresent() && keep.test(n.descriptor())) {
        queue.add(n);
      }
    }
    while (!queue.isEmpty()) {
      GraphNode n = queue.removeFirst();
      if (!kept.add(n.digest())) {
        continue;
      }
      queue.addAll(graph.successors(n.digest()));
      graph.subject(n.digest()).ifPresent(queue::add);
    }
    return kept;
  }

  /** Builds a {@link Purger}. Not thread-safe. */
  public static final class Builder {
    private ReferrerFilter keep = ReferrerFilter.none();
    private boolean includeBlobs;
    private boolean dryRun;
    private GraphLimits limits = GraphLimits.DEFAULTS;
    private Set<Digest> protect = Set.of();

    private Builder() {}

    /**
     * Never delete these (default none): content other artifacts of the store still use, such as a
     * layer or platform manifest shared with an artifact that stays. Protected nodes are listed as
     * kept. Protect whole closures (what a kept manifest names, at every depth): a protected
     * referrer of a deleted root is left naming a subject that is gone.
     */
    public Builder protect(Set<Digest> digests) {
      this.protect = Set.copyOf(digests);
      return this;
    }

    /** Keep referrers this filter takes, and what they need (default: keep none). */
    public Builder keep(ReferrerFilter keep) {
      this.keep = Objects.requireNonNull(keep, "keep");
      return this;
    }

    /** Delete blobs (configs, layers) too (default false). */
    public Builder includeBlobs(boolean include) {
      this.includeBlobs = include;
      return this;
    }

    /** Only compute what would be deleted (default false). */
    public Builder dryRun(boolean dryRun) {
      this.dryRun = dryRun;
      return this;
    }

    /** The bounds of the walk (default {@link GraphLimits#DEFAULTS}). */
    public Builder limits(GraphLimits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /** Builds. */
    public Purger build() {
      return new Purger(this);
    }
  }
}
