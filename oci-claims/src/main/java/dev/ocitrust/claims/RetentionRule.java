package dev.ocitrust.claims;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One rule of a {@link RetentionPolicy}: a reason to keep an artifact, judged on its verified
 * claims only.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * RetentionRule r = new RetentionRule("eol", RetentionRule.Kind.KEEP_UNTIL_END_OF_LIFE,
 *     Optional.of(Duration.ofDays(90)), 0);
 * }</pre>
 *
 * @param name the rule's name, unique in its policy
 * @param kind what keeps the artifact
 * @param period the period of {@link Kind#KEEP_UNTIL_END_OF_LIFE} (after the end of life) and
 *     {@link Kind#KEEP_AFTER_DEPLOYMENT} (after the last deployment ended)
 * @param count the number of artifacts {@link Kind#KEEP_NEWEST} keeps; 0 for the other kinds
 */
public record RetentionRule(String name, Kind kind, Optional<Duration> period, int count) {

  /** What a rule keeps. */
  public enum Kind {
    /** Keep while a current deployment record says the artifact runs in the environment. */
    KEEP_WHILE_DEPLOYED("keepWhileDeployed"),
    /** Keep until its end of life (or revocation) plus the period; kept while it has none. */
    KEEP_UNTIL_END_OF_LIFE("keepUntilEndOfLife"),
    /** Keep for the period after its last deployment in the environment ended. */
    KEEP_AFTER_DEPLOYMENT("keepAfterDeployment"),
    /** Keep the newest {@code count} of the store, by the signed time of their first claim. */
    KEEP_NEWEST("keepNewest");

    private final String json;

    Kind(String json) {
      this.json = json;
    }

    /** The property naming the kind in the document. */
    public String json() {
      return json;
    }
  }

  /**
   * A rule.
   *
   * @throws IllegalArgumentException if the period or count does not fit the kind
   */
  public RetentionRule {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(period, "period");
    boolean needsPeriod = kind == Kind.KEEP_UNTIL_END_OF_LIFE || kind == Kind.KEEP_AFTER_DEPLOYMENT;
    if (needsPeriod != period.isPresent()
        || period.map(p -> p.isNegative()).orElse(false)
        || (kind == Kind.KEEP_NEWEST) != (count > 0)
        || count < 0) {
      throw new IllegalArgumentException(
          "retention rule \""
              + name
              + "\" ("
              + kind.json()
              + ") with period "
              + period
              + " and count "
              + count
              + " does not fit its kind");
    }
  }
}
