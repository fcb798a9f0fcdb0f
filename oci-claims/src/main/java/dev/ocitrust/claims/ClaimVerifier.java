package dev.ocitrust.claims;

import dev.ocitrust.claims.internal.ClaimCollector;
import dev.ocitrust.claims.internal.FoundClaim;
import dev.ocitrust.claims.internal.IssuerAnchors;
import dev.ocitrust.claims.internal.RuleEvaluator;
import dev.ocitrust.claims.internal.Supersession;
import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.MediaTypes;
import dev.ocitrust.client.Target;
import dev.ocitrust.policy.NotarySigner;
import dev.ocitrust.policy.PolicyException;
import dev.ocitrust.policy.TrustStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * Finds an artifact's claims in any {@link Target}, verifies each under a {@link ClaimPolicy}, and
 * decides whether the artifact is approved for an environment.
 *
 * <p>For a scope and environment the verifier selects the claim policy statement, resolves the
 * reference once, lists the artifact's referrers (one listing), and for each referrer of a content
 * type the statement asks for fetches its manifest and statement (two requests, at most {@code
 * concurrency} at once on the executor) and checks it (see the claim format documentation for the
 * checks, in order); a claim that fails any check is kept in the report with its reason and never
 * counted. Among verified claims, the newest signed {@code iat} per issuer, kind (and environment,
 * for approvals) supersedes the others. The rules are then judged with issuers in precedence order,
 * exceptions waive what they name, and the mode turns violations into a denial or into warnings.
 *
 * <p>Thread-safe and immutable: share one instance. It keeps nothing between calls; trust stores
 * are read once per call.
 *
 * <p>Security guarantees: a decision rests on signed values only — never on annotations, tags,
 * listing order or push times; a claim counts only if its signature verifies with a chain anchored
 * in its issuer's trust stores, valid at its authentic time, whose leaf is a trusted identity of
 * that issuer, and if its signed subject is the resolved digest. An artifact no statement governs
 * is an error, not an approval; a claim that cannot be read because the store fails makes the call
 * fail rather than be silently left out.
 *
 * <pre>{@code
 * ClaimVerifier verifier =
 *     ClaimVerifier.builder(ClaimPolicy.load(paths), DirectoryTrustStore.of(paths.trustStoreDirectory())).build();
 * ClaimDecision d = verifier.evaluate(registryRepo, "registry.acme.example/net-monitor", "v1", "prod");
 * System.out.print(d.text());
 * }</pre>
 */
public final class ClaimVerifier {
  /** The default tolerance for an {@code iat} ahead of the verifier's clock. */
  public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofMinutes(5);

  /** The default limit on claim candidates of one artifact. */
  public static final int DEFAULT_MAX_CLAIMS = 1000;

  /** The default limit on one statement's size: 4 MiB. */
  public static final long DEFAULT_MAX_STATEMENT_BYTES = 4L * 1024 * 1024;

  /** The default number of claims fetched at once. */
  public static final int DEFAULT_CONCURRENCY = 8;

  private final @Nullable ClaimPolicy policy;
  private final @Nullable TrustStore trustStore;
  private final Clock clock;
  private final Duration skew;
  private final ClaimCollector.Limits limits;
  private final @Nullable Executor executor;
  private final int concurrency;

  private ClaimVerifier(Builder b) {
    this.policy = b.policy;
    this.trustStore = b.trustStore;
    this.clock = b.clock;
    this.skew = b.skew;
    this.limits = new ClaimCollector.Limits(b.maxClaims, b.maxStatementBytes);
    this.executor = b.executor;
    this.concurrency = b.concurrency;
  }

  /** A builder of a verifier that judges claims by {@code policy}, anchored in {@code store}. */
  public static Builder builder(ClaimPolicy policy, TrustStore store) {
    return new Builder(
        Objects.requireNonNull(policy, "policy"), Objects.requireNonNull(store, "store"));
  }

  /**
   * A builder of a verifier without a policy: it can only {@link #list} claims, checking each
   * statement's signature against its own chain ({@link ClaimStatus#UNVERIFIED}).
   */
  public static Builder withoutPolicy() {
    return new Builder(null, null);
  }

  /**
   * Decides whether the artifact {@code reference} (a tag or digest) of {@code target} is approved
   * for {@code environment}, selecting the statement by {@code scope}.
   *
   * @param scope {@code host[:port]/repository}, or {@code local/<name>} for an OCI image layout
   * @throws PolicyException if the verifier has no policy, no statement governs the scope and
   *     environment, or a digest reference does not match what the store resolves
   * @throws IOException if the store fails, or the artifact has more claims than the limit
   */
  public ClaimDecision evaluate(Target target, String scope, String reference, String environment)
      throws IOException, PolicyException {
    ClaimPolicyStatement statement = statement(scope, environment);
    return evaluate(target, scope, reference, resolve(target, reference), environment, statement);
  }

