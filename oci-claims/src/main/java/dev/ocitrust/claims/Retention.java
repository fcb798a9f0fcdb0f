package dev.ocitrust.claims;

import dev.ocitrust.claims.internal.FoundClaim;
import dev.ocitrust.claims.internal.RetentionFacts;
import dev.ocitrust.claims.internal.RetentionJudge;
import dev.ocitrust.claims.internal.StoreArtifacts;
import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.Digest;
import dev.ocitrust.client.MirroredRepository;
import dev.ocitrust.client.NotFoundException;
import dev.ocitrust.client.Repository;
import dev.ocitrust.client.Target;
import dev.ocitrust.graph.ArtifactGraph;
import dev.ocitrust.graph.Discovery;
import dev.ocitrust.graph.DiscoveryOptions;
import dev.ocitrust.graph.GraphException;
import dev.ocitrust.graph.GraphNode;
import dev.ocitrust.graph.PurgeResult;
import dev.ocitrust.graph.Purger;
import dev.ocitrust.policy.PolicyException;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Applies a {@link RetentionPolicy} to every artifact of a repository or OCI image layout: judges
 * each on its verified claims (under the claim policy statement governing the store's scope in the
 * retention policy's environment), then deletes each expired artifact with all its referrers
 * through {@link Purger} — referrers deepest first, then the artifact, then (in a layout) the blobs
 * it names — except content a kept artifact still uses. On a registry without the referrers API the
 * fallback indexes are kept consistent: each deleted referrer leaves its subject's index, and a
 * deleted artifact's own fallback index goes after it.
 *
 * <p>Thread-safe and immutable if the verifier and clock are.
 *
 * <p>Security guarantees: a deletion rests on verified claims only. Tags, annotations, listing
 * order, push and pull times, unsigned markers and claims that do not verify never decide; an
 * artifact no rule can judge on a verified claim is kept. A dry run reads and never writes. A run
 * that fails or is interrupted part way leaves every remaining manifest complete, and can be run
 * again.
 *
 * <pre>{@code
 * Retention retention = Retention.builder(RetentionPolicy.read(file), claimVerifier).build();
 * RetentionReport r = retention.apply(archive, "registry.acme.example/archive/net-monitor");
 * System.out.print(r.text());
 * }</pre>
 */
public final class Retention {
  private final RetentionPolicy policy;
  private final ClaimVerifier verifier;
  private final Clock clock;
  private final boolean dryRun;

  private Retention(Builder b) {
    this.policy = b.policy;
    this.verifier = b.verifier;
    this.clock = b.clock;
    this.dryRun = b.dryRun;
  }

  /** A builder applying {@code policy}, verifying claims with {@code verifier}. */
  public static Builder builder(RetentionPolicy policy, ClaimVerifier verifier) {
    return new Builder(policy, verifier);
  }

  /**
   * Judges every artifact of {@code store} and, unless this is a dry run, deletes the expired ones.
   *
   * @param scope the store's registry scope ({@code host/repository}, {@code local/<name>})
   * @throws PolicyException if no claim policy statement governs the scope in the environment
   * @throws GraphException if a deletion fails; the message says how far the run got
   * @throws IOException if reading the store fails
   */
  public RetentionReport apply(Target store, String scope) throws IOException, PolicyException {
    Objects.requireNonNull(store, "store");
    ClaimPolicyStatement statement = verifier.statementFor(scope, policy.environment());
    Instant now = clock.instant();
    List<RetentionFacts> facts = new ArrayList<>();
    Map<Digest, List<FoundClaim.Verified>> claimsOf = new HashMap<>();
    for (StoreArtifacts.Entry e : StoreArtifacts.of(store)) {
      List<FoundClaim.Verified> verified = verifier.verifiedClaims(store, statement, e.artifact());
      claimsOf.put(e.artifact().digest(), verified);
      DeploymentHistory h = ClaimVerifier.history(e.artifact(), policy.environment(), verified);
      facts.add(RetentionFacts.of(e.artifact(), e.tags(), h, verified));
    }
    List<RetentionDecision> decisions = RetentionJudge.judge(policy, facts, now);
    Set<Digest> protect = new HashSet<>();
    Map<Digest, ArtifactGraph> expiredGraphs = new LinkedHashMap<>();
    for (RetentionDecision d : decisions) {
      if (d.expired()) {
        expiredGraphs.put(d.artifact().digest(), graph(store, d.artifact()));
      } else {
        for (GraphNode n : graph(store, d.artifact()).nodes()) {
          protect.add(n.digest());
        }
      }
    }
    protect.addAll(shared(expiredGraphs.values()));
    boolean registry = store instanceof Repository || store instanceof MirroredRepository;
    Purger purger =
        Purger.builder().includeBlobs(!registry).protect(protect).dryRun(dryRun).build();
    Map<Digest, List<Descriptor>> deleted = new LinkedHashMap<>();
    int done = 0;
    long expired = decisions.stream().filter(RetentionDecision::expired).count();
    for (RetentionDecision d : decisions) {
      if (!d.expired()) {
        continue;
      }
      try {
        Optional<Descriptor> index =
            registry ? fallbackIndex((Repository) store, d.artifact()) : Optional.empty();
        Map<Digest, Descriptor> gone = new LinkedHashMap<>();
        ArtifactGraph g = Objects.requireNonNull(expiredGraphs.get(d.artifact().digest()));
        List<FoundClaim.Verified> verified =
            claimsOf.getOrDefault(d.artifact().digest(), List.of());
        for (Descriptor referrer : referrerOrder(g, verified)) {
          for (Descriptor x : purger.purge(store, referrer).deleted()) {
            gone.putIfAbsent(x.digest(), x);
          }
        }
        PurgeResult r = purger.purge(store, d.artifact());
        for (Descriptor x : r.deleted()) {
          gone.putIfAbsent(x.digest(), x);
        }
        if (index.isPresent()) {
          if (!dryRun) {
            deleteIfThere(store, index.get());
          }
          gone.putIfAbsent(index.get().digest(), index.get());
        }
        deleted.put(d.artifact().digest(), new ArrayList<>(gone.values()));
      } catch (IOException e) {
        throw new GraphException(
            "retention of "
                + scope
                + " stopped after "
                + done
                + " of "
                + expired
                + " expired artifacts, at "
                + d.artifact().digest()
                + " (run it again to finish): "
                + e.getMessage(),
            e);
      }
      done++;
    }
    return new RetentionReport(scope, policy.environment(), now, dryRun, decisions, deleted);
  }

  /** {@code artifact}'s graph: what it names and all its referrers, at any depth. */
  private static ArtifactGraph graph(Target store, Descriptor artifact) throws IOException {
    DiscoveryOptions all =
        DiscoveryOptions.builder().referrerDepth(DiscoveryOptions.UNLIMITED).build();
    return Discovery.builder(store).options(all).build().discover(artifact);
  }

  /**
   * Blobs named by more than one manifest of the expired graphs (the empty config every claim
   * names): deleting them with the first artifact would break the others still to go.
   */
  private static Set<Digest> shared(java.util.Collection<ArtifactGraph> graphs) {
    Map<Digest, Integer> users = new HashMap<>();
    for (ArtifactGraph g : graphs) {
      for (GraphNode n : g.nodes()) {
        if (n.isManifest()) {
          for (GraphNode child : g.successors(n.digest())) {
            if (!child.isManifest()) {
              users.merge(child.digest(), 1, Integer::sum);
            }
          }
        }
      }
    }
    Set<Digest> out = new HashSet<>();
    users.forEach(
        (d, n) -> {
          if (n > 1) out.add(d);
        });
    return out;
  }

  /**
   * The order the artifact's own referrers go in: first those that are not verified claims
   * (signatures, SBOMs, claims that do not verify), then the verified claims newest first. A run
   * interrupted part way then leaves the artifact with its oldest claims, which never moves another
   * artifact out of the newest N, and leaves every remaining claim's supersession intact but for
   * the newest ones gone.
   */
  private static List<Descriptor> referrerOrder(
      ArtifactGraph g, List<FoundClaim.Verified> verified) {
    Map<Digest, Instant> iat = new HashMap<>();
    for (FoundClaim.Verified v : verified) {
      iat.put(v.manifest().digest(), v.issuedAt());
    }
    List<Descriptor> others = new ArrayList<>();
    List<Descriptor> claims = new ArrayList<>();
    for (GraphNode n : g.referrers(g.root().digest())) {
      (iat.containsKey(n.digest()) ? claims : others).add(n.descriptor());
    }
    claims.sort(
        java.util.Comparator.comparing((Descriptor d) -> iat.get(d.digest()))
            .thenComparing(d -> d.digest().toString())
            .reversed());
    List<Descriptor> out = new ArrayList<>(others);
    out.addAll(claims);
    return out;
  }

  /**
   * The fallback referrers index a registry without the referrers API keeps for {@code artifact}:
   * the store drops it with the last referrer it lists; one left over (by another tool, or a run
   * interrupted before) is deleted after the artifact.
   */
  private static Optional<Descriptor> fallbackIndex(Repository repo, Descriptor artifact)
      throws IOException {
    String tag = artifact.digest().algorithm() + "-" + artifact.digest().encoded();
    if (!repo.allTags().contains(tag)) {
      return Optional.empty();
    }
    try {
      return Optional.of(repo.resolve(tag).basic());
    } catch (NotFoundException gone) {
      return Optional.empty();
    }
  }

  private static void deleteIfThere(Target store, Descriptor d) throws IOException {
    try {
      store.delete(d);
    } catch (NotFoundException gone) {
      // deleted with the last referrer it listed
    }
  }

  /** Builds a {@link Retention}. Not thread-safe. */
  public static final class Builder {
    private final RetentionPolicy policy;
    private final ClaimVerifier verifier;
    private Clock clock = Clock.systemUTC();
    private boolean dryRun;

    private Builder(RetentionPolicy policy, ClaimVerifier verifier) {
      this.policy = Objects.requireNonNull(policy, "policy");
      this.verifier = Objects.requireNonNull(verifier, "verifier");
    }

    /** The clock retention is judged at (default: the UTC system clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Only judge and say what would be deleted (default false). */
    public Builder dryRun(boolean dryRun) {
      this.dryRun = dryRun;
      return this;
    }

    /** Builds. */
    public Retention build() {
      return new Retention(this);
    }
  }
}
