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
  /** The most redirects {@link #verifyFollowingRedirects} follows. */
  public static final int MAX_REDIRECTS = 8;

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
    GateResult result = judge(target, scope, reference, environment);
    if (!result.isAllowed()) {
      throw new DeploymentDeniedException(result);
    }
    return result;
  }

  /**
   * Decides like {@link #verify} and, when the claim decision names a successor (a lifecycle
   * claim's redirect), judges that successor in full — signature and claims, by this same gate —
   * and so on until an artifact names none; at most {@link #MAX_REDIRECTS} redirects.
   *
   * <p>Security guarantees: every hop passes the same trust policy and claim policy, and must fall
   * under the same statements of both as the first artifact (a redirect never leads to a weaker
   * policy); a successor is named only by a verified claim of a trusted issuer; it returns only
   * when the artifact the chain ends at is allowed.
   *
   * @param start the artifact asked about
   * @param environment the target environment
   * @param locator opens successors named by full references outside {@code start}'s scope
   * @return the chain; {@link RedirectChain#last()} is the artifact to deploy
   * @throws DeploymentDeniedException if the artifact the chain ends at is denied ({@link
   *     DeploymentDeniedException#chain()} holds the chain)
   * @throws InvalidRedirectException for a loop, a chain longer than the bound, a successor that
   *     cannot be reached or resolved, or one under other policy statements
   * @throws IOException if a store fails
   */
  public RedirectChain verifyFollowingRedirects(
      ArtifactLocation start, String environment, SuccessorLocator locator)
      throws IOException, PolicyException {
    RedirectChain chain = new RedirectWalk(this, locator, MAX_REDIRECTS).follow(start, environment);
    if (!chain.isAllowed()) {
      throw new DeploymentDeniedException(chain);
    }
    return chain;
  }

  /** Both halves for one artifact, allowed or not. */
  GateResult judge(Target target, String scope, String reference, String environment)
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
    return new GateResult(
        artifact, scope, environment, signed, signatureFailure, decision, claimFailure);
  }
}
