package dev.ocitrust.cli;

import dev.ocitrust.claims.DeploymentDeniedException;
import dev.ocitrust.claims.DeploymentGate;
import dev.ocitrust.claims.GateResult;
import dev.ocitrust.client.Target;
import dev.ocitrust.policy.NotaryVerifier;
import dev.ocitrust.policy.VerificationFailedException;
import dev.ocitrust.policy.VerificationResult;
import org.jspecify.annotations.Nullable;

/**
 * The decision {@code replicate --verify} compares between the source and each destination: the
 * trust policy's verdict on the signatures ({@code VERIFIED}, {@code SKIPPED}, {@code REJECTED}),
 * or with an environment the deployment gate's ({@code ALLOWED}/{@code DENIED} and the claim
 * verdict). Each copy is judged where it is, under the statements of its own scope, as a consumer
 * of that registry would judge it.
 */
final class ReplicaDecisions {
  private final NotaryVerifier verifier;
  private final @Nullable DeploymentGate gate;
  private final @Nullable String environment;

  ReplicaDecisions(
      NotaryVerifier verifier, @Nullable DeploymentGate gate, @Nullable String environment) {
    this.verifier = verifier;
    this.gate = gate;
    this.environment = environment;
  }

  /** One judgement: the decision compared, and the line that explains it. */
  record Decision(String decision, String detail) {}

  /**
   * Judges {@code reference} (a digest) in {@code target} under {@code scope}; a failure to judge
   * at all (a policy with no statement for the scope, a registry that cannot be read) is a decision
   * too, {@code ERROR}, so that it never matches a real verdict (and a source judged {@code ERROR}
   * fails the run).
   */
  Decision judge(Target target, String scope, String reference) {
    try {
      if (gate != null && environment != null) {
        GateResult r;
        try {
          r = gate.verify(target, scope, reference, environment);
        } catch (DeploymentDeniedException e) {
          r = e.result();
        }
        String claims = r.claims().map(c -> c.verdict().name()).orElse("NONE");
        return new Decision(
            (r.isAllowed() ? "ALLOWED" : "DENIED") + " (claims " + claims + ")", r.toString());
      }
      VerificationResult v;
      try {
        v = verifier.verify(target, scope, reference);
      } catch (VerificationFailedException e) {
        v = e.result();
      }
      return new Decision(v.verdict().name(), v.summary());
    } catch (Exception e) {
      return new Decision("ERROR", ErrorMessage.describe(e));
    }
  }
}
