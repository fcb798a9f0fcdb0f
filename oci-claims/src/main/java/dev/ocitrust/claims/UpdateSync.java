package dev.ocitrust.claims;

import dev.ocitrust.client.Target;
import dev.ocitrust.graph.GraphSync;
import dev.ocitrust.graph.SyncOptions;
import dev.ocitrust.graph.SyncPlan;
import dev.ocitrust.graph.SyncResult;
import dev.ocitrust.policy.PolicyException;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * The scenario's "subsequent updates": a consumer that copied an artifact earlier receives what the
 * publisher attached since — new claims, signatures, lifecycle notices — with {@link GraphSync},
 * and learns whether that changed the deployment verdict in its own store: the gate judges the
 * artifact there before and after, when something arrived (a sync that brought nothing judges
 * nothing and sends only listings).
 *
 * <p>Thread-safe if the sync and the gate are (they are).
 *
 * <pre>{@code
 * UpdateSync updates = UpdateSync.of(GraphSync.of(copier), gate);
 * UpdateReport r = updates.sync(publisher, "v1", mirror, "registry.acme.example/net-monitor",
 *     "prod", SyncOptions.defaults());
 * if (r.verdictChanged()) { ... } // e.g. a revocation arrived: ALLOW -> DENY
 * }</pre>
 */
public final class UpdateSync {
  private final GraphSync sync;
  private final Optional<DeploymentGate> gate;

  private UpdateSync(GraphSync sync, Optional<DeploymentGate> gate) {
    this.sync = Objects.requireNonNull(sync, "sync");
    this.gate = gate;
  }

  /** Syncs and judges the verdict with {@code gate}. */
  public static UpdateSync of(GraphSync sync, DeploymentGate gate) {
    return new UpdateSync(sync, Optional.of(gate));
  }

  /** Syncs without judging verdicts. */
  public static UpdateSync withoutVerdicts(GraphSync sync) {
    return new UpdateSync(sync, Optional.empty());
  }

  /**
   * Brings {@code reference} of {@code source} up to date in {@code destination}; with a gate,
   * judges it there for {@code environment} under {@code scope} (the destination's) before and
   * after, when something arrives.
   *
   * @throws PolicyException if the gate cannot judge (a digest the store does not resolve to)
   * @throws IOException if a store fails or a copy fails
   */
  public UpdateReport sync(
      Target source,
      String reference,
      Target destination,
      String scope,
      String environment,
      SyncOptions options)
      throws IOException, PolicyException {
    SyncPlan plan = sync.plan(source, reference, destination, options);
    if (plan.isUpToDate() || gate.isEmpty()) {
      return new UpdateReport(
          sync.apply(plan), Optional.empty(), Optional.empty(), Optional.empty());
    }
    String digest = plan.root().digest().toString();
    Optional<ClaimDecision.Verdict> before =
        plan.rootMissing()
            ? Optional.empty()
            : Optional.of(verdict(judge(destination, scope, digest, environment)));
    SyncResult r = sync.apply(plan);
    GateResult after = judge(destination, scope, digest, environment);
    return new UpdateReport(r, before, Optional.of(verdict(after)), Optional.of(after));
  }

  private GateResult judge(Target target, String scope, String digest, String environment)
      throws IOException, PolicyException {
    return gate.orElseThrow().judge(target, scope, digest, environment);
  }

  private static ClaimDecision.Verdict verdict(GateResult r) {
    if (!r.isAllowed()) {
      return ClaimDecision.Verdict.DENY;
    }
    return r.claims().map(ClaimDecision::verdict).orElse(ClaimDecision.Verdict.DENY);
  }
}
