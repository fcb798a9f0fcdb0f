package dev.ocitrust.claims.internal;

import dev.ocitrust.claims.DeploymentHistory;
import dev.ocitrust.claims.LifecycleState;
import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.Digest;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What retention knows about one artifact, all of it from verified claims: its deployment history
 * in the policy's environment, its end of life (the earliest effective end of life or revocation
 * among the issuers' current lifecycle claims, unless a newer current {@code active} claim lifts
 * it), and the signed time of its first verified claim.
 *
 * @param artifact the artifact
 * @param tags its tags (for the report only)
 * @param deployments its deployment history
 * @param endOfLife when its end of life took (or takes) effect, if a trusted issuer declared one
 * @param endOfLifeClaim the claim that declared it
 * @param firstSigned the signed iat of its earliest verified claim
 * @param verifiedClaims how many of its claims verified
 */
public record RetentionFacts(
    Descriptor artifact,
    List<String> tags,
    DeploymentHistory deployments,
    Optional<Instant> endOfLife,
    Optional<Digest> endOfLifeClaim,
    Optional<Instant> firstSigned,
    int verifiedClaims) {

  /** The facts of {@code artifact} from its {@code verified} claims. */
  public static RetentionFacts of(
      Descriptor artifact,
      List<String> tags,
      DeploymentHistory deployments,
      List<FoundClaim.Verified> verified) {
    List<FoundClaim.Verified> lifecycle =
        verified.stream().filter(v -> v.lifecycle().isPresent()).toList();
    Supersession s = Supersession.of(lifecycle, null);
    List<FoundClaim.Verified> current =
        lifecycle.stream().filter(v -> s.supersededBy(v).isEmpty()).toList();
    Optional<FoundClaim.Verified> newestActive =
        current.stream()
            .filter(v -> v.lifecycle().orElseThrow().state() == LifecycleState.ACTIVE)
            .max(Comparator.comparing(FoundClaim.Verified::issuedAt));
    Optional<FoundClaim.Verified> ending =
        current.stream()
            .filter(
                v -> {
                  LifecycleState st = v.lifecycle().orElseThrow().state();
                  return st == LifecycleState.END_OF_LIFE || st == LifecycleState.REVOKED;
                })
            .filter(v -> newestActive.map(a -> !a.issuedAt().isAfter(v.issuedAt())).orElse(true))
            .min(Comparator.comparing(RetentionFacts::effective));
    Optional<Instant> first =
        verified.stream().map(FoundClaim.Verified::issuedAt).min(Comparator.naturalOrder());
    return new RetentionFacts(
        artifact,
        tags,
        deployments,
        ending.map(RetentionFacts::effective),
        ending.map(v -> v.manifest().digest()),
        first,
        verified.size());
  }

  private static Instant effective(FoundClaim.Verified v) {
    return v.lifecycle().orElseThrow().effectiveFrom(v.issuedAt());
  }
}
