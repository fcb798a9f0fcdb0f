package dev.ocitrust.claims;

import dev.ocitrust.client.Digest;
import dev.ocitrust.client.Reference;
import dev.ocitrust.policy.PolicyException;
import java.io.IOException;

/**
 * Finds the store a lifecycle claim's {@code successor} names, for {@link
 * DeploymentGate#verifyFollowingRedirects}: a tag or digest is in the same store as the artifact
 * that names it; a full reference ({@code host/repository:tag} or {@code …@sha256:…}) is wherever
 * it says, which only the caller can open (credentials, plain HTTP, layouts).
 *
 * <p>Implementations must be thread-safe if the gate is shared between threads. They throw {@link
 * PolicyException} for a successor they cannot or will not reach — which ends the chain in an
 * error, never in an allowance.
 *
 * <pre>{@code
 * SuccessorLocator anyRegistry = (ref, from) -> new ArtifactLocation(
 *     client.repository(ref), ref.registry() + "/" + ref.repository(), ref.manifestReference());
 * gate.verifyFollowingRedirects(new ArtifactLocation(repo, scope, "v1"), "prod", anyRegistry);
 * }</pre>
 */
@FunctionalInterface
public interface SuccessorLocator {
  /**
   * Where the full reference {@code successor}, named by a claim about the artifact at {@code
   * from}, is judged.
   *
   * @throws PolicyException if it cannot or may not be reached
   * @throws IOException if opening its store fails
   */
  ArtifactLocation locate(Reference successor, ArtifactLocation from)
      throws IOException, PolicyException;

  /**
   * Tags and digests in the artifact's own store, and full references to the artifact's own scope;
   * any other full reference is refused with a {@link PolicyException}.
   */
  static SuccessorLocator sameStore() {
    return (successor, from) -> {
      throw new PolicyException(
          "successor "
              + successor
              + " is outside "
              + from.scope()
              + " and no locator was given to reach it");
    };
  }

  /**
   * Resolves {@code successor} as a lifecycle claim writes it: a tag or digest stays in {@code
   * from}'s store; a full reference whose {@code host/repository} is {@code from}'s scope does too;
   * any other full reference goes to this locator.
   *
   * @throws PolicyException if {@code successor} is not a reference, or this locator refuses it
   * @throws IOException if opening its store fails
   */
  default ArtifactLocation resolve(String successor, ArtifactLocation from)
      throws IOException, PolicyException {
    if (!successor.contains("/")) {
      if (successor.contains(":")) {
        try {
          return from.withReference(Digest.parse(successor).toString());
        } catch (IllegalArgumentException e) {
          throw new PolicyException(
              "successor \"" + successor + "\" is neither a digest nor a reference", e);
        }
      }
      if (!Reference.isValidTag(successor)) {
        throw new PolicyException("successor \"" + successor + "\" is not a valid tag");
      }
      return from.withReference(successor);
    }
    Reference ref;
    try {
      ref = Reference.parseStrict(successor);
    } catch (IllegalArgumentException e) {
      throw new PolicyException("successor \"" + successor + "\" is not a reference", e);
    }
    if (ref.tag().isEmpty() && ref.digest().isEmpty()) {
      throw new PolicyException("successor \"" + successor + "\" names no tag or digest");
    }
    if ((ref.registry() + "/" + ref.repository()).equals(from.scope())) {
      return from.withReference(ref.manifestReference());
    }
    return locate(ref, from);
  }
}
