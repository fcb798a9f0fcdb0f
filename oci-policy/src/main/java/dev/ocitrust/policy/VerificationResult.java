package dev.ocitrust.policy;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.cose.TargetArtifact;
import dev.ocitrust.cose.VerifiedNotaryEnvelope;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The decision of {@link NotaryVerifier} about one artifact: the verdict, the policy statement that
 * applied, the resolved artifact and a report per signature tried. Only the verifier creates these;
 * a {@link Verdict#VERIFIED} result always carries the accepted signature's verified envelope and
 * payload.
 *
 * <p>Immutable and thread-safe.
 *
 * <p>Security guarantees: {@link Verdict#VERIFIED} means one signature passed every enforced check
 * of the statement's level, signs exactly the resolved descriptor (media type, digest, size) and
 * carries the required user metadata. {@link Verdict#SKIPPED} means the statement's level is {@code
 * skip}: nothing was verified, not even that a signature exists. A rejected artifact is never
 * returned: {@link NotaryVerifier#verify} throws {@link VerificationFailedException}, which carries
 * the {@link Verdict#REJECTED} result.
 *
 * <pre>{@code
 * VerificationResult r = verifier.verify(layout, "local/net-monitor", "v1");
 * if (r.verdict() == VerificationResult.Verdict.VERIFIED) {
 *   TargetArtifact signed = r.signedTarget().orElseThrow();
 * }
 * }</pre>
 */
public final class VerificationResult {
  /** The overall decision. */
  public enum Verdict {
    /** A signature passed every enforced check. */
    VERIFIED,
    /** The policy level is {@code skip}: nothing was verified. */
    SKIPPED,
    /** No signature passed (or there was none). */
    REJECTED
  }

  private final Verdict verdict;
  private final String scope;
  private final String reference;
  private final OciTrustPolicyStatement statement;
  private final @Nullable Descriptor artifact;
  private final List<SignatureReport> signatures;
  private final @Nullable SignatureReport accepted;
  private final String summary;

  VerificationResult(
      Verdict verdict,
      String scope,
      String reference,
      OciTrustPolicyStatement statement,
      @Nullable Descriptor artifact,
      List<SignatureReport> signatures,
      @Nullable SignatureReport accepted,
      String summary) {
    if ((verdict == Verdict.VERIFIED) != (accepted != null && accepted.envelope().isPresent())) {
      throw new IllegalStateException("a verified result needs an accepted, verified signature");
    }
    this.verdict = verdict;
    this.scope = scope;
    this.reference = reference;
    this.statement = statement;
    this.artifact = artifact;
    this.signatures = List.copyOf(signatures);
    this.accepted = accepted;
    this.summary = summary;
  }

  /** The verdict. */
  public Verdict verdict() {
    return verdict;
  }

  /** Whether the artifact was verified (not merely skipped). */
  public boolean isVerified() {
    return verdict == Verdict.VERIFIED;
  }

  /** The registry scope the policy statement was selected by. */
  public String scope() {
    return scope;
  }

  /** The reference (tag or digest) as the caller gave it. */
  public String reference() {
    return reference;
  }

  /** The trust policy statement that applied. */
  public OciTrustPolicyStatement statement() {
    return statement;
  }

  /** The resolved artifact descriptor; empty when the level is {@code skip} (nothing resolved). */
  public Optional<Descriptor> artifact() {
    return Optional.ofNullable(artifact);
  }

  /** A report per signature tried, in the order tried (the accepted one last). */
  public List<SignatureReport> signatures() {
    return signatures;
  }

  /** The accepted signature's report, when verified. */
  public Optional<SignatureReport> acceptedSignature() {
    return Optional.ofNullable(accepted);
  }

  /** The accepted signature's verified envelope, when verified. */
  public Optional<VerifiedNotaryEnvelope> verifiedEnvelope() {
    return accepted == null ? Optional.empty() : accepted.envelope();
  }

  /** The signed target descriptor (with its user metadata), when verified. */
  public Optional<TargetArtifact> signedTarget() {
    return verifiedEnvelope().map(VerifiedNotaryEnvelope::targetArtifact);
  }

  /** A one-line summary of the decision. */
  public String summary() {
    return summary;
  }

  @Override
  public String toString() {
    return verdict + " " + scope + "@" + reference + ": " + summary;
  }
}
