package dev.ocitrust.claims.internal;

import dev.ocitrust.claims.ClaimDecision;
import dev.ocitrust.claims.GateResult;
import dev.ocitrust.claims.RuleOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a deployment gate decided, reduced to what must be the same for two copies of one artifact:
 * whether it is allowed, the signature verdict (or that it could not be reached), the claim verdict
 * (or that it could not be reached) and each rule's outcome.
 *
 * @param allowed whether the gate allowed it
 * @param signatures the signature verdict, or the failure's message
 * @param claims the claim verdict, or the failure's message
 * @param rules each rule as {@code name: STATUS}, in policy order
 */
public record GateOutcome(boolean allowed, String signatures, String claims, List<String> rules) {
  /** An outcome; the list is copied. */
  public GateOutcome {
    Objects.requireNonNull(signatures, "signatures");
    Objects.requireNonNull(claims, "claims");
    rules = List.copyOf(rules);
  }

  /** The outcome of {@code r}. */
  public static GateOutcome of(GateResult r) {
    String signatures =
        r.signatures()
            .map(v -> v.verdict().name())
            .orElse("not verified: " + r.signatureFailure().orElse(""));
    String claims =
        r.claims()
            .map(d -> d.verdict().name())
            .orElse("not decided: " + r.claimFailure().orElse(""));
    List<String> rules = new ArrayList<>();
    for (RuleOutcome o : r.claims().map(ClaimDecision::rules).orElse(List.of())) {
      rules.add(o.rule() + ": " + o.status());
    }
    return new GateOutcome(r.isAllowed(), signatures, claims, rules);
  }

  /** How {@code other} differs from this, one line per difference; empty when they agree. */
  public List<String> differences(GateOutcome other) {
    List<String> out = new ArrayList<>();
    if (allowed != other.allowed) {
      out.add("allowed " + allowed + " but " + other.allowed);
    }
    if (!signatures.equals(other.signatures)) {
      out.add("signatures " + signatures + " but " + other.signatures);
    }
    if (!claims.equals(other.claims)) {
      out.add("claims " + claims + " but " + other.claims);
    }
    if (!rules.equals(other.rules)) {
      out.add("rules " + rules + " but " + other.rules);
    }
    return out;
  }
}
