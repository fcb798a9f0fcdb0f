package dev.ocitrust.client;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a client presents to a registry: a user name and password, an identity (OAuth2 refresh)
 * token, or a pre-issued access token.
 *
 * <p>Immutable and thread-safe. {@link #toString()} never shows a secret.
 *
 * <pre>{@code
 * Credential c = Credential.basic("alice", password);
 * CredentialsProvider p = CredentialsProvider.of("registry.example.com", c);
 * }</pre>
 */
public final class Credential {
  private final @Nullable String username;
  private final @Nullable String password;
  private final @Nullable String identityToken;
  private final @Nullable String accessToken;

  private Credential(
      @Nullable String username,
      @Nullable String password,
      @Nullable String identityToken,
      @Nullable String accessToken) {
    this.username = username;
    this.password = password;
    this.identityToken = identityToken;
    this.accessToken = accessToken;
  }

  /** A user name and password (Basic auth, or the {@code password} grant for bearer tokens). */
  public static Credential basic(String username, String password) {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    if (username.isEmpty() || username.indexOf(':') >= 0) {
      throw new IllegalArgumentException("a user name must be non-empty and contain no ':'");
    }
    return new Credential(username, password, null, null);
  }

  /**
   * An identity token (the {@code identitytoken} of {@code config.json}), exchanged for access
   * tokens with the OAuth2 {@code refresh_token} grant.
   */
  public static Credential identityToken(String token) {
    return new Credential(null, null, requireNonEmpty(token, "identity token"), null);
  }

  /** A pre-issued bearer access token, sent as is. */
  public static Credential accessToken(String token) {
    return new Credential(null, null, null, requireNonEmpty(token, "access token"));
  }

  /** The user name, if this is a user name and password. */
  public Optional<String> username() {
    return Optional.ofNullable(username);
  }

  /** The password, if this is a user name and password. */
  public Optional<String> password() {
    return Optional.ofNullable(password);
  }

  /** The identity (refresh) token, if this is one. */
  public Optional<String> identityToken() {
    return Optional.ofNullable(identityToken);
  }

  /** The access token, if this is one. */
  public Optional<String> accessToken() {
    return Optional.ofNullable(accessToken);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Credential c
        && Objects.equals(username, c.username)
        && Objects.equals(password, c.password)
        && Objects.equals(identityToken, c.identityToken)
        && Objects.equals(accessToken, c.accessToken);
  }

  @Override
  public int hashCode() {
    return Objects.hash(username, password, identityToken, accessToken);
  }

  @Override
  public String toString() {
    if (username != null) {
      return "Credential[basic " + username + ":<redacted>]";
    }
    return identityToken != null
        ? "Credential[identity token <redacted>]"
        : "Credential[access token <redacted>]";
  }

  private static String requireNonEmpty(String s, String what) {
    Objects.requireNonNull(s, what);
    if (s.isEmpty()) {
      throw new IllegalArgumentException(what + " is empty");
    }
    return s;
  }
}