  /**
   * As {@link #evaluate(Target, String, String, String)}, for an artifact already resolved (the
   * deployment gate resolves once and gives both halves the same descriptor).
   */
  public ClaimDecision evaluate(
      Target target, String scope, Descriptor artifact, String environment)
      throws IOException, PolicyException {
    ClaimPolicyStatement statement = statement(scope, environment);
    return evaluate(target, scope, artifact.digest().toString(), artifact, environment, statement);
  }

  /**
   * Every claim on the artifact {@code reference}, verified under the statement that governs {@code
   * scope} in {@code environment} (or, with a null environment, the one statement that governs the
   * scope), with supersession marked; without a policy, each checked against its own chain only.
   *
   * @throws PolicyException if no statement, or several with no environment given, govern the scope
   * @throws IOException if the store fails
   */
  public ClaimListing list(
      Target target, String scope, String reference, @Nullable String environment)
      throws IOException, PolicyException {
    Descriptor artifact = resolve(target, reference);
    ClaimPolicyStatement statement = policy == null ? null : listStatement(scope, environment);
    List<Descriptor> candidates =
        target.referrers(artifact, null).stream()
            .filter(d -> !d.hasArtifactType(NotarySigner.ARTIFACT_TYPE))
            .toList();
    List<FoundClaim> found = collector(target, statement).collect(artifact, candidates);
    List<FoundClaim> claims = new ArrayList<>();
    for (FoundClaim f : found) {
      if (f instanceof FoundClaim.Verified || looksLikeClaim(f, statement)) {
        claims.add(f);
      }
    }
    List<FoundClaim.Verified> verified = verified(claims);
    return new ClaimListing(
        artifact, records(claims, Supersession.of(verified, environment), statement == null));
  }

  /**
   * Where and when the artifact {@code reference} ran in {@code environment}: its deployment
   * claims, verified under the statement that governs {@code scope} in {@code environment}, the
   * latest per issuer current.
   *
   * @throws PolicyException if the verifier has no policy or no statement governs the scope and
   *     environment
   * @throws IOException if the store fails
   */
  public DeploymentHistory deployments(
      Target target, String scope, String reference, String environment)
      throws IOException, PolicyException {
    ClaimPolicyStatement statement = statement(scope, environment);
    Descriptor artifact = resolve(target, reference);
    return history(artifact, environment, verifiedClaims(target, statement, artifact));
  }

  /** The deployment history of {@code artifact} in {@code environment} among {@code verified}. */
  static DeploymentHistory history(
      Descriptor artifact, String environment, List<FoundClaim.Verified> verified) {
    List<FoundClaim.Verified> deployments =
        verified.stream()
            .filter(v -> v.deployment().map(d -> d.environment().equals(environment)).orElse(false))
            .toList();
    Supersession supersession = Supersession.of(deployments, environment);
    List<DeploymentRecord> records = new ArrayList<>();
    for (FoundClaim.Verified v : deployments) {
      records.add(
          new DeploymentRecord(
              v.manifest().digest(),
              v.iss(),
              Objects.requireNonNull(v.issuer()).name(),
              v.issuedAt(),
              v.deployment().orElseThrow(),
              supersession.supersededBy(v).map(w -> w.manifest().digest())));
    }
    return new DeploymentHistory(artifact, environment, records);
  }

  /**
   * Every claim on {@code artifact} (but Notary Project signatures) that verifies under {@code
   * statement}; claims that do not are left out.
   */
  List<FoundClaim.Verified> verifiedClaims(
      Target target, ClaimPolicyStatement statement, Descriptor artifact) throws IOException {
    List<Descriptor> candidates =
        target.referrers(artifact, null).stream()
            .filter(d -> !d.hasArtifactType(NotarySigner.ARTIFACT_TYPE))
            .toList();
    return verified(collector(target, statement).collect(artifact, candidates));
  }

  /** The statement governing {@code scope} in {@code environment}. */
  ClaimPolicyStatement statementFor(String scope, String environment) throws PolicyException {
    return statement(scope, environment);
  }

  /** The verifier's clock. */
  Clock clock() {
    return clock;
  }

