package dev.ocitrust.claims;

import dev.ocitrust.client.Descriptor;
import java.util.List;
import java.util.Objects;

/**
 * The retention verdict on one artifact of a store: kept or expired, each rule's outcome, and the
 * one-line reason.
 *
 * <p>An artifact expires only when no rule keeps it and at least one rule finds it expired on
 * verified claims; an artifact without such a claim is kept. Immutable and thread-safe.
 *
 * @param artifact the artifact's manifest
 * @param tags its tags in the store (informative: tags never decide)
 * @param expired whether it is (or, in a dry run, would be) deleted with its referrers
 * @param outcomes each rule's outcome, in policy order
 * @param reason why it is kept or deleted
 */
public record RetentionDecision(
    Descriptor artifact,
    List<String> tags,
    boolean expired,
    List<RetentionOutcome> outcomes,
    String reason) {

  /** A decision; lists are copied. */
  public RetentionDecision {
    Objects.requireNonNull(artifact, "artifact");
    tags = List.copyOf(tags);
    outcomes = List.copyOf(outcomes);
    Objects.requireNonNull(reason, "reason");
  }
}
