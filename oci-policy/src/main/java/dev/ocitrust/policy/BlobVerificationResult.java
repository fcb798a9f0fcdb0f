package dev.ocitrust.policy;

import dev.ocitrust.cose.TargetArtifact;
import dev.ocitrust.cose.VerifiedNotaryEnvelope;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The decision of {@link BlobVerifier} about one blob and its detached signature: the verdict, the
 * blob trust policy statement that applied, every check with its action and outcome, and the signed
 * descriptor. Only the verifier creates these.
 *
 * <p>Immutable and thread-safe.
 *
 * <p><b>Security guarantees.</b> {@link VerificationResult.Verdict#VERIFIED} means the signature
 * passed every enforced check of the statement's level and signs exactly this blob: its size, its
 * digest (recomputed with the hash of the signing key's algorithm), the media type when one was
 * required, and the required user metadata. {@link VerificationResult.Verdict#SKIPPED} means the
 * statement's level is {@code skip}: nothing was read or verified. A rejected blob is never
 * returned: {@link BlobVerifier#verify} throws {@link BlobVerificationFailedException}, which
 * carries the {@link VerificationResult.Verdict#REJECTED} result.
 *
 * <pre>{@code
 * BlobVerificationResult r = verifier.verify(blob, signature, BlobVerifyOptions.defaults());
 * if (r.isVerified()) {
 *   System.out.println(r.signedTarget().orElseThrow().digest());
 * }
 * }</pre>
 */
public final class BlobVerificationResult {
  private final VerificationResult.Verdict verdict;
  private final String blob;
  private final BlobTrustPolicyStatement statement;
  private final List<CheckOutcome> checks;
  private final @Nullable VerifiedNotaryEnvelope envelope;
  private final @Nullable String rejection;
  private final String summary;

  BlobVerificationResult(
      VerificationResult.Verdict verdict,
      String blob,
      BlobTrustPolicyStatement statement,
      List<CheckOutcome> checks,
      @Nullable VerifiedNotaryEnvelope envelope,
      @Nullable String rejection,
      String summary) {
    this.verdict = verdict;
    this.blob = blob;
    this.statement = statement;
    this.checks = List.copyOf(checks);
    this.envelope = envelope;
    this.rejection = rejection;
    this.summary = summary;
  }

  /** Verified, skipped or rejected. */
  public VerificationResult.Verdict verdict() {
    return verdict;
  }

  /** True for {@link VerificationResult.Verdict#VERIFIED}. */
  public boolean isVerified() {
    return verdict == VerificationResult.Verdict.VERIFIED;
  }

  /** The blob, as the caller named it. */
  public String blob() {
    return blob;
  }

  /** The blob trust policy statement that applied. */
  public BlobTrustPolicyStatement statement() {
    return statement;
  }

  /** Every check that ran or was skipped, in order; empty when the level is {@code skip}. */
  public List<CheckOutcome> checks() {
    return checks;
  }

  /** The envelope, when its integrity was verified. */
  public Optional<VerifiedNotaryEnvelope> envelope() {
    return Optional.ofNullable(envelope);
  }

  /** The signed descriptor of the blob, when the envelope's integrity was verified. */
  public Optional<TargetArtifact> signedTarget() {
    return envelope().map(VerifiedNotaryEnvelope::targetArtifact);
  }

  /** Why the signature was rejected; empty unless {@link VerificationResult.Verdict#REJECTED}. */
  public Optional<String> rejection() {
    return Optional.ofNullable(rejection);
  }

  /** One line for people. */
  public String summary() {
    return summary;
  }

  @Override
  public String toString() {
    return summary;
  }
}