  private ClaimDecision evaluate(
      Target target,
      String scope,
      String reference,
      Descriptor artifact,
      String environment,
      ClaimPolicyStatement statement)
      throws IOException {
    Instant now = clock.instant();
    Set<String> types = statement.contentTypes();
    List<Descriptor> listed = target.referrers(artifact, null);
    List<Descriptor> candidates =
        listed.stream().filter(d -> d.artifactType().filter(types::contains).isPresent()).toList();
    List<Descriptor> markers =
        listed.stream().filter(d -> d.hasArtifactType(ClaimTypes.UNSIGNED_LIFECYCLE)).toList();
    List<FoundClaim> found = collector(target, statement).collect(artifact, candidates);
    List<FoundClaim.Verified> verified = verified(found);
    Supersession supersession = Supersession.of(verified, environment);
    RuleEvaluator evaluator =
        new RuleEvaluator(statement, environment, now, artifact.digest(), supersession, markers);
    List<RuleOutcome> rules = evaluator.evaluate();
    List<ClaimRecord> records = records(found, supersession, false);
    List<String> warnings = new ArrayList<>();
    boolean violated = false;
    for (RuleOutcome r : rules) {
      if (r.status() == RuleOutcome.Status.WAIVED) {
        warnings.add("rule " + r.rule() + " is waived: " + r.message());
      } else if (r.status() == RuleOutcome.Status.WARNED) {
        warnings.add("rule " + r.rule() + ": " + r.message());
      } else if (r.status() == RuleOutcome.Status.VIOLATED) {
        violated = true;
        if (statement.mode() == EnforcementMode.AUDIT) {
          warnings.add("rule " + r.rule() + " is violated (audit mode): " + r.message());
        }
      }
    }
    for (ClaimRecord c : records) {
      if (c.status() == ClaimStatus.IGNORED) {
        warnings.add("claim " + c.digest() + " is ignored: " + c.reason().orElse(""));
      }
    }
    ClaimDecision.Verdict verdict;
    if (violated && statement.mode() == EnforcementMode.ENFORCE) {
      verdict = ClaimDecision.Verdict.DENY;
    } else if (!warnings.isEmpty()) {
      verdict = ClaimDecision.Verdict.ALLOW_WITH_WARNINGS;
    } else {
      verdict = ClaimDecision.Verdict.ALLOW;
    }
    return new ClaimDecision(
        verdict,
        scope,
        reference,
        artifact,
        environment,
        statement,
        now,
        rules,
        records,
        warnings,
        evaluator.successor());
  }

  private ClaimPolicyStatement statement(String scope, String environment) throws PolicyException {
    if (policy == null) {
      throw new PolicyException("this claim verifier has no claim policy: it can only list claims");
    }
    return policy.statementFor(scope, environment);
  }

  private ClaimPolicyStatement listStatement(String scope, @Nullable String environment)
      throws PolicyException {
    ClaimPolicy p = Objects.requireNonNull(policy);
    if (environment != null) {
      return p.statementFor(scope, environment);
    }
    List<ClaimPolicyStatement> exact =
        p.statements().stream().filter(s -> s.registryScopes().contains(scope)).toList();
    List<ClaimPolicyStatement> candidates =
        exact.isEmpty()
            ? p.statements().stream().filter(ClaimPolicyStatement::isGlobalScope).toList()
            : exact;
    if (candidates.size() == 1) {
      return candidates.get(0);
    }
    throw new PolicyException(
        candidates.isEmpty()
            ? "no claim policy statement governs scope \"" + scope + "\""
            : "several claim policy statements govern scope \""
                + scope
                + "\" ("
                + String.join(", ", candidates.stream().map(ClaimPolicyStatement::name).toList())
                + "): name the environment");
  }

  /**
   * Resolves {@code reference} once: a digest given must be what the store resolves, and the result
   * must be a manifest.
   */
  static Descriptor resolve(Target target, String reference) throws IOException, PolicyException {
    Descriptor artifact = target.resolve(reference).basic();
    // a tag cannot contain ':', so a reference that does is a digest
    if (reference.contains(":") && !artifact.digest().toString().equals(reference)) {
      throw new PolicyException(
          "the store resolved " + reference + " to " + artifact.digest() + ", another digest");
    }
    if (!MediaTypes.isManifest(artifact.mediaType())) {
      throw new PolicyException(reference + " is not a manifest but " + artifact.mediaType());
    }
    return artifact;
  }

