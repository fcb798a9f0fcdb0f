package dev.ocitrust.claims;

import dev.ocitrust.policy.PolicyException;

/**
 * The deployment gate denied an artifact: its signature did not verify, or its claims do not allow
 * it in the environment. {@link #result()} holds both halves with every reason.
 *
 * <pre>{@code
 * try {
 *   gate.verify(repo, scope, "v1", "prod");
 * } catch (DeploymentDeniedException e) {
 *   System.err.print(e.result().text());
 * }
 * }</pre>
 */
public final class DeploymentDeniedException extends PolicyException {
  private static final long serialVersionUID = 1L;

  private final transient GateResult result;

  DeploymentDeniedException(GateResult result) {
    super(result.toString());
    this.result = result;
  }

  /** Both halves of the decision. */
  public GateResult result() {
    return result;
  }
}
