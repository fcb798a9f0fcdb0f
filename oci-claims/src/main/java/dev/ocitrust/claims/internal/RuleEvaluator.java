package dev.ocitrust.claims.internal;

import dev.ocitrust.claims.Approval;
import dev.ocitrust.claims.ClaimPolicyStatement;
import dev.ocitrust.claims.ClaimRule;
import dev.ocitrust.claims.ClaimTypes;
import dev.ocitrust.claims.Lifecycle;
import dev.ocitrust.claims.LifecycleEffect;
import dev.ocitrust.claims.LifecycleState;
import dev.ocitrust.claims.Quantifier;
import dev.ocitrust.claims.RuleOutcome;
import dev.ocitrust.claims.TrustedIssuer;
import dev.ocitrust.claims.Waiver;
import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.Digest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Judges the rules of a claim policy statement for one artifact and environment at one time, from
 * the effective claims ({@link Supersession}). Issuers are taken in the statement's precedence
 * order, so a consumer's claim decides before a publisher's; a violated rule with an applicable
 * exception is waived.
 *
 * <p>Not thread-safe; one instance serves one evaluation.
 */
public final class RuleEvaluator {
  private final ClaimPolicyStatement statement;
  private final String environment;
  private final Instant now;
  private final Digest artifact;
  private final Supersession supersession;
  private final List<Descriptor> unsignedMarkers;
  private @Nullable String successor;

  /**
   * An evaluator of {@code statement}'s rules; {@code unsignedMarkers} are the artifact's unsigned
   * end-of-life markers as listed.
   */
  public RuleEvaluator(
      ClaimPolicyStatement statement,
      String environment,
      Instant now,
      Digest artifact,
      Supersession supersession,
      List<Descriptor> unsignedMarkers) {
    this.statement = statement;
    this.environment = environment;
    this.now = now;
    this.artifact = artifact;
    this.supersession = supersession;
    this.unsignedMarkers = List.copyOf(unsignedMarkers);
  }

  /**
   * The successor (redirect) named by the first issuer, in precedence order, whose effective
   * lifecycle claim is not {@code active} and names one; known after {@link #evaluate}.
   */
  public Optional<String> successor() {
    return Optional.ofNullable(successor);
  }

  /** The outcome of every rule, in document order. */
  public List<RuleOutcome> evaluate() {
    List<RuleOutcome> out = new ArrayList<>();
    for (ClaimRule rule : statement.rules()) {
      RuleOutcome o;
      if (rule instanceof ClaimRule.RequireApproval r) {
        o = requireApproval(r);
      } else if (rule instanceof ClaimRule.RequireClaim r) {
        o = requireClaim(r);
      } else if (rule instanceof ClaimRule.LifecycleRule r) {
        o = lifecycle(r);
      } else if (rule instanceof ClaimRule.RequireReceipt r) {
        o = requireReceipt(r);
      } else {
        o = denyRejection((ClaimRule.DenyRejection) rule);
      }
      out.add(waive(o));
    }
    return out;
  }

  private RuleOutcome waive(RuleOutcome o) {
    if (o.status() != RuleOutcome.Status.VIOLATED) {
      return o;
    }
    for (Waiver w : statement.waivers()) {
      if (w.rule().equals(o.rule()) && w.appliesTo(artifact, now)) {
        return new RuleOutcome(
            o.rule(),
            o.kind(),
            RuleOutcome.Status.WAIVED,
            o.message()
                + "; waived until "
                + w.until()
                + w.reason().map(r -> " (" + r + ")").orElse(""),
            o.issuer(),
            o.claims());
      }
    }
    return o;
  }

  /** The rule's issuers, in precedence order. */
  private List<TrustedIssuer> issuers(ClaimRule rule) {
    return statement.issuers().stream().filter(i -> rule.from().contains(i.name())).toList();
  }

  private Optional<FoundClaim.Verified> approvalOf(TrustedIssuer issuer) {
    return newest(issuer, ClaimTypes.APPROVAL, environment);
  }

  private Optional<FoundClaim.Verified> newest(
      TrustedIssuer issuer, String contentType, @Nullable String env) {
    return issuer.iss().stream()
        .map(iss -> supersession.winner(new Supersession.Key(iss, contentType, env)))
        .flatMap(Optional::stream)
        .sorted(Supersession.NEWEST_FIRST)
        .findFirst();
  }

