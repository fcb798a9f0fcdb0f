package dev.ocitrust.claims;

import dev.ocitrust.client.Digest;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One verified deployment claim in an artifact's {@link DeploymentHistory}: who signed it, when,
 * what it records, and whether it is the current record of its issuer and environment or was
 * superseded by a newer one.
 *
 * <p>Every value comes from a statement whose signature verified under the claim policy. Immutable
 * and thread-safe.
 *
 * @param claim the claim manifest's digest
 * @param iss the signed {@code iss}
 * @param issuer the claim policy's name for the issuer
 * @param issuedAt the signed {@code iat}
 * @param deployment the signed record
 * @param supersededBy the claim manifest digest of the newer record of the same issuer and
 *     environment; absent for the current record
 */
public record DeploymentRecord(
    Digest claim,
    String iss,
    String issuer,
    Instant issuedAt,
    Deployment deployment,
    Optional<Digest> supersededBy) {

  /** A record; every field is required. */
  public DeploymentRecord {
    Objects.requireNonNull(claim, "claim");
    Objects.requireNonNull(iss, "iss");
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(issuedAt, "issuedAt");
    Objects.requireNonNull(deployment, "deployment");
    Objects.requireNonNull(supersededBy, "supersededBy");
  }

  /** Whether this is the current record of its issuer and environment. */
  public boolean isCurrent() {
    return supersededBy.isEmpty();
  }
}
