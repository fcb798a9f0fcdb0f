package dev.ocitrust.claims;

import dev.ocitrust.claims.internal.RetentionRenderer;
import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.Digest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link Retention} run decided: per artifact whether it was kept (and by which rule) or
 * deleted (and why), and what was deleted — or, in a dry run, would be — in deletion order.
 * Printable as text ({@link #text()}) and JSON ({@link #json()}).
 *
 * <p>Only {@link Retention} creates one. Immutable and thread-safe.
 *
 * <pre>{@code
 * RetentionReport r = retention.apply(layout, "local/archive");
 * r.decisions().stream().filter(RetentionDecision::expired).forEach(d -> System.out.println(d.reason()));
 * }</pre>
 */
public final class RetentionReport {
  private final String scope;
  private final String environment;
  private final Instant evaluatedAt;
  private final boolean dryRun;
  private final List<RetentionDecision> decisions;
  private final Map<Digest, List<Descriptor>> deleted;

  RetentionReport(
      String scope,
      String environment,
      Instant evaluatedAt,
      boolean dryRun,
      List<RetentionDecision> decisions,
      Map<Digest, List<Descriptor>> deleted) {
    this.scope = scope;
    this.environment = environment;
    this.evaluatedAt = evaluatedAt;
    this.dryRun = dryRun;
    this.decisions = List.copyOf(decisions);
    Map<Digest, List<Descriptor>> copy = new LinkedHashMap<>();
    deleted.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    this.deleted = java.util.Collections.unmodifiableMap(copy);
  }

  /** The store's scope. */
  public String scope() {
    return scope;
  }

  /** The environment the deployment rules read. */
  public String environment() {
    return environment;
  }

  /** When the rules were judged. */
  public Instant evaluatedAt() {
    return evaluatedAt;
  }

  /** Whether nothing was deleted. */
  public boolean dryRun() {
    return dryRun;
  }

  /** One decision per artifact of the store. */
  public List<RetentionDecision> decisions() {
    return decisions;
  }

  /**
   * Per expired artifact, what was (or would be) deleted, in order: referrers deepest first, the
   * artifact, what it names, and on a registry its fallback referrers index.
   */
  public Map<Digest, List<Descriptor>> deleted() {
    return deleted;
  }

  /** One block per artifact: kept or deleted, the reason, each rule's outcome, what went. */
  public String text() {
    return RetentionRenderer.text(this);
  }

  /** The same as a JSON document. */
  public String json() {
    return RetentionRenderer.json(this);
  }
}