  private RuleOutcome requireApproval(ClaimRule.RequireApproval r) {
    List<TrustedIssuer> issuers = issuers(r);
    if (r.match() == Quantifier.ANY) {
      for (TrustedIssuer i : issuers) {
        Optional<FoundClaim.Verified> a = approvalOf(i);
        if (a.isPresent()) {
          Optional<String> problem = approvalProblem(i, a.get(), r.maxAge());
          return problem.isPresent()
              ? violated(r, "requireApproval", problem.get(), i, a.get())
              : satisfied(r, "requireApproval", approvedMessage(i, a.get()), i, List.of(a.get()));
        }
      }
      return new RuleOutcome(
          r.name(),
          "requireApproval",
          RuleOutcome.Status.VIOLATED,
          "no approval for " + environment + " from " + names(issuers),
          Optional.empty(),
          List.of());
    }
    List<FoundClaim.Verified> used = new ArrayList<>();
    for (TrustedIssuer i : issuers) {
      Optional<FoundClaim.Verified> a = approvalOf(i);
      if (a.isEmpty()) {
        return new RuleOutcome(
            r.name(),
            "requireApproval",
            RuleOutcome.Status.VIOLATED,
            "no approval for "
                + environment
                + " from "
                + i.name()
                + " (all of "
                + names(issuers)
                + " must approve)",
            Optional.of(i.name()),
            digests(used));
      }
      Optional<String> problem = approvalProblem(i, a.get(), r.maxAge());
      if (problem.isPresent()) {
        return violated(r, "requireApproval", problem.get(), i, a.get());
      }
      used.add(a.get());
    }
    return new RuleOutcome(
        r.name(),
        "requireApproval",
        RuleOutcome.Status.SATISFIED,
        "approved for " + environment + " by " + names(issuers),
        Optional.empty(),
        digests(used));
  }

  private Optional<String> approvalProblem(
      TrustedIssuer i, FoundClaim.Verified claim, Optional<Duration> maxAge) {
    Approval a = claim.approval().orElseThrow();
    if (a.decision() == Approval.Decision.REJECTED) {
      return Optional.of(
          i.name()
              + " rejected it for "
              + environment
              + " (claim "
              + claim.manifest().digest()
              + ", issued "
              + claim.issuedAt()
              + a.reason().map(x -> ": " + x).orElse("")
              + ")");
    }
    if (a.validUntil().isPresent() && !now.isBefore(a.validUntil().get())) {
      return Optional.of(
          "the approval by "
              + i.name()
              + " for "
              + environment
              + " expired at "
              + a.validUntil().get()
              + " (claim "
              + claim.manifest().digest()
              + ")");
    }
    return tooOld(i, claim, maxAge, "approval");
  }

  private Optional<String> tooOld(
      TrustedIssuer i, FoundClaim.Verified claim, Optional<Duration> maxAge, String what) {
    if (maxAge.isPresent() && claim.issuedAt().plus(maxAge.get()).isBefore(now)) {
      return Optional.of(
          "the newest "
              + what
              + " from "
              + i.name()
              + " was issued at "
              + claim.issuedAt()
              + ", more than "
              + maxAge.get()
              + " ago (claim "
              + claim.manifest().digest()
              + ")");
    }
    return Optional.empty();
  }

  private String approvedMessage(TrustedIssuer i, FoundClaim.Verified claim) {
    return "approved for "
        + environment
        + " by "
        + i.name()
        + " (claim "
        + claim.manifest().digest()
        + ", issued "
        + claim.issuedAt()
        + ")";
  }

  private RuleOutcome requireClaim(ClaimRule.RequireClaim r) {
    List<TrustedIssuer> issuers = issuers(r);
    String type = r.contentType();
    List<FoundClaim.Verified> used = new ArrayList<>();
    String firstProblem = null;
    TrustedIssuer firstIssuer = null;
    FoundClaim.Verified firstClaim = null;
    for (TrustedIssuer i : issuers) {
      Optional<FoundClaim.Verified> c = newest(i, type, null);
      Optional<String> problem =
          c.isEmpty()
              ? Optional.of("no " + type + " claim from " + i.name())
              : tooOld(i, c.get(), r.maxAge(), type + " claim");
      if (problem.isEmpty()) {
        if (r.match() == Quantifier.ANY) {
          return satisfied(
              r,
              "requireClaim",
              type
                  + " claim from "
                  + i.name()
                  + " (claim "
                  + c.get().manifest().digest()
                  + ", issued "
                  + c.get().issuedAt()
                  + ")",
              i,
              List.of(c.get()));
        }
        used.add(c.get());
      } else if (firstProblem == null) {
        firstProblem = problem.get();
        firstIssuer = i;
        firstClaim = c.orElse(null);
        if (r.match() == Quantifier.ALL) {
          break;
        }
      }
    }
    if (firstProblem == null) {
      return new RuleOutcome(
          r.name(),
          "requireClaim",
          RuleOutcome.Status.SATISFIED,
          type + " claims from " + names(issuers),
          Optional.empty(),
          digests(used));
    }
    String message =
        r.match() == Quantifier.ANY && issuers.size() > 1
            ? "no current "
                + type
                + " claim from any of "
                + names(issuers)
                + " ("
                + firstProblem
                + ")"
            : firstProblem;
    return new RuleOutcome(
        r.name(),
        "requireClaim",
        RuleOutcome.Status.VIOLATED,
        message,
        Optional.ofNullable(firstIssuer).map(TrustedIssuer::name),
        firstClaim == null ? List.of() : List.of(firstClaim.manifest().digest()));
  }

