package dev.ocitrust.graph;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.Digest;
import dev.ocitrust.client.NotFoundException;
import dev.ocitrust.client.Target;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Brings a destination up to date with what was attached to an artifact in the source since it was
 * copied: new signatures, claims, lifecycle notices, at any depth. The cost is the new nodes, not
 * the graph: the destination's existing content is never fetched and never re-checked node by node.
 *
 * <p>How a sync runs ({@link #plan}, then {@link #apply}):
 *
 * <ol>
 *   <li>The reference is resolved in the source, and the artifact checked in the destination. A
 *       destination without it gets the whole artifact with its referrers ({@link GraphCopier}).
 *   <li>Otherwise, level by level from the artifact: the subjects that may have referrers in the
 *       source ({@link Target#withPossibleReferrers}: one tag listing on a registry without the
 *       referrers API) have their referrers listed in the source and, when there are some, in the
 *       destination. A referrer both list is descended into; one only the source lists is missing.
 *       No manifest is fetched: a re-sync where nothing changed sends only these listings.
 *   <li>Each subject with missing referrers is copied with {@link GraphCopier}, its referrers
 *       filtered to the missing ones: their content, their own referrers, one fallback-index update
 *       per subject. The tag is set or moved last.
 * </ol>
 *
 * <p>A referrer that was deleted in the source stays in the destination: a sync adds, it never
 * deletes.
 *
 * <p>Thread-safe: one instance may sync several artifacts at once. It does not own the copier.
 *
 * <pre>{@code
 * try (GraphCopier copier = GraphCopier.create()) {
 *   GraphSync sync = GraphSync.of(copier);
 *   SyncResult r = sync.sync(publisher, "v1", mirror, SyncOptions.defaults());
 *   System.out.println(r.arrived().size() + " referrers arrived");
 * }
 * }</pre>
 */
public final class GraphSync {
  private final GraphCopier copier;
  private final Clock clock;

  private GraphSync(GraphCopier copier, Clock clock) {
    this.copier = Objects.requireNonNull(copier, "copier");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A sync copying with {@code copier}. */
  public static GraphSync of(GraphCopier copier) {
    return new GraphSync(copier, Clock.systemUTC());
  }

  /** Plans and applies; see {@link #plan} and {@link #apply}. */
  public SyncResult sync(Target source, String reference, Target destination, SyncOptions options)
      throws IOException {
    Instant start = clock.instant();
    return apply(plan(source, reference, destination, options), start);
  }

  /**
   * Finds what the destination lacks, from listings alone.
   *
   * @throws GraphLimitException when the listed graph exceeds {@code options.limits()}
   * @throws IOException when a store fails, or the source does not have {@code reference}
   */
  public SyncPlan plan(Target source, String reference, Target destination, SyncOptions options)
      throws IOException {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(options, "options");
    Descriptor root = source.resolve(reference).basic();
    Optional<String> tag = options.tagFor(reference);
    if (!destination.exists(root)) {
      return new SyncPlan(
          source, destination, reference, root, true, tag, false, Map.of(), Set.of(), options);
    }
    boolean tagCurrent = tag.isEmpty() || pointsAt(destination, tag.get(), root);
    Map<Descriptor, List<Descriptor>> missing = new LinkedHashMap<>();
    Set<Digest> seen = new HashSet<>();
    Set<Digest> present = new HashSet<>();
    seen.add(root.digest());
    int nodes = 1;
    List<Descriptor> level = List.of(root);
    while (!level.isEmpty()) {
      List<Descriptor> next = new ArrayList<>();
      for (Descriptor subject : source.withPossibleReferrers(level)) {
        List<Descriptor> listed = new ArrayList<>();
        for (Descriptor r : source.referrers(subject, null)) {
          if (options.filter().test(r) && seen.add(r.digest())) {
            listed.add(r);
          }
        }
        if (listed.isEmpty()) {
          continue;
        }
        nodes += listed.size();
        if (nodes > options.limits().maxNodes()) {
          throw new GraphLimitException(
              "the referrers of "
                  + root.digest()
                  + " exceed "
                  + options.limits().maxNodes()
                  + " nodes");
        }
        Set<Digest> there = new HashSet<>();
        destination.referrers(subject, null).forEach(d -> there.add(d.digest()));
        for (Descriptor r : listed) {
          if (there.contains(r.digest())) {
            present.add(r.digest());
            next.add(r);
          } else {
            missing.computeIfAbsent(subject, k -> new ArrayList<>()).add(r);
          }
        }
      }
      level = next;
    }
    return new SyncPlan(
        source, destination, reference, root, false, tag, tagCurrent, missing, present, options);
  }

  /**
   * Copies what {@code plan} found missing and sets the tag.
   *
   * @throws CopyFailedException when a transfer failed; nothing was tagged and running the sync
   *     again transfers only what is still missing
   * @throws IOException when a store fails
   */
  public SyncResult apply(SyncPlan plan) throws IOException {
    return apply(plan, clock.instant());
  }

  private SyncResult apply(SyncPlan plan, Instant start) throws IOException {
    Target source = plan.source();
    Target destination = plan.destination();
    SyncOptions options = plan.options();
    List<GraphNode> arrived = new ArrayList<>();
    int copied = 0;
    long bytes = 0;
    if (plan.rootMissing()) {
      CopyResult r =
          copier.copy(
              source,
              plan.root(),
              destination,
              CopyOptions.builder()
                  .referrerDepth(DiscoveryOptions.UNLIMITED)
                  .filter(options.filter())
                  .limits(options.limits())
                  .build());
      arrived.addAll(referrers(r.graph()));
      copied += r.nodesCopied();
      bytes += r.bytesCopied();
    }
    // below a subject, the referrers both stores list are left out: the copy takes the missing
    // ones, and below those everything the filter takes (a manifest has one subject, so nothing
    // below a new referrer is among those listed in both)
    ReferrerFilter onlyNew = options.filter().and(r -> !plan.present().contains(r.digest()));
    for (Descriptor subject : plan.missing().keySet()) {
      CopyResult r =
          copier.copy(
              source,
              subject,
              destination,
              CopyOptions.builder()
                  .referrerDepth(DiscoveryOptions.UNLIMITED)
                  .filter(onlyNew)
                  .limits(options.limits())
                  .build());
      arrived.addAll(referrers(r.graph()));
      copied += r.nodesCopied();
      bytes += r.bytesCopied();
    }
    Optional<String> tagged = Optional.empty();
    if (plan.tagMoves()) {
      destination.tag(plan.root(), plan.tag().orElseThrow());
      tagged = plan.tag();
    }
    return new SyncResult(
        plan.reference(),
        plan.root(),
        plan.rootMissing(),
        arrived,
        tagged,
        copied,
        bytes,
        Duration.between(start, clock.instant()));
  }

  private static List<GraphNode> referrers(ArtifactGraph graph) {
    return graph.find(n -> graph.subject(n.digest()).isPresent());
  }

  private static boolean pointsAt(Target destination, String tag, Descriptor root)
      throws IOException {
    try {
      return destination.resolve(tag).digest().equals(root.digest());
    } catch (NotFoundException e) {
      return false;
    }
  }
}
