package dev.ocitrust.policy;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.Digest;
import dev.ocitrust.client.InvalidDigestException;
import dev.ocitrust.client.Manifest;
import dev.ocitrust.client.Reference;
import dev.ocitrust.client.Target;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The Notary Project verification workflow for artifacts in any {@link Target} (registry
 * repository, OCI image layout, memory store): decides from an {@link OciTrustPolicy} and a {@link
 * TrustStore} whether an artifact carries a signature from a trusted identity, making the same
 * decisions as {@code notation verify} and stricter ones where the specification is.
 *
 * <p>For a reference (tag or digest) and a registry scope ({@code host[:port]/repository}, or
 * {@code local/<name>} for an OCI image layout), the verifier selects the policy statement, and
 * unless its level is {@code skip}: resolves the reference (a digest given must be what resolves),
 * lists the referrers of type {@code application/vnd.cncf.notary.signature} (OCI 1.1 form and the
 * OCI 1.0 form with that config media type), and evaluates at most {@link Builder#maxSignatures} of
 * them in order, each through: integrity (oci-cose's {@code NotaryEnvelopeVerifier}: COSE rules,
 * signature, certificate rules, unknown critical attributes rejected), authenticity (a chain
 * certificate equals a certificate of the statement's trust stores of the type the signing scheme
 * requires; then trusted identities), expiry, authentic timestamp ({@code verifyTimestamp}, {@code
 * tsa} stores, TSA chain revocation; certificates valid now when no time stamp is verified),
 * revocation ({@link RevocationChecker}), then the signed target descriptor must equal the resolved
 * one and the required user metadata must be signed. Each check is recorded with its action; a
 * failed {@code log} check is recorded and does not reject. The first signature that passes
 * verifies the artifact.
 *
 * <p>Thread-safe and immutable: share one instance. It keeps no state between calls except what the
 * injected {@link RevocationChecker} caches.
 *
 * <p>Security guarantees: {@link #verify} returns a {@link VerificationResult.Verdict#VERIFIED}
 * result only when a signature passed every enforced check and signs exactly the resolved
 * descriptor; a {@link VerificationResult.Verdict#SKIPPED} result only when the selected statement
 * says {@code skip}; otherwise it throws. An artifact without signatures, with only malformed
 * signatures, or whose scope no statement covers is rejected; a trust store that cannot be read
 * fails the authenticity check; bytes are read only within the configured limits.
 *
 * <pre>{@code
 * NotaryVerifier verifier = NotaryVerifier.builder(policy, trustStore).build();
 * VerificationResult r = verifier.verify(OciLayout.open(dir), "local/net-monitor", "v1");
 * System.out.println(r.verdict() + " " + r.artifact().orElseThrow().digest());
 * }</pre>
 */
public final class NotaryVerifier {
  /** notation's default for {@code --max-signatures}. */
  public static final int DEFAULT_MAX_SIGNATURES = 100;

  /** The largest signature envelope read: 32 MiB, as notation. */
  public static final long DEFAULT_MAX_ENVELOPE_BYTES = 32L * 1024 * 1024;

  /** Size limits applied while fetching signatures. */
  record Limits(int maxSignatures, long maxManifestBytes, long maxEnvelopeBytes) {}

  private final OciTrustPolicy policy;
  private final TrustStore trustStore;
  private final RevocationChecker revocation;
  private final Clock clock;
  private final Limits limits;
  private final @Nullable NotationPaths plugins;

  private NotaryVerifier(Builder b, RevocationChecker revocation) {
    this.plugins = b.plugins;
    this.policy = b.policy;
    this.trustStore = b.trustStore;
    this.revocation = revocation;
    this.clock = b.clock;
    this.limits = new Limits(b.maxSignatures, b.maxManifestBytes, b.maxEnvelopeBytes);
  }

  /** A builder with the required policy document and trust store. */
  public static Builder builder(OciTrustPolicy policy, TrustStore trustStore) {
    return new Builder(policy, trustStore);
  }

  /**
   * Verifies the artifact {@code reference} (a tag or a {@code algorithm:encoded} digest) of {@code
   * target}, selecting the trust policy statement by {@code scope}.
   *
   * @param scope {@code host[:port]/repository} for a registry repository, {@code local/<name>} for
   *     an OCI image layout
   * @throws VerificationFailedException if no signature passes (or there is none)
   * @throws PolicyException if no statement applies, the scope or reference is malformed, or a
   *     digest reference does not match what the store resolves
   * @throws IOException if the store fails (not found, transport)
   */
  public VerificationResult verify(Target target, String scope, String reference)
      throws IOException, PolicyException {
    return verify(target, scope, reference, Map.of());
  }

  /**
   * As {@link #verify(Target, String, String)}, additionally requiring every entry of {@code
   * userMetadata} among the signed payload's {@code targetArtifact.annotations} ({@code notation
   * verify --user-metadata}).
   */
  public VerificationResult verify(
      Target target, String scope, String reference, Map<String, String> userMetadata)
      throws IOException, PolicyException {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(reference, "reference");
    Map<String, String> metadata = new TreeMap<>(userMetadata);
    OciTrustPolicyStatement statement = policy.statementForScope(scope);
    if (statement.signatureVerification().actions().skipsVerification()) {
      return new VerificationResult(
          VerificationResult.Verdict.SKIPPED,
          scope,
          reference,
          statement,
          null,
          List.of(),
          null,
          "trust policy statement \""
              + statement.name()
              + "\" is configured to skip signature verification: nothing was verified");
    }
    @Nullable Digest pinned = null;
    if (reference.indexOf(':') > 0) {
      try {
        pinned = Digest.parse(reference);
      } catch (InvalidDigestException e) {
        throw new PolicyException(
            "invalid digest reference \"" + reference + "\": " + e.getMessage(), e);
      }
    }
    Descriptor artifact = target.resolve(reference).basic();
    if (pinned != null && !pinned.equals(artifact.digest())) {
      throw new PolicyException(
          "user input digest "
              + pinned
              + " does not match the resolved digest "
              + artifact.digest());
    }
    List<Descriptor> signatures = target.referrers(artifact, NotarySigner.ARTIFACT_TYPE);
    String shown = scope + "@" + artifact.digest();
    List<SignatureReport> reports = new ArrayList<>();
    StatementAnchors anchors = new StatementAnchors(trustStore, statement);
    for (Descriptor signature : signatures) {
      if (reports.size() >= limits.maxSignatures()) {
        throw reject(
            scope,
            reference,
            statement,
            artifact,
            reports,
            "signature evaluation stopped: the configured limit of "
                + limits.maxSignatures()
                + " signatures to verify per artifact was exceeded for "
                + shown);
      }
      SignatureReport report =
          new SignatureEvaluation(limits, anchors, revocation, clock, statement, plugins)
              .evaluate(target, signature, artifact, metadata);
      reports.add(report);
      if (report.accepted()) {
        return new VerificationResult(
            VerificationResult.Verdict.VERIFIED,
            scope,
            reference,
            statement,
            artifact,
            reports,
            report,
            "signature "
                + signature.digest()
                + " of "
                + shown
                + " verified under trust policy statement \""
                + statement.name()
                + "\" (level "
                + statement.signatureVerification().level()
                + ")");
      }
    }
    if (reports.isEmpty()) {
      throw reject(
          scope,
          reference,
          statement,
          artifact,
          reports,
          "no signature is associated with " + shown + ", make sure the artifact was signed");
    }
    StringBuilder why =
        new StringBuilder("signature verification failed for all the signatures of ").append(shown);
    for (SignatureReport r : reports) {
      why.append("; ")
          .append(r.signatureManifest().digest())
          .append(": ")
          .append(r.rejection().orElse(""));
    }
    throw reject(scope, reference, statement, artifact, reports, why.toString());
  }

  /**
   * Verifies a registry artifact: the scope is {@code registry/repository} of {@code reference}
   * exactly as it holds them, the manifest reference is its digest if it has one, else its tag.
   */
  public VerificationResult verify(Target repository, Reference reference)
      throws IOException, PolicyException {
    return verify(
        repository,
        reference.registry() + "/" + reference.repository(),
        reference.manifestReference(),
        Map.of());
  }

  /** Verifies an artifact of an OCI image layout, whose scope is {@code local/<layoutName>}. */
  public VerificationResult verifyLocal(Target layout, String layoutName, String reference)
      throws IOException, PolicyException {
    return verify(layout, "local/" + layoutName, reference, Map.of());
  }

  private static VerificationFailedException reject(
      String scope,
      String reference,
      OciTrustPolicyStatement statement,
      Descriptor artifact,
      List<SignatureReport> reports,
      String summary) {
    return new VerificationFailedException(
        new VerificationResult(
            VerificationResult.Verdict.REJECTED,
            scope,
            reference,
            statement,
            artifact,
            reports,
            null,
            summary));
  }

  @Override
  public String toString() {
    return "NotaryVerifier{" + policy.statements().size() + " statements, " + trustStore + "}";
  }

  /** Builds a {@link NotaryVerifier}. Not thread-safe. */
  public static final class Builder {
    private final OciTrustPolicy policy;
    private final TrustStore trustStore;
    private @Nullable RevocationChecker revocation;
    private Clock clock = Clock.systemUTC();
    private int maxSignatures = DEFAULT_MAX_SIGNATURES;
    private long maxManifestBytes = Manifest.MAX_BYTES;
    private long maxEnvelopeBytes = DEFAULT_MAX_ENVELOPE_BYTES;
    private @Nullable NotationPaths plugins;

    private Builder(OciTrustPolicy policy, TrustStore trustStore) {
      this.policy = Objects.requireNonNull(policy, "policy");
      this.trustStore = Objects.requireNonNull(trustStore, "trustStore");
    }

    /**
     * The revocation checker for signing and time stamping chains. Default: {@link
     * OcspCrlRevocationChecker} over a new {@link java.net.http.HttpClient} with this builder's
     * clock.
     */
    public Builder revocationChecker(RevocationChecker checker) {
      this.revocation = Objects.requireNonNull(checker, "checker");
      return this;
    }

    /** The clock for expiry, certificate validity and revocation freshness (default: UTC). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** At most this many signatures are evaluated per artifact (default 100, as notation). */
    public Builder maxSignatures(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxSignatures must be positive, found " + max);
      }
      this.maxSignatures = max;
      return this;
    }

    /** The largest signature manifest read, at most 4 MiB (the default). */
    public Builder maxManifestBytes(long max) {
      if (max < 1 || max > Manifest.MAX_BYTES) {
        throw new IllegalArgumentException(
            "maxManifestBytes must be in [1, " + Manifest.MAX_BYTES + "], found " + max);
      }
      this.maxManifestBytes = max;
      return this;
    }

    /** The largest signature envelope read, at most 32 MiB (the default). */
    public Builder maxEnvelopeBytes(long max) {
      if (max < 1 || max > DEFAULT_MAX_ENVELOPE_BYTES) {
        throw new IllegalArgumentException(
            "maxEnvelopeBytes must be in [1, " + DEFAULT_MAX_ENVELOPE_BYTES + "], found " + max);
      }
      this.maxEnvelopeBytes = max;
      return this;
    }

    /**
     * Where to find the verification plugins that signatures name ({@code
     * io.cncf.notary.verificationPlugin}): {@link NotationPaths#pluginDirectory()}. The plugin then
     * does the trusted-identity and revocation checks it offers ({@code verify-signature}); the
     * other checks stay the verifier's. Without this, such a signature fails integrity.
     */
    public Builder plugins(NotationPaths paths) {
      this.plugins = Objects.requireNonNull(paths, "paths");
      return this;
    }

    /** The verifier. */
    public NotaryVerifier build() {
      RevocationChecker r = revocation;
      if (r == null) {
        r = OcspCrlRevocationChecker.builder().clock(clock).build();
      }
      return new NotaryVerifier(this, r);
    }
  }
}