  /**
   * Every effective claim of the rule's types, from any issuer, must carry a receipt one of the
   * rule's services verified; fails closed on the first that does not.
   */
  private RuleOutcome requireReceipt(ClaimRule.RequireReceipt r) {
    List<FoundClaim.Verified> checked = new ArrayList<>();
    for (TrustedIssuer i : statement.issuers()) {
      for (String type : r.contentTypes()) {
        Optional<FoundClaim.Verified> c =
            type.equals(ClaimTypes.APPROVAL) ? approvalOf(i) : newest(i, type, null);
        if (c.isEmpty()) {
          continue;
        }
        if (!c.get().loggedBy(r.from())) {
          String why =
              c.get().receipts().isEmpty()
                  ? "it carries no receipt"
                  : "none of its receipts verifies ("
                      + String.join("; ", c.get().receipts().stream().map(x -> x.text()).toList())
                      + ")";
          return violated(
              r,
              "requireReceipt",
              type
                  + " claim "
                  + c.get().manifest().digest()
                  + " from "
                  + i.name()
                  + " is not logged by "
                  + String.join(" or ", r.from())
                  + ": "
                  + why,
              i,
              c.get());
        }
        checked.add(c.get());
      }
    }
    return new RuleOutcome(
        r.name(),
        "requireReceipt",
        RuleOutcome.Status.SATISFIED,
        checked.isEmpty()
            ? "no claim of " + r.contentTypes() + " to check"
            : checked.size()
                + " claim(s) of "
                + r.contentTypes()
                + " carry a receipt verified by "
                + String.join(" or ", r.from()),
        Optional.empty(),
        digests(checked));
  }

  private RuleOutcome denyRejection(ClaimRule.DenyRejection r) {
    List<TrustedIssuer> issuers = issuers(r);
    for (TrustedIssuer i : issuers) {
      Optional<FoundClaim.Verified> a = approvalOf(i);
      if (a.isEmpty()) {
        continue;
      }
      Approval approval = a.get().approval().orElseThrow();
      if (approval.decision() == Approval.Decision.APPROVED) {
        return satisfied(
            r,
            "denyRejection",
            "the deciding issuer "
                + i.name()
                + " approved it for "
                + environment
                + " (claim "
                + a.get().manifest().digest()
                + ")",
            i,
            List.of(a.get()));
      }
      if (approval.validUntil().isPresent() && !now.isBefore(approval.validUntil().get())) {
        return satisfied(
            r,
            "denyRejection",
            "the rejection by "
                + i.name()
                + " for "
                + environment
                + " lapsed at "
                + approval.validUntil().get()
                + " (claim "
                + a.get().manifest().digest()
                + ")",
            i,
            List.of(a.get()));
      }
      return violated(
          r,
          "denyRejection",
          i.name()
              + " rejected it for "
              + environment
              + " (claim "
              + a.get().manifest().digest()
              + ", issued "
              + a.get().issuedAt()
              + approval.reason().map(x -> ": " + x).orElse("")
              + ")",
          i,
          a.get());
    }
    return new RuleOutcome(
        r.name(),
        "denyRejection",
        RuleOutcome.Status.SATISFIED,
        "no rejection for " + environment + " from " + names(issuers),
        Optional.empty(),
        List.of());
  }

