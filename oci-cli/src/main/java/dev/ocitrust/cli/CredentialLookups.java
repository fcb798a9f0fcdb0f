package dev.ocitrust.cli;

import dev.ocitrust.client.Credential;
import dev.ocitrust.client.CredentialsProvider;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The credentials of one run, remembering for each registry whether any were found and where they
 * come from, so that a {@code 401} can say "no credentials for HOST in CONFIG" or that the registry
 * rejected the ones it was given. Thread-safe.
 */
final class CredentialLookups implements CredentialsProvider {
  private final CredentialsProvider delegate;
  private final String source;
  private final Map<String, Optional<Credential>> found = new ConcurrentHashMap<>();

  /** Credentials from {@code delegate}, described in messages as {@code source}. */
  CredentialLookups(CredentialsProvider delegate, String source) {
    this.delegate = delegate;
    this.source = source;
  }

  @Override
  public Optional<Credential> credentialFor(String registry) throws IOException {
    Optional<Credential> c = delegate.credentialFor(registry);
    found.put(registry, c);
    return c;
  }

  /** Where the credentials come from: the files searched, or the command-line options. */
  String source() {
    return source;
  }

  /**
   * What the lookup for {@code registry} found: empty when it was never asked for, else the
   * credential or its absence.
   */
  Optional<Optional<Credential>> lookup(String registry) {
    Optional<Credential> c = found.get(registry);
    if (c == null && found.size() == 1) {
      // a 401 from a token server names the server: the run asked for one registry only
      c = found.values().iterator().next();
    }
    return Optional.ofNullable(c);
  }
}
