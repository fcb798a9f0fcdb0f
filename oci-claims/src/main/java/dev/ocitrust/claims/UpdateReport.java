package dev.ocitrust.claims;

import dev.ocitrust.client.ImageManifest;
import dev.ocitrust.graph.ArtifactGraph;
import dev.ocitrust.graph.GraphNode;
import dev.ocitrust.graph.SyncResult;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What an {@link UpdateSync} brought into the destination for one artifact — new claims, new
 * signatures, lifecycle notices — and, when a gate judged it, the deployment verdict there before
 * and after.
 *
 * <p>Only {@link UpdateSync} creates one. Immutable and thread-safe.
 *
 * <pre>{@code
 * UpdateReport r = updates.sync(publisher, "v1", mirror, scope, "prod", SyncOptions.defaults());
 * if (r.verdictChanged()) alert(r.verdictBefore() + " -> " + r.verdictAfter());
 * }</pre>
 */
public final class UpdateReport {
  /** What an arrived referrer is, from its manifest (a hint for reports, not a verification). */
  public enum Kind {
    /** A Notary Project signature. */
    SIGNATURE,
    /** A lifecycle claim ({@link ClaimTypes#LIFECYCLE}). */
    LIFECYCLE,
    /** Any other claim: one SCITT signed statement layer. */
    CLAIM,
    /** Anything else attached (an SBOM pushed as a plain artifact, an unsigned marker). */
    OTHER
  }

  private final SyncResult sync;
  private final Optional<ClaimDecision.Verdict> before;
  private final Optional<ClaimDecision.Verdict> after;
  private final Optional<GateResult> gate;

  UpdateReport(
      SyncResult sync,
      Optional<ClaimDecision.Verdict> before,
      Optional<ClaimDecision.Verdict> after,
      Optional<GateResult> gate) {
    this.sync = Objects.requireNonNull(sync, "sync");
    this.before = before;
    this.after = after;
    this.gate = gate;
  }

  /** What was copied. */
  public SyncResult sync() {
    return sync;
  }

  /** The kind of an arrived referrer. */
  public static Kind kindOf(GraphNode referrer) {
    String type = referrer.artifactType().orElse("");
    if (type.equals(ArtifactGraph.NOTARY_SIGNATURE)) {
      return Kind.SIGNATURE;
    }
    boolean statement =
        referrer
            .manifest()
            .filter(ImageManifest.class::isInstance)
            .map(m -> ((ImageManifest) m).layers())
            .filter(l -> l.size() == 1 && l.get(0).mediaType().equals(ClaimTypes.STATEMENT))
            .isPresent();
    if (statement) {
      return type.equals(ClaimTypes.LIFECYCLE) ? Kind.LIFECYCLE : Kind.CLAIM;
    }
    return Kind.OTHER;
  }

  /** The referrers that arrived of {@code kind}. */
  public List<GraphNode> arrived(Kind kind) {
    return sync.arrived().stream().filter(n -> kindOf(n) == kind).toList();
  }

  /**
   * The lifecycle claims that arrived, as the gate's claim decision judged them in the destination
   * (effective, superseded or ignored, and why: an ignored one carries no notice, its values are
   * not trusted); empty without a gate.
   */
  public List<ClaimRecord> lifecycleChanges() {
    Set<String> arrived = new HashSet<>();
    sync.arrived().forEach(n -> arrived.add(n.digest().toString()));
    return gate.flatMap(GateResult::claims).map(ClaimDecision::claims).orElse(List.of()).stream()
        .filter(c -> arrived.contains(c.digest().toString()) && isLifecycle(c))
        .toList();
  }

  private static boolean isLifecycle(ClaimRecord c) {
    return c.lifecycle().isPresent()
        || c.contentType().filter(ClaimTypes.LIFECYCLE::equals).isPresent()
        || c.manifest().artifactType().filter(ClaimTypes.LIFECYCLE::equals).isPresent();
  }

  /** The verdict in the destination before the sync, when it had the artifact and a gate judged. */
  public Optional<ClaimDecision.Verdict> verdictBefore() {
    return before;
  }

  /** The verdict in the destination after the sync, when a gate judged. */
  public Optional<ClaimDecision.Verdict> verdictAfter() {
    return after;
  }

  /** The gate's decision after the sync, when a gate judged. */
  public Optional<GateResult> gate() {
    return gate;
  }

  /** Whether the verdict before and after differ (an artifact new to the destination: no). */
  public boolean verdictChanged() {
    return before.isPresent() && after.isPresent() && before.get() != after.get();
  }

  @Override
  public String toString() {
    return sync.reference()
        + " ("
        + sync.root().digest()
        + "): "
        + sync.arrived().size()
        + " arrived"
        + (verdictChanged() ? ", verdict " + before.get() + " -> " + after.get() : "");
  }
}
