package dev.ocitrust.testkit;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The {@code auth.token} settings of a registry that delegates authentication to a token server the
 * test runs itself: the registry answers 401 with a {@code Bearer} challenge naming {@code realm}
 * and {@code service}, and accepts JWTs issued by {@code issuer} for audience {@code service},
 * signed by a key whose certificate is in {@code rootCertBundle} (a PEM file).
 *
 * <p>Thread-safe: immutable.
 *
 * <pre>{@code
 * TokenIssuer issuer = TokenIssuer.generate("test-issuer", "test-registry", dir);
 * RegistryServer server = RegistryServer.builder()
 *     .tokenAuth(issuer.authConfig(URI.create("http://127.0.0.1:" + port + "/token")))
 *     .start();
 * }</pre>
 *
 * @param realm the token server's URL, sent to clients in the challenge
 * @param service the service name; the audience the tokens must carry
 * @param issuer the issuer the tokens must carry
 * @param rootCertBundle PEM file of the certificates whose keys may sign tokens
 */
public record TokenAuthConfig(URI realm, String service, String issuer, Path rootCertBundle) {
  /** Validates the settings; the bundle must be an existing file. */
  public TokenAuthConfig {
    Objects.requireNonNull(realm, "realm");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(rootCertBundle, "rootCertBundle");
    if (!realm.isAbsolute()) {
      throw new IllegalArgumentException("realm must be an absolute URL, found " + realm);
    }
    if (service.isBlank() || issuer.isBlank()) {
      throw new IllegalArgumentException("service and issuer must not be blank");
    }
    rootCertBundle = rootCertBundle.toAbsolutePath();
    if (!Files.isRegularFile(rootCertBundle)) {
      throw new IllegalArgumentException("root certificate bundle not found: " + rootCertBundle);
    }
  }
}
