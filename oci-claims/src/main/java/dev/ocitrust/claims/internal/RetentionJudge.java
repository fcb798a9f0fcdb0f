package dev.ocitrust.claims.internal;

import dev.ocitrust.claims.DeploymentHistory;
import dev.ocitrust.claims.RetentionDecision;
import dev.ocitrust.claims.RetentionOutcome;
import dev.ocitrust.claims.RetentionOutcome.Status;
import dev.ocitrust.claims.RetentionPolicy;
import dev.ocitrust.claims.RetentionRule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Judges a retention policy over the facts of every artifact of a store: each rule keeps, expires
 * or does not apply; an artifact expires when no rule keeps it and one finds it expired.
 *
 * <p>Thread-safe: stateless.
 */
public final class RetentionJudge {
  private RetentionJudge() {}

  /** The decisions on {@code artifacts} at {@code now}, in their order. */
  public static List<RetentionDecision> judge(
      RetentionPolicy policy, List<RetentionFacts> artifacts, Instant now) {
    Map<RetentionFacts, Integer> rank = newestRank(artifacts);
    List<RetentionDecision> out = new ArrayList<>();
    for (RetentionFacts f : artifacts) {
      List<RetentionOutcome> outcomes = new ArrayList<>();
      for (RetentionRule r : policy.rules()) {
        outcomes.add(outcome(r, f, now, rank.get(f)));
      }
      Optional<RetentionOutcome> keep =
          outcomes.stream().filter(o -> o.status() == Status.KEEP).findFirst();
      Optional<RetentionOutcome> expired =
          outcomes.stream().filter(o -> o.status() == Status.EXPIRED).findFirst();
      boolean delete = keep.isEmpty() && expired.isPresent();
      String reason;
      if (keep.isPresent()) {
        reason = "kept by rule " + keep.get().rule() + ": " + keep.get().message();
      } else if (delete) {
        reason = "expired by rule " + expired.get().rule() + ": " + expired.get().message();
      } else {
        reason =
            "kept: no rule can judge it on a verified claim ("
                + f.verifiedClaims()
                + " verified claims); unsigned data never decides a deletion";
      }
      out.add(new RetentionDecision(f.artifact(), f.tags(), delete, outcomes, reason));
    }
    return out;
  }

  /** 1-based rank of each artifact with a signed time, newest first (ties: larger digest first). */
  private static Map<RetentionFacts, Integer> newestRank(List<RetentionFacts> artifacts) {
    List<RetentionFacts> dated =
        new ArrayList<>(artifacts.stream().filter(f -> f.firstSigned().isPresent()).toList());
    dated.sort(
        Comparator.comparing((RetentionFacts f) -> f.firstSigned().orElseThrow())
            .thenComparing(f -> f.artifact().digest().toString())
            .reversed());
    Map<RetentionFacts, Integer> rank = new HashMap<>();
    for (int i = 0; i < dated.size(); i++) {
      rank.put(dated.get(i), i + 1);
    }
    return rank;
  }

  private static RetentionOutcome outcome(
      RetentionRule r,
      RetentionFacts f,
      Instant now,
      @org.jspecify.annotations.Nullable Integer rank) {
    DeploymentHistory h = f.deployments();
    String env = h.environment();
    return switch (r.kind()) {
      case KEEP_WHILE_DEPLOYED -> {
        if (h.isDeployedAt(now)) {
          yield of(r, Status.KEEP, "deployed in " + env + " (" + current(h) + ")");
        }
        if (h.records().isEmpty()) {
          yield of(r, Status.NOT_APPLICABLE, "no verified deployment record for " + env);
        }
        yield of(r, Status.EXPIRED, "not deployed in " + env + " (" + current(h) + ")");
      }
      case KEEP_UNTIL_END_OF_LIFE -> {
        String period = text(r.period().orElseThrow());
        if (f.endOfLife().isEmpty()) {
          yield of(r, Status.KEEP, "no trusted issuer declared its end of life");
        }
        Instant until = f.endOfLife().get().plus(r.period().orElseThrow());
        String basis =
            "end of life "
                + f.endOfLife().get()
                + " (claim "
                + f.endOfLifeClaim().orElseThrow()
                + ") plus "
                + period;
        yield now.isBefore(until)
            ? of(r, Status.KEEP, basis + ": until " + until)
            : of(r, Status.EXPIRED, basis + ": ended " + until);
      }
      case KEEP_AFTER_DEPLOYMENT -> {
        String period = text(r.period().orElseThrow());
        if (h.isDeployedAt(now)) {
          yield of(r, Status.KEEP, "still deployed in " + env);
        }
        Optional<Instant> ended = h.lastEnded();
        if (ended.isEmpty()) {
          yield of(
              r,
              Status.NOT_APPLICABLE,
              h.records().isEmpty()
                  ? "no verified deployment record for " + env
                  : "its deployment in " + env + " has not begun");
        }
        Instant until = ended.get().plus(r.period().orElseThrow());
        String basis = "last deployment in " + env + " ended " + ended.get() + ", plus " + period;
        yield now.isBefore(until)
            ? of(r, Status.KEEP, basis + ": until " + until)
            : of(r, Status.EXPIRED, basis + ": ended " + until);
      }
      case KEEP_NEWEST -> {
        if (rank == null) {
          yield of(r, Status.NOT_APPLICABLE, "no verified claim dates it");
        }
        String basis =
            "number " + rank + " by the signed time of its first claim " + f.firstSigned().get();
        yield rank <= r.count()
            ? of(r, Status.KEEP, basis + ", within the newest " + r.count())
            : of(r, Status.EXPIRED, basis + ", not within the newest " + r.count());
      }
    };
  }

  /** A period as people write it: {@code P365D} rather than {@code PT8760H}. */
  static String text(Duration d) {
    return d.toSeconds() % 86400 == 0 ? "P" + d.toDays() + "D" : d.toString();
  }

  private static String current(DeploymentHistory h) {
    return h.current().stream()
        .map(
            c ->
                c.issuer()
                    + ": from "
                    + c.deployment().from()
                    + " to "
                    + c.deployment().to().map(Instant::toString).orElse("(open)"))
        .reduce((a, b) -> a + "; " + b)
        .orElse("");
  }

  private static RetentionOutcome of(RetentionRule r, Status s, String message) {
    return new RetentionOutcome(r.name(), r.kind(), s, message);
  }
}
