package dev.ocitrust.claims;

import java.util.Objects;

/**
 * What one retention rule says about one artifact: keep it, it has expired, or the rule does not
 * apply (no signed claim it could judge by), and why.
 *
 * <p>Immutable and thread-safe.
 *
 * @param rule the rule's name
 * @param kind the rule's kind
 * @param status keep, expired or not applicable
 * @param message why, naming the signed values it rests on
 */
public record RetentionOutcome(
    String rule, RetentionRule.Kind kind, Status status, String message) {

  /** A rule's verdict on one artifact. */
  public enum Status {
    /** The rule keeps the artifact. */
    KEEP,
    /** By this rule, the artifact's retention has expired. */
    EXPIRED,
    /** The artifact has no verified claim this rule could judge by. */
    NOT_APPLICABLE
  }

  /** An outcome; every field is required. */
  public RetentionOutcome {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(message, "message");
  }
}
