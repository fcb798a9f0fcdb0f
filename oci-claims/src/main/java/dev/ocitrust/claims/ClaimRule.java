package dev.ocitrust.claims;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A rule of a claim policy statement, judged for one environment. Three kinds:
 *
 * <ul>
 *   <li>{@link RequireApproval}: an approval for the environment from the named issuers;
 *   <li>{@link RequireClaim}: a claim of a content type from the named issuers, optionally no older
 *       than a maximum age;
 *   <li>{@link DenyRejection}: deny when the deciding issuer among those named rejected the
 *       artifact for the environment;
 *   <li>{@link LifecycleRule}: what the named issuers' lifecycle claims (revoked, end of life,
 *       deprecated) do to the decision;
 *   <li>{@link RequireReceipt}: claims of given types must carry a valid receipt from a named
 *       transparency service.
 * </ul>
 *
 * <p>The deciding issuer of a rule is the first of its issuers, in the statement's precedence
 * order, that has an effective (not superseded) claim of the kind the rule looks at.
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface ClaimRule {
  /** The rule's name, unique in its statement. */
  String name();

  /** The issuers whose claims the rule looks at, by name. */
  List<String> from();

  /**
   * Requires an approval for the environment: with {@link Quantifier#ANY}, the deciding issuer's
   * effective approval must be {@code approved}, unexpired and no older than {@code maxAge}; with
   * {@link Quantifier#ALL}, every issuer's must.
   *
   * @param name the rule's name
   * @param from the issuers, at least one
   * @param match any or all
   * @param maxAge how old (by signed {@code iat}) an approval may be
   */
  record RequireApproval(
      String name, List<String> from, Quantifier match, Optional<Duration> maxAge)
      implements ClaimRule {
    /** A rule. */
    public RequireApproval {
      from = checked(name, from);
      Objects.requireNonNull(match, "match");
      Objects.requireNonNull(maxAge, "maxAge");
    }
  }

  /**
   * Requires a claim of {@code contentType} (an SBOM, a scan, a test report): with {@link
   * Quantifier#ANY} from one of the issuers, with {@link Quantifier#ALL} from each, no older than
   * {@code maxAge} if given.
   *
   * @param name the rule's name
   * @param contentType the claim's content type
   * @param from the issuers, at least one
   * @param match any or all
   * @param maxAge how old (by signed {@code iat}) the claim may be
   */
  record RequireClaim(
      String name,
      String contentType,
      List<String> from,
      Quantifier match,
      Optional<Duration> maxAge)
      implements ClaimRule {
    /** A rule. */
    public RequireClaim {
      from = checked(name, from);
      Objects.requireNonNull(contentType, "contentType");
      Objects.requireNonNull(match, "match");
      Objects.requireNonNull(maxAge, "maxAge");
    }
  }

  /**
   * Denies when the deciding issuer among {@code from} rejected the artifact for the environment
   * (its effective approval claim for it says {@code rejected} and has not lapsed).
   *
   * @param name the rule's name
   * @param from the issuers, at least one
   */
  record DenyRejection(String name, List<String> from) implements ClaimRule {
    /** A rule. */
    public DenyRejection {
      from = checked(name, from);
    }
  }

  /**
   * Judges the issuers' effective lifecycle claims ({@link ClaimTypes#LIFECYCLE}): a revocation
   * from any of them, once effective, denies; an end of life, once effective, has the effect {@code
   * endOfLife} unless an issuer of {@code overridableBy} declared the artifact active in a newer
   * claim; a deprecation has the effect {@code deprecated}; an unsigned end-of-life marker ({@link
   * ClaimTypes#UNSIGNED_LIFECYCLE}) past its date has the effect {@code unsignedEndOfLife} (a
   * warning at most, unless the policy opts in to {@link LifecycleEffect#DENY}). A state not yet
   * effective is reported as a warning.
   *
   * @param name the rule's name
   * @param from the issuers whose lifecycle claims count
   * @param endOfLife what an effective end of life does (default deny)
   * @param deprecated what an effective deprecation does (default warn)
   * @param overridableBy the issuers whose newer {@code active} claim overrides another issuer's
   *     end of life (a consumer overriding its publisher)
   * @param unsignedEndOfLife what an unsigned end-of-life marker does (default warn)
   */
  record LifecycleRule(
      String name,
      List<String> from,
      LifecycleEffect endOfLife,
      LifecycleEffect deprecated,
      List<String> overridableBy,
      LifecycleEffect unsignedEndOfLife)
      implements ClaimRule {
    /** A rule. */
    public LifecycleRule {
      from = checked(name, from);
      Objects.requireNonNull(endOfLife, "endOfLife");
      Objects.requireNonNull(deprecated, "deprecated");
      overridableBy = List.copyOf(overridableBy);
      Objects.requireNonNull(unsignedEndOfLife, "unsignedEndOfLife");
    }
  }

  /**
   * Requires every effective claim of the {@code contentTypes} to carry a receipt that one of the
   * transparency services {@code from} verifies for its statement (embedded in the statement, or
   * attached to the claim as a referrer). Fails closed: a claim of those types without such a
   * receipt violates the rule, whatever else it satisfies.
   *
   * @param name the rule's name
   * @param contentTypes the claim content types that must be logged, at least one
   * @param from the transparency services (by name, declared in the statement's issuers with role
   *     {@code transparency-service}), at least one
   */
  record RequireReceipt(String name, List<String> contentTypes, List<String> from)
      implements ClaimRule {
    /** A rule. */
    public RequireReceipt {
      from = checked(name, from);
      contentTypes = List.copyOf(contentTypes);
      if (contentTypes.isEmpty()) {
        throw new IllegalArgumentException("rule \"" + name + "\" needs content types");
      }
    }
  }

  private static List<String> checked(String name, List<String> from) {
    Objects.requireNonNull(name, "name");
    List<String> copy = List.copyOf(from);
    if (name.isEmpty() || copy.isEmpty()) {
      throw new IllegalArgumentException("rule \"" + name + "\" needs a name and issuers");
    }
    return copy;
  }
}