  private ClaimCollector collector(Target target, @Nullable ClaimPolicyStatement statement) {
    Map<String, IssuerAnchors> anchors = new HashMap<>();
    if (statement != null) {
      TrustStore store = Objects.requireNonNull(trustStore);
      for (TrustedIssuer i : statement.issuers()) {
        anchors.put(i.name(), IssuerAnchors.load(i, store));
      }
    }
    return new ClaimCollector(
        target, statement, anchors, clock.instant(), skew, limits, executor, concurrency);
  }

  private static boolean looksLikeClaim(FoundClaim f, @Nullable ClaimPolicyStatement statement) {
    Descriptor d = f.manifest();
    boolean annotated =
        d.annotations().containsKey(ClaimTypes.ISSUER_ANNOTATION)
            || d.annotations().containsKey(ClaimTypes.SUBJECT_ANNOTATION);
    boolean asked =
        d.hasArtifactType(ClaimTypes.APPROVAL)
            || (statement != null
                && d.artifactType().filter(statement.contentTypes()::contains).isPresent());
    return annotated || asked || (f instanceof FoundClaim.Ignored i && i.holdsStatement());
  }

  private static List<FoundClaim.Verified> verified(List<FoundClaim> found) {
    List<FoundClaim.Verified> out = new ArrayList<>();
    for (FoundClaim f : found) {
      if (f instanceof FoundClaim.Verified v) {
        out.add(v);
      }
    }
    return out;
  }

  private static List<ClaimRecord> records(
      List<FoundClaim> found, Supersession supersession, boolean unverified) {
    List<ClaimRecord> out = new ArrayList<>();
    for (FoundClaim f : found) {
      if (f instanceof FoundClaim.Verified v) {
        Optional<FoundClaim.Verified> by = supersession.supersededBy(v);
        ClaimStatus status =
            unverified
                ? ClaimStatus.UNVERIFIED
                : by.isPresent() ? ClaimStatus.SUPERSEDED : ClaimStatus.EFFECTIVE;
        out.add(
            new ClaimRecord(
                v.manifest(),
                Optional.of(v.contentType()),
                Optional.of(v.iss()),
                Optional.of(v.issuedAt()),
                Optional.ofNullable(v.issuer()).map(TrustedIssuer::name),
                v.approval(),
                v.lifecycle(),
                v.timestamp(),
                status,
                by.map(w -> w.manifest().digest()),
                Optional.empty(),
                v.receipts()));
      } else {
        FoundClaim.Ignored i = (FoundClaim.Ignored) f;
        out.add(
            new ClaimRecord(
                i.manifest(),
                i.contentType(),
                i.iss(),
                i.issuedAt(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                ClaimStatus.IGNORED,
                Optional.empty(),
                Optional.of(i.reason())));
      }
    }
    return out;
  }

  /** Builds a {@link ClaimVerifier}. Not thread-safe. */
  public static final class Builder {
    private final @Nullable ClaimPolicy policy;
    private final @Nullable TrustStore trustStore;
    private Clock clock = Clock.systemUTC();
    private Duration skew = DEFAULT_CLOCK_SKEW;
    private int maxClaims = DEFAULT_MAX_CLAIMS;
    private long maxStatementBytes = DEFAULT_MAX_STATEMENT_BYTES;
    private @Nullable Executor executor;
    private int concurrency = DEFAULT_CONCURRENCY;

    private Builder(@Nullable ClaimPolicy policy, @Nullable TrustStore trustStore) {
      this.policy = policy;
      this.trustStore = trustStore;
    }

    /** The clock rules are judged at (default: the UTC system clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How far ahead of the clock an {@code iat} may be (default five minutes). */
    public Builder clockSkew(Duration skew) {
      if (skew.isNegative()) {
        throw new IllegalArgumentException("the clock skew must not be negative, was " + skew);
      }
      this.skew = skew;
      return this;
    }

    /** The most claim candidates one artifact may have (default 1000); more fail the call. */
    public Builder maxClaims(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxClaims must be at least 1, was " + max);
      }
      this.maxClaims = max;
      return this;
    }

    /** The largest statement read (default 4 MiB); a larger one is ignored unread. */
    public Builder maxStatementBytes(long max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxStatementBytes must be at least 1, was " + max);
      }
      this.maxStatementBytes = max;
      return this;
    }

    /**
     * The executor claims are fetched on, at most {@code concurrency} at once (default: none, in
     * the calling thread). The caller owns it.
     */
    public Builder executor(Executor executor, int concurrency) {
      if (concurrency < 1) {
        throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
      }
      this.executor = Objects.requireNonNull(executor, "executor");
      this.concurrency = concurrency;
      return this;
    }

    /** The verifier. */
    public ClaimVerifier build() {
      return new ClaimVerifier(this);
    }
  }
}