  private RuleOutcome lifecycle(ClaimRule.LifecycleRule r) {
    List<TrustedIssuer> issuers = issuers(r);
    List<String> violations = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    List<FoundClaim.Verified> used = new ArrayList<>();
    String decider = null;
    for (TrustedIssuer i : issuers) {
      Optional<FoundClaim.Verified> c = newest(i, ClaimTypes.LIFECYCLE, null);
      if (c.isEmpty()) {
        continue;
      }
      Lifecycle l = c.get().lifecycle().orElseThrow();
      if (l.state() == LifecycleState.ACTIVE) {
        continue;
      }
      used.add(c.get());
      if (successor == null && l.successor().isPresent()) {
        successor = l.successor().get();
      }
      Instant from = l.effectiveFrom(c.get().issuedAt());
      String what =
          i.name()
              + " declared it "
              + l.state().json()
              + " from "
              + from
              + l.reason().map(x -> ": " + x).orElse("")
              + l.successor().map(x -> "; successor " + x).orElse("")
              + " (claim "
              + c.get().manifest().digest()
              + ")";
      if (now.isBefore(from)) {
        warnings.add(what + ", not yet in effect");
        continue;
      }
      LifecycleEffect effect =
          switch (l.state()) {
            case REVOKED -> LifecycleEffect.DENY;
            case END_OF_LIFE -> r.endOfLife();
            default -> r.deprecated();
          };
      if (l.state() == LifecycleState.END_OF_LIFE) {
        Optional<String> overrider = overrider(r, i, c.get());
        if (overrider.isPresent()) {
          warnings.add(what + ", overridden by " + overrider.get() + "'s newer active claim");
          continue;
        }
      }
      if (effect == LifecycleEffect.DENY) {
        violations.add(what);
        if (decider == null) {
          decider = i.name();
        }
      } else if (effect == LifecycleEffect.WARN) {
        warnings.add(what);
      }
    }
    for (Descriptor marker : unsignedMarkers) {
      String date = marker.annotations().get(ClaimTypes.UNSIGNED_END_OF_LIFE_ANNOTATION);
      Optional<Instant> at = date == null ? Optional.empty() : parseDate(date);
      if (at.isEmpty() || now.isBefore(at.get())) {
        continue;
      }
      String what =
          "the unsigned marker "
              + marker.digest()
              + " says end of life from "
              + date
              + " (an annotation, not a signed claim)";
      if (r.unsignedEndOfLife() == LifecycleEffect.DENY) {
        violations.add(what);
      } else if (r.unsignedEndOfLife() == LifecycleEffect.WARN) {
        warnings.add(what);
      }
    }
    List<Digest> claims = digests(used);
    if (!violations.isEmpty()) {
      return new RuleOutcome(
          r.name(),
          "lifecycle",
          RuleOutcome.Status.VIOLATED,
          String.join("; ", violations),
          Optional.ofNullable(decider),
          claims);
    }
    if (!warnings.isEmpty()) {
      return new RuleOutcome(
          r.name(),
          "lifecycle",
          RuleOutcome.Status.WARNED,
          String.join("; ", warnings),
          Optional.empty(),
          claims);
    }
    return new RuleOutcome(
        r.name(),
        "lifecycle",
        RuleOutcome.Status.SATISFIED,
        "no revocation, end of life or deprecation in effect from " + names(issuers),
        Optional.empty(),
        claims);
  }

  /** The issuer of {@code r.overridableBy()} whose newer active claim overrides {@code eol}. */
  private Optional<String> overrider(
      ClaimRule.LifecycleRule r, TrustedIssuer issuer, FoundClaim.Verified eol) {
    for (TrustedIssuer o : statement.issuers()) {
      if (!r.overridableBy().contains(o.name()) || o.name().equals(issuer.name())) {
        continue;
      }
      Optional<FoundClaim.Verified> c = newest(o, ClaimTypes.LIFECYCLE, null);
      if (c.isPresent()
          && c.get().lifecycle().orElseThrow().state() == LifecycleState.ACTIVE
          && c.get().issuedAt().isAfter(eol.issuedAt())) {
        return Optional.of(o.name());
      }
    }
    return Optional.empty();
  }

  /** An RFC 3339 time, or a date ({@code 2026-12-31}, taken as its start in UTC). */
  private static Optional<Instant> parseDate(String s) {
    try {
      return Optional.of(java.time.OffsetDateTime.parse(s).toInstant());
    } catch (java.time.format.DateTimeParseException e) {
      try {
        return Optional.of(
            java.time.LocalDate.parse(s).atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
      } catch (java.time.format.DateTimeParseException e2) {
        return Optional.empty();
      }
    }
  }

  private static RuleOutcome satisfied(
      ClaimRule r,
      String kind,
      String message,
      TrustedIssuer issuer,
      List<FoundClaim.Verified> claims) {
    return new RuleOutcome(
        r.name(),
        kind,
        RuleOutcome.Status.SATISFIED,
        message,
        Optional.of(issuer.name()),
        digests(claims));
  }

  private static RuleOutcome violated(
      ClaimRule r, String kind, String message, TrustedIssuer issuer, FoundClaim.Verified claim) {
    return new RuleOutcome(
        r.name(),
        kind,
        RuleOutcome.Status.VIOLATED,
        message,
        Optional.of(issuer.name()),
        List.of(claim.manifest().digest()));
  }

  private static List<Digest> digests(List<FoundClaim.Verified> claims) {
    return claims.stream().map(c -> c.manifest().digest()).toList();
  }

  private static String names(List<TrustedIssuer> issuers) {
    return String.join(", ", issuers.stream().map(TrustedIssuer::name).toList());
  }
}
