package dev.ocitrust.testkit;

import java.util.List;
import java.util.Objects;

/**
 * One request a {@link TokenServer} answered with a token, as recorded for assertions.
 *
 * <p>Thread-safe: immutable.
 *
 * <pre>{@code
 * assertThat(tokens.requests().get(0).scopes()).containsExactly("repository:app:pull,push");
 * }</pre>
 *
 * @param method {@code GET} (basic auth) or {@code POST} (OAuth2 password grant)
 * @param subject the authenticated user, or {@code ""} when anonymous
 * @param service the {@code service} parameter, or {@code ""} when absent
 * @param scopes the values of the {@code scope=} parameters, split on spaces, in order
 */
public record TokenRequest(String method, String subject, String service, List<String> scopes) {
  /** Copies the scopes. */
  public TokenRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(service, "service");
    scopes = List.copyOf(scopes);
  }
}
