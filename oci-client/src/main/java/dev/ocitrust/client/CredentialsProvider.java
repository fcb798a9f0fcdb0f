package dev.ocitrust.client;

import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the credential for a registry, named as {@code host[:port]} ({@code docker.io} for Docker
 * Hub, whatever alias the reference used).
 *
 * <p>Implementations are thread-safe; {@link RegistryClient} calls them from many threads.
 * Implementations must never log secrets.
 *
 * <pre>{@code
 * RegistryClient client = RegistryClient.builder()
 *     .credentials(CredentialsProvider.of("localhost:5000", Credential.basic("alice", pw)))
 *     .build();
 * }</pre>
 */
@FunctionalInterface
public interface CredentialsProvider {
  /** No credentials anywhere: every request is anonymous. */
  CredentialsProvider ANONYMOUS = registry -> Optional.empty();

  /**
   * The credential for {@code registry}, or empty for anonymous access.
   *
   * @throws IOException when the source of credentials fails (unreadable file, helper error)
   */
  Optional<Credential> credentialFor(String registry) throws IOException;

  /** One credential for one registry. */
  static CredentialsProvider of(String registry, Credential credential) {
    return of(Map.of(registry, credential));
  }

  /** Fixed credentials per registry ({@code host[:port]}). */
  static CredentialsProvider of(Map<String, Credential> byRegistry) {
    Map<String, Credential> copy = Map.copyOf(byRegistry);
    return registry -> Optional.ofNullable(copy.get(Objects.requireNonNull(registry)));
  }
}
