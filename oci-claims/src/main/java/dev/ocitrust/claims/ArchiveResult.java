package dev.ocitrust.claims;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.graph.CopyResult;
import java.time.Instant;
import java.util.Optional;

/**
 * What {@link Archiver#archive} did: the copy of the referrer closure, the signed claim that closed
 * the deployment record in the archive, the archived deployment history, and the deployment gate's
 * decision on the source and on the archived copy (the same, or the archive run failed).
 *
 * <p>Only {@link Archiver} creates one. Immutable and thread-safe.
 *
 * <pre>{@code
 * ArchiveResult r = archiver.archive(source, "registry.acme.example/net-monitor", "v1",
 *     archive, "archive.acme.example/net-monitor", "prod");
 * System.out.print(r.text());
 * }</pre>
 */
public final class ArchiveResult {
  private final Descriptor artifact;
  private final CopyResult copy;
  private final Optional<Descriptor> closingClaim;
  private final DeploymentHistory history;
  private final GateResult source;
  private final GateResult archived;
  private final Instant at;

  ArchiveResult(
      Descriptor artifact,
      CopyResult copy,
      Optional<Descriptor> closingClaim,
      DeploymentHistory history,
      GateResult source,
      GateResult archived,
      Instant at) {
    this.artifact = artifact;
    this.copy = copy;
    this.closingClaim = closingClaim;
    this.history = history;
    this.source = source;
    this.archived = archived;
    this.at = at;
  }

  /** The archived artifact. */
  public Descriptor artifact() {
    return artifact;
  }

  /** The copy of the artifact with all its referrers. */
  public CopyResult copy() {
    return copy;
  }

  /**
   * The deployment claim that closed the record in the archive; empty when the archive's records of
   * the issuer were closed already.
   */
  public Optional<Descriptor> closingClaim() {
    return closingClaim;
  }

  /** The deployment history in the archive, the closing claim included. */
  public DeploymentHistory history() {
    return history;
  }

  /** The deployment gate's decision on the source. */
  public GateResult sourceDecision() {
    return source;
  }

  /** The deployment gate's decision on the archived copy. */
  public GateResult archivedDecision() {
    return archived;
  }

  /** What was done, for people. */
  public String text() {
    StringBuilder b = new StringBuilder();
    b.append("Archived ")
        .append(artifact.digest())
        .append(": ")
        .append(copy.nodesCopied())
        .append(" nodes copied, ")
        .append(copy.nodesSkipped())
        .append(" already there\n");
    b.append(
        closingClaim
            .map(
                c ->
                    "Closed the deployment record in "
                        + history.environment()
                        + ": claim "
                        + c.digest())
            .orElse("The deployment record in " + history.environment() + " was closed already"));
    b.append('\n');
    b.append("Deployment history: ").append(history.text(at));
    b.append("Decision on the source:  ").append(summary(source)).append('\n');
    b.append("Decision on the archive: ").append(summary(archived)).append(" (the same)\n");
    return b.toString();
  }

  private static String summary(GateResult r) {
    return (r.isAllowed() ? "allowed" : "denied")
        + " (signatures "
        + r.signatures().map(v -> v.verdict().name()).orElse("not verified")
        + ", claims "
        + r.claims().map(d -> d.verdict().name()).orElse("not decided")
        + ")";
  }
}
