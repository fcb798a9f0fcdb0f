package dev.ocitrust.claims;

import dev.ocitrust.claims.internal.DecisionRenderer;
import dev.ocitrust.client.Descriptor;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a claim policy statement decided for an artifact in an environment: {@link Verdict#ALLOW},
 * {@link Verdict#ALLOW_WITH_WARNINGS} or {@link Verdict#DENY}, with the outcome of each rule and
 * the claim that decided it, every claim found (effective, superseded and by which claim, ignored
 * and why), and the warnings. Printable as text ({@link #text()}) and JSON ({@link #json()}).
 *
 * <p>Only {@link ClaimVerifier} creates one. Immutable and thread-safe.
 *
 * <pre>{@code
 * ClaimDecision d = verifier.evaluate(layout, "local/net-monitor", "v1", "prod");
 * if (!d.isAllowed()) { System.err.print(d.text()); }
 * }</pre>
 */
public final class ClaimDecision {
  /** The decision. */
  public enum Verdict {
    /** Every rule holds and nothing needs attention. */
    ALLOW,
    /** Allowed, but a rule was waived or only audited, or a claim was ignored. */
    ALLOW_WITH_WARNINGS,
    /** An enforced rule does not hold. */
    DENY
  }

  private final Verdict verdict;
  private final String scope;
  private final String reference;
  private final Descriptor artifact;
  private final String environment;
  private final String statement;
  private final EnforcementMode mode;
  private final Instant evaluatedAt;
  private final List<RuleOutcome> rules;
  private final List<ClaimRecord> claims;
  private final List<String> warnings;
  private final Optional<String> successor;

  ClaimDecision(
      Verdict verdict,
      String scope,
      String reference,
      Descriptor artifact,
      String environment,
      ClaimPolicyStatement statement,
      Instant evaluatedAt,
      List<RuleOutcome> rules,
      List<ClaimRecord> claims,
      List<String> warnings,
      Optional<String> successor) {
    this.verdict = verdict;
    this.scope = scope;
    this.reference = reference;
    this.artifact = artifact;
    this.environment = environment;
    this.statement = statement.name();
    this.mode = statement.mode();
    this.evaluatedAt = evaluatedAt;
    this.rules = List.copyOf(rules);
    this.claims = List.copyOf(claims);
    this.warnings = List.copyOf(warnings);
    this.successor = successor;
  }

  /**
   * The successor (the redirect) an effective, not-active lifecycle claim names: the version that
   * replaces this one, as a reference (full, or a tag or digest in the same repository or layout).
   * Following it is the caller's choice; the successor must then pass the same policy.
   */
  public Optional<String> successor() {
    return successor;
  }

  /** The verdict. */
  public Verdict verdict() {
    return verdict;
  }

  /** Whether the artifact may run: {@link Verdict#ALLOW} or {@link Verdict#ALLOW_WITH_WARNINGS}. */
  public boolean isAllowed() {
    return verdict != Verdict.DENY;
  }

  /** The registry scope the statement was selected by. */
  public String scope() {
    return scope;
  }

  /** The reference as given (a tag or digest). */
  public String reference() {
    return reference;
  }

  /** The artifact the reference resolved to; every claim counted is about its digest. */
  public Descriptor artifact() {
    return artifact;
  }

  /** The environment. */
  public String environment() {
    return environment;
  }

  /** The name of the claim policy statement that decided. */
  public String statement() {
    return statement;
  }

  /** Its enforcement mode. */
  public EnforcementMode mode() {
    return mode;
  }

  /** The time the rules were judged at. */
  public Instant evaluatedAt() {
    return evaluatedAt;
  }

  /** The outcome of each rule, in document order. */
  public List<RuleOutcome> rules() {
    return rules;
  }

  /** Every claim found, in listing order. */
  public List<ClaimRecord> claims() {
    return claims;
  }

  /** Claims of one status. */
  public List<ClaimRecord> claims(ClaimStatus status) {
    return claims.stream().filter(c -> c.status() == status).toList();
  }

  /** The warnings: waived or audited violations, ignored claims. */
  public List<String> warnings() {
    return warnings;
  }

  /** The decision as lines of text, one rule and one claim per line. */
  public String text() {
    return DecisionRenderer.text(this);
  }

  /** The decision as a JSON document. */
  public String json() {
    return DecisionRenderer.json(this);
  }

  @Override
  public String toString() {
    return verdict + " " + scope + "@" + artifact.digest() + " for " + environment;
  }
}
