package dev.ocitrust.claims;

import dev.ocitrust.claims.internal.GateOutcome;
import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.Target;
import dev.ocitrust.cose.CoseException;
import dev.ocitrust.graph.CopyOptions;
import dev.ocitrust.graph.CopyResult;
import dev.ocitrust.graph.DiscoveryOptions;
import dev.ocitrust.graph.GraphCopier;
import dev.ocitrust.policy.PolicyException;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Archives an artifact (step 7 of the scenario): copies it with its whole referrer closure —
 * signatures, claims, SBOMs and their own referrers — to an archive (a registry repository or an
 * OCI image layout), closes its deployment record there with a signed deployment claim ({@code to}
 * = now), and checks that the archived copy verifies exactly as the source did: the deployment
 * gate's decision (signature verdict, claim verdict, each rule's outcome) must be the same.
 *
 * <p>The record closed is the issuer's own open record in the environment; without one, a new
 * record from the earliest open record of another trusted issuer. With no open record at all the
 * issuer's record is left as it is when it is closed already, and the call fails when there is
 * none.
 *
 * <p>Thread-safe and immutable if its collaborators are (they are).
 *
 * <p>Security guarantees: the closing claim is signed only after the copy is complete; the decision
 * on the archive is reached on the archive's own content, under the policies' statements for the
 * archive's scope; any difference fails the call with {@link ArchiveMismatchException}.
 *
 * <pre>{@code
 * Archiver archiver = Archiver.builder(copier, gate, claimVerifier, acmeIssuer).build();
 * ArchiveResult r = archiver.archive(registry, "registry.acme.example/net-monitor", "v1",
 *     archiveLayout, "local/archive", "prod");
 * }</pre>
 */
public final class Archiver {
  private final GraphCopier copier;
  private final DeploymentGate gate;
  private final ClaimVerifier claims;
  private final ClaimIssuer issuer;
  private final Clock clock;

  private Archiver(Builder b) {
    this.copier = b.copier;
    this.gate = b.gate;
    this.claims = b.claims;
    this.issuer = b.issuer;
    this.clock = b.clock;
  }

  /**
   * A builder: copies with {@code copier}, decides with {@code gate}, reads deployment records with
   * {@code claims} and signs the closing record as {@code issuer}.
   */
  public static Builder builder(
      GraphCopier copier, DeploymentGate gate, ClaimVerifier claims, ClaimIssuer issuer) {
    return new Builder(copier, gate, claims, issuer);
  }

  /**
   * Archives {@code reference} of {@code source} (scope {@code sourceScope}) into {@code archive}
   * (scope {@code archiveScope}) and closes its deployment record in {@code environment}. A tag
   * reference is tagged in the archive too.
   *
   * @throws ArchiveMismatchException if the archived copy does not verify as the source did
   * @throws PolicyException if no claim policy statement governs a scope, or there is no deployment
   *     record to close
   * @throws CoseException if signing the closing claim fails
   * @throws IOException if a store fails
   */
  public ArchiveResult archive(
      Target source,
      String sourceScope,
      String reference,
      Target archive,
      String archiveScope,
      String environment)
      throws IOException, PolicyException, CoseException {
    Descriptor artifact = ClaimVerifier.resolve(source, reference);
    String digest = artifact.digest().toString();
    GateResult before = decide(source, sourceScope, digest, environment);
    CopyOptions.Builder options = CopyOptions.builder().referrerDepth(DiscoveryOptions.UNLIMITED);
    if (!reference.contains(":")) {
      options.tag(reference);
    }
    CopyResult copy = copier.copy(source, artifact, archive, options.build());
    Instant now = clock.instant();
    DeploymentHistory archived = claims.deployments(archive, archiveScope, digest, environment);
    Optional<Deployment> closing = closing(archived, environment, now);
    Optional<Descriptor> claim = Optional.empty();
    if (closing.isPresent()) {
      try {
        claim = Optional.of(issuer.deployed(archive, digest, closing.get()));
      } catch (InvalidClaimException e) {
        throw new IllegalStateException("a deployment record built here does not parse", e);
      }
      archived = claims.deployments(archive, archiveScope, digest, environment);
    }
    GateResult after = decide(archive, archiveScope, digest, environment);
    ArchiveResult result = new ArchiveResult(artifact, copy, claim, archived, before, after, now);
    List<String> differences = GateOutcome.of(before).differences(GateOutcome.of(after));
    if (!differences.isEmpty()) {
      throw new ArchiveMismatchException(
          "the archived copy of "
              + digest
              + " in "
              + archiveScope
              + " does not verify as it did in "
              + sourceScope
              + ": "
              + String.join("; ", differences),
          result);
    }
    return result;
  }

  /** The record that closes the deployment, or empty when the issuer's is closed already. */
  private Optional<Deployment> closing(DeploymentHistory h, String environment, Instant now)
      throws PolicyException {
    List<DeploymentRecord> current = h.current();
    Optional<DeploymentRecord> own =
        current.stream().filter(r -> r.iss().equals(issuer.issuer())).findFirst();
    if (own.isPresent() && own.get().deployment().to().isEmpty()) {
      return Optional.of(own.get().deployment().closedAt(later(own.get().deployment(), now)));
    }
    Optional<DeploymentRecord> open =
        current.stream()
            .filter(r -> r.deployment().to().isEmpty())
            .min(Comparator.comparing(r -> r.deployment().from()));
    if (open.isPresent()) {
      Deployment d = open.get().deployment();
      return Optional.of(Deployment.open(environment, d.from()).closedAt(later(d, now)));
    }
    if (own.isPresent()) {
      return Optional.empty();
    }
    throw new PolicyException(
        "no verified deployment record of "
            + h.artifact().digest()
            + " in "
            + environment
            + " to close (record one with ClaimIssuer.deployed)");
  }

  private static Instant later(Deployment d, Instant now) {
    return now.isBefore(d.from()) ? d.from() : now;
  }

  private GateResult decide(Target target, String scope, String digest, String environment)
      throws IOException, PolicyException {
    try {
      return gate.verify(target, scope, digest, environment);
    } catch (DeploymentDeniedException e) {
      return e.result();
    }
  }

  /** Builds an {@link Archiver}. Not thread-safe. */
  public static final class Builder {
    private final GraphCopier copier;
    private final DeploymentGate gate;
    private final ClaimVerifier claims;
    private final ClaimIssuer issuer;
    private Clock clock = Clock.systemUTC();

    private Builder(
        GraphCopier copier, DeploymentGate gate, ClaimVerifier claims, ClaimIssuer issuer) {
      this.copier = Objects.requireNonNull(copier, "copier");
      this.gate = Objects.requireNonNull(gate, "gate");
      this.claims = Objects.requireNonNull(claims, "claims");
      this.issuer = Objects.requireNonNull(issuer, "issuer");
    }

    /** The clock that gives the record's end, {@code to} (default: the UTC system clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Builds. */
    public Archiver build() {
      return new Archiver(this);
    }
  }
}
