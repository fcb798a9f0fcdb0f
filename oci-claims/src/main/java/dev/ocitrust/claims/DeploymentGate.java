package dev.ocitrust.claims;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.Target;
import dev.ocitrust.policy.NotaryVerifier;
import dev.ocitrust.policy.PolicyException;
import dev.ocitrust.policy.VerificationFailedException;
import dev.ocitrust.policy.VerificationResult;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * The last check before deployment: an artifact may run in an environment only if it is signed by a
 * trusted identity (Notary Project verification under the trust policy) AND its claims approve it
 * for that environment (the claim policy). A tag is resolved once; both halves judge that one
 * digest, so no push in between can make them see different manifests.
 *
 * <p>Thread-safe and immutable if the two verifiers are (they are).
 *
 * <p>Security guarantees: {@link #verify} returns only when the signature half verified (or the
 * trust policy's statement says {@code skip}) and the claim decision is {@code ALLOW} or {@code
 * ALLOW_WITH_WARNINGS}; in every other case — including a scope or environment that no statement
 * covers — it throws {@link DeploymentDeniedException} with both halves' reports.
 *
 * <pre>{@code
 * DeploymentGate gate = DeploymentGate.of(notaryVerifier, claimVerifier);
 * GateResult ok = gate.verify(repo, "registry.acme.example/net-monitor", "v1", "prod");
 * }</pre>
 */
public final class DeploymentGate {
  private final NotaryVerifier signatures;
  private final ClaimVerifier claims;

  private DeploymentGate(NotaryVerifier signatures, ClaimVerifier claims) {
    this.signatures = Objects.requireNonNull(signatures, "signatures");
    this.claims = Objects.requireNonNull(claims, "claims");
  }

  /** A gate of both verifiers. */
  public static DeploymentGate of(NotaryVerifier signatures, ClaimVerifier claims) {
    return new DeploymentGate(signatures, claims);
  }

  /**
   * Decides whether the artifact {@code reference} (a tag or digest) of {@code target} may run in
   * {@code environment}; both policies select their statement by {@code scope}.
   *
   * @throws DeploymentDeniedException if either half does not pass
   * @throws PolicyException if the reference is a digest the store does not resolve to
   * @throws IOException if the store fails
   */
  public GateResult verify(Target target, String scope, String reference, String environment)
      throws IOException, PolicyException {
    Descriptor artifact = ClaimVerifier.resolve(target, reference);
    Optional<VerificationResult> signed = Optional.empty();
    Optional<String> signatureFailure = Optional.empty();
    try {
      signed = Optional.of(signatures.verify(target, scope, artifact.digest().toString()));
    } catch (VerificationFailedException e) {
      signed = Optional.of(e.result());
    } catch (PolicyException e) {
      signatureFailure = Optional.of(String.valueOf(e.getMessage()));
    }
    Optional<ClaimDecision> decision = Optional.empty();
    Optional<String> claimFailure = Optional.empty();
    try {
      decision = Optional.of(claims.evaluate(target, scope, artifact, environment));
    } catch (PolicyException e) {
      claimFailure = Optional.of(String.valueOf(e.getMessage()));
    }
    GateResult result =
        new GateResult(
            artifact, scope, environment, signed, signatureFailure, decision, claimFailure);
    if (!result.isAllowed()) {
      throw new DeploymentDeniedException(result);
    }
    return result;
  }
}
