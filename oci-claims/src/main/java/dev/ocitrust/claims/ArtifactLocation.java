package dev.ocitrust.claims;

import dev.ocitrust.client.Target;
import java.util.Objects;

/**
 * Where an artifact is judged: the store holding it, the scope the policies select their statement
 * by ({@code host/repository}, or {@code local/<name>} for an OCI image layout), and its tag or
 * digest in that store.
 *
 * <p>Immutable; as thread-safe as its target.
 *
 * <pre>{@code
 * ArtifactLocation v1 = new ArtifactLocation(repo, "registry.acme.example/net-monitor", "v1");
 * }</pre>
 *
 * @param target the store
 * @param scope the registry scope of the store
 * @param reference a tag or digest in the store
 */
public record ArtifactLocation(Target target, String scope, String reference) {
  /** Checks the parts. */
  public ArtifactLocation {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(reference, "reference");
    if (scope.isEmpty() || reference.isEmpty()) {
      throw new IllegalArgumentException("scope and reference must not be empty");
    }
  }

  /** This store and scope with another tag or digest. */
  public ArtifactLocation withReference(String other) {
    return new ArtifactLocation(target, scope, other);
  }

  @Override
  public String toString() {
    return scope + (reference.contains(":") ? "@" : ":") + reference;
  }
}
