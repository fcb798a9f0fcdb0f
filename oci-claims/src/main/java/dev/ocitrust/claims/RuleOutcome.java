package dev.ocitrust.claims;

import dev.ocitrust.client.Digest;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How one rule of a claim policy statement came out for an artifact and environment.
 *
 * <p>Immutable and thread-safe.
 *
 * @param rule the rule's name
 * @param kind {@code requireApproval}, {@code requireClaim}, {@code denyRejection} or {@code
 *     lifecycle}
 * @param status satisfied, violated, waived or warned
 * @param message what decided it, for people
 * @param issuer the deciding issuer, if one decided
 * @param claims the manifest digests of the claims that decided it
 */
public record RuleOutcome(
    String rule,
    String kind,
    Status status,
    String message,
    Optional<String> issuer,
    List<Digest> claims) {

  /** The outcome of a rule. */
  public enum Status {
    /** The rule holds. */
    SATISFIED,
    /** The rule does not hold. */
    VIOLATED,
    /** The rule does not hold, but an exception for this artifact applies until its end. */
    WAIVED,
    /** The rule holds, with a warning (a deprecation, an end of life to come, a hint). */
    WARNED
  }

  /** An outcome. */
  public RuleOutcome {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(issuer, "issuer");
    claims = List.copyOf(claims);
  }
}
