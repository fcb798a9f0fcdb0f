package dev.ocitrust.claims;

import dev.ocitrust.policy.PolicyException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

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
  private final transient @Nullable RedirectChain chain;

  DeploymentDeniedException(GateResult result) {
    super(result.toString());
    this.result = result;
    this.chain = null;
  }

  DeploymentDeniedException(RedirectChain chain) {
    super(chain.toString());
    this.result = chain.last();
    this.chain = chain;
  }

  /** Both halves of the decision (with redirects followed: of the artifact the chain ended at). */
  public GateResult result() {
    return result;
  }

  /** The redirects followed, when the gate followed them. */
  public Optional<RedirectChain> chain() {
    return Optional.ofNullable(chain);
  }
}
