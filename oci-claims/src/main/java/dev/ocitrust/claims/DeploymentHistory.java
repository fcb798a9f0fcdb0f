package dev.ocitrust.claims;

import dev.ocitrust.claims.internal.DeploymentRenderer;
import dev.ocitrust.client.Descriptor;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Where and when an artifact ran, from its verified deployment claims ({@link
 * ClaimTypes#DEPLOYMENT}): the current status is the latest record (signed {@code iat}) per issuer
 * and environment; the history is every verified record, newest first, each current or superseded.
 * Claims that do not verify under the claim policy play no part.
 *
 * <p>Only {@link ClaimVerifier#deployments} creates one. Immutable and thread-safe.
 *
 * <pre>{@code
 * DeploymentHistory h = verifier.deployments(archive, "local/archive", "v1", "prod");
 * if (!h.isDeployedAt(Instant.now())) System.out.println("last ran until " + h.lastEnded());
 * }</pre>
 */
public final class DeploymentHistory {
  private static final Comparator<DeploymentRecord> NEWEST_FIRST =
      Comparator.comparing(DeploymentRecord::issuedAt)
          .thenComparing(r -> r.claim().toString())
          .reversed();

  private final Descriptor artifact;
  private final String environment;
  private final List<DeploymentRecord> records;

  DeploymentHistory(Descriptor artifact, String environment, List<DeploymentRecord> records) {
    this.artifact = artifact;
    this.environment = environment;
    this.records = records.stream().sorted(NEWEST_FIRST).toList();
  }

  /** The artifact the reference resolved to. */
  public Descriptor artifact() {
    return artifact;
  }

  /** The environment the history is about. */
  public String environment() {
    return environment;
  }

  /** Every verified deployment record, newest first. */
  public List<DeploymentRecord> records() {
    return records;
  }

  /** The current record of each issuer, newest first. */
  public List<DeploymentRecord> current() {
    return records.stream().filter(DeploymentRecord::isCurrent).toList();
  }

  /**
   * Whether some issuer's current record says the artifact runs in the environment at {@code at}.
   */
  public boolean isDeployedAt(Instant at) {
    return current().stream().anyMatch(r -> r.deployment().isDeployedAt(at));
  }

  /**
   * When the last deployment ended: the latest {@code to} of the current records, if every one of
   * them is closed; empty if there is no record or one is still open.
   */
  public Optional<Instant> lastEnded() {
    List<DeploymentRecord> current = current();
    if (current.isEmpty() || current.stream().anyMatch(r -> r.deployment().to().isEmpty())) {
      return Optional.empty();
    }
    return current.stream()
        .map(r -> r.deployment().to().orElseThrow())
        .max(Comparator.naturalOrder());
  }

  /** The status at {@code now} and one line per record. */
  public String text(Instant now) {
    return DeploymentRenderer.text(this, now);
  }

  /** The same as a JSON document. */
  public String json(Instant now) {
    return DeploymentRenderer.json(this, now);
  }
}
