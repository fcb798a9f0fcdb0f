package dev.ocitrust.claims;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.policy.VerificationResult;
import java.util.Objects;
import java.util.Optional;

/**
 * Both halves of a deployment decision about one resolved artifact: the Notary signature
 * verification under the trust policy, and the claim decision under the claim policy. Each half is
 * there as its result or, when it could not be reached (no applicable statement, no signature), as
 * the message of its failure.
 *
 * <p>Only {@link DeploymentGate} creates one. Immutable and thread-safe.
 *
 * <pre>{@code
 * GateResult r = gate.verify(layout, "local/net-monitor", "v1", "prod");
 * System.out.print(r.text());
 * }</pre>
 */
public final class GateResult {
  private final Descriptor artifact;
  private final String scope;
  private final String environment;
  private final Optional<VerificationResult> signatures;
  private final Optional<String> signatureFailure;
  private final Optional<ClaimDecision> claims;
  private final Optional<String> claimFailure;

  GateResult(
      Descriptor artifact,
      String scope,
      String environment,
      Optional<VerificationResult> signatures,
      Optional<String> signatureFailure,
      Optional<ClaimDecision> claims,
      Optional<String> claimFailure) {
    this.artifact = Objects.requireNonNull(artifact, "artifact");
    this.scope = scope;
    this.environment = environment;
    this.signatures = signatures;
    this.signatureFailure = signatureFailure;
    this.claims = claims;
    this.claimFailure = claimFailure;
  }

  /**
   * Whether the artifact may run: its signature verified (or the trust policy skips it) and the
   * claims allow it.
   */
  public boolean isAllowed() {
    return signaturesPassed() && claims.map(ClaimDecision::isAllowed).orElse(false);
  }

  /** Whether the signature half passed. */
  public boolean signaturesPassed() {
    return signatures.map(r -> r.verdict() != VerificationResult.Verdict.REJECTED).orElse(false);
  }

  /** The artifact both halves judged. */
  public Descriptor artifact() {
    return artifact;
  }

  /** The environment. */
  public String environment() {
    return environment;
  }

  /** The signature verification, when it produced a result (verified, skipped or rejected). */
  public Optional<VerificationResult> signatures() {
    return signatures;
  }

  /** Why signature verification produced no result, if it did not. */
  public Optional<String> signatureFailure() {
    return signatureFailure;
  }

  /** The claim decision, when there was one. */
  public Optional<ClaimDecision> claims() {
    return claims;
  }

  /** Why there is no claim decision, if there is none. */
  public Optional<String> claimFailure() {
    return claimFailure;
  }

  /** Both halves as text. */
  public String text() {
    StringBuilder b = new StringBuilder();
    b.append(isAllowed() ? "ALLOWED " : "DENIED ")
        .append(scope)
        .append('@')
        .append(artifact.digest())
        .append(" for ")
        .append(environment)
        .append('\n');
    b.append("signature: ");
    if (signatures.isPresent()) {
      VerificationResult r = signatures.get();
      b.append(r.verdict()).append(": ").append(r.summary()).append('\n');
    } else {
      b.append("REJECTED: ").append(signatureFailure.orElse("")).append('\n');
    }
    b.append("claims: ");
    if (claims.isPresent()) {
      b.append(claims.get().text());
    } else {
      b.append("DENY: ").append(claimFailure.orElse("")).append('\n');
    }
    return b.toString();
  }

  @Override
  public String toString() {
    return (isAllowed() ? "ALLOWED " : "DENIED ")
        + scope
        + "@"
        + artifact.digest()
        + " for "
        + environment;
  }
}
