package dev.ocitrust.client.internal.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocitrust.client.Credential;
import dev.ocitrust.client.CredentialsProvider;
import dev.ocitrust.client.OciException;
import dev.ocitrust.client.RegistryException;
import dev.ocitrust.client.internal.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers registry challenges: Basic with the registry's credential, Bearer with a token from the
 * challenge's realm (Docker token GET, or OAuth2 POST with the {@code refresh_token} grant for
 * identity tokens, or the {@code password} grant when asked). Remembers per registry which scheme
 * it wants, so later requests authenticate up front, and caches tokens per scope set. Every cache
 * is bounded ({@link #MAX_REGISTRIES}, {@code TokenCache.MAX_ENTRIES}), least recently used first
 * out.
 *
 * <p>Thread-safe; one per {@code RegistryClient}.
 */
public final class Authenticator {
  /** The most of a token response that is read. */
  public static final int MAX_TOKEN_RESPONSE = 128 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(Authenticator.class);
  private static final String CLIENT_ID = "ocitrust";

  /**
   * The most registries (and registry origins) whose credential and challenge scheme one client
   * remembers; the least recently used are looked up or challenged again.
   */
  static final int MAX_REGISTRIES = 256;

  private final CredentialsProvider credentials;
  private final OkHttpClient tokenHttp;
  private final HostPolicy hosts;
  private final Clock clock;
  private final boolean oauth2PasswordGrant;
  private final TokenCache cache;
  private final LruCache<String, Optional<Credential>> credentialCache =
      new LruCache<>(MAX_REGISTRIES);
  private final LruCache<String, Challenge> challenges = new LruCache<>(MAX_REGISTRIES);

  /**
   * Creates the authenticator.
   *
   * @param tokenHttp the client for token requests (without the auth interceptor)
   */
  public Authenticator(
      CredentialsProvider credentials,
      OkHttpClient tokenHttp,
      HostPolicy hosts,
      Clock clock,
      boolean oauth2PasswordGrant) {
    this.credentials = credentials;
    this.tokenHttp = tokenHttp;
    this.hosts = hosts;
    this.clock = clock;
    this.oauth2PasswordGrant = oauth2PasswordGrant;
    this.cache = new TokenCache(clock);
  }

  /** The {@code Authorization} value to send before any challenge, or null. */
  @Nullable String preemptive(AuthScope scope) throws IOException {
    Optional<Credential> cred = credential(scope.registry());
    if (cred.isPresent() && cred.get().accessToken().isPresent()) {
      return "Bearer " + cred.get().accessToken().get();
    }
    Challenge known = challenges.get(scope.origin());
    if (known == null) {
      return null;
    }
    if (known.scheme().equals("basic")) {
      return cred.map(Authenticator::basic).orElse(null);
    }
    return "Bearer " + token(scope, known, scope.scopes(), cred).value();
  }

  /**
   * The {@code Authorization} value answering {@code wwwAuthenticate}, or null when there is
   * nothing better to send than {@code sent}.
   *
   * @throws RegistryException when the challenge is malformed or the token request fails
   */
  @Nullable String answer(
      AuthScope scope, List<String> wwwAuthenticate, @Nullable String sent, Response response)
      throws IOException {
    List<Challenge> parsed = new ArrayList<>();
    try {
      for (String header : wwwAuthenticate) {
        parsed.addAll(Challenge.parse(header));
      }
    } catch (IllegalArgumentException e) {
      throw Responses.violation(
          response, null, null, Objects.requireNonNullElse(e.getMessage(), e.toString()), e);
    }
    Challenge bearer = find(parsed, "bearer");
    Challenge basic = find(parsed, "basic");
    Optional<Credential> cred = credential(scope.registry());
    if (bearer != null) {
      String realm = bearer.param("realm");
      if (realm == null || realm.isEmpty()) {
        throw Responses.violation(response, null, null, "Bearer challenge without a realm");
      }
      challenges.put(scope.origin(), bearer);
      if (cred.isPresent() && cred.get().accessToken().isPresent()) {
        return null; // the pre-issued token was refused; nothing else to try
      }
      TreeSet<String> wanted = new TreeSet<>(scope.scopes());
      wanted.addAll(bearer.scopes());
      List<String> scopes = List.copyOf(wanted);
      String key = key(scope, bearer, scopes);
      Token token = cache.get(key, () -> fetch(bearer, scopes, cred));
      String header = "Bearer " + token.value();
      if (header.equals(sent)) {
        cache.invalidate(key, token);
        token = cache.get(key, () -> fetch(bearer, scopes, cred));
        header = "Bearer " + token.value();
        if (header.equals(sent)) {
          return null;
        }
      }
      return header;
    }
    if (basic != null && cred.isPresent() && cred.get().username().isPresent()) {
      challenges.put(scope.origin(), basic);
      String header = basic(cred.get());
      return header.equals(sent) ? null : header;
    }
    return null;
  }

  /** How many registries' credentials, origins' challenges and tokens are remembered (tests). */
  int[] cached() {
    return new int[] {credentialCache.size(), challenges.size(), cache.size()};
  }

  private Token token(
      AuthScope scope, Challenge bearer, List<String> scopes, Optional<Credential> cred)
      throws IOException {
    return cache.get(key(scope, bearer, scopes), () -> fetch(bearer, scopes, cred));
  }

  private Optional<Credential> credential(String registry) throws IOException {
    Optional<Credential> c = credentialCache.get(registry);
    if (c == null) {
      c = credentials.credentialFor(registry);
      credentialCache.put(registry, c);
    }
    return c;
  }

  private Token fetch(Challenge bearer, List<String> scopes, Optional<Credential> cred)
      throws IOException {
    String realm = bearer.param("realm");
    HttpUrl url = realm == null ? null : HttpUrl.parse(realm);
    if (url == null) {
      throw new RegistryException(
          0, "GET", "(token realm)", null, null, List.of(), "invalid token realm in the challenge");
    }
    if (!url.isHttps() && !hosts.allowsPlainHttp(HostPolicy.registryOf(url))) {
      throw new RegistryException(
          0,
          "GET",
          Responses.redact(url),
          null,
          null,
          List.of(),
          "the token realm uses plain HTTP, which is not allowed for "
              + HostPolicy.registryOf(url));
    }
    String service = bearer.param("service");
    Request.Builder request = new Request.Builder();
    Optional<String> identityToken = cred.flatMap(Credential::identityToken);
    boolean passwordGrant = oauth2PasswordGrant && cred.flatMap(Credential::username).isPresent();
    if (identityToken.isPresent() || passwordGrant) {
      FormBody.Builder form = new FormBody.Builder(StandardCharsets.UTF_8);
      if (identityToken.isPresent()) {
        form.add("grant_type", "refresh_token").add("refresh_token", identityToken.get());
      } else {
        form.add("grant_type", "password")
            .add("username", cred.get().username().orElseThrow())
            .add("password", cred.get().password().orElseThrow());
      }
      if (service != null) {
        form.add("service", service);
      }
      if (!scopes.isEmpty()) {
        form.add("scope", String.join(" ", scopes));
      }
      form.add("client_id", CLIENT_ID);
      request.url(url).post(form.build());
    } else {
      HttpUrl.Builder u = url.newBuilder();
      if (service != null) {
        u.addQueryParameter("service", service);
      }
      for (String s : scopes) {
        u.addQueryParameter("scope", s);
      }
      request.url(u.build()).get();
      if (cred.isPresent() && cred.get().username().isPresent()) {
        request.header("Authorization", basic(cred.get()));
      }
    }
    Request built = request.build();
    LOG.debug(
        "token request {} {} scopes {}", built.method(), Responses.redact(built.url()), scopes);
    try (Response response = RemoteContext.send(tokenHttp, built)) {
      if (response.code() != 200) {
        throw Responses.failure(response, null, null, "token request refused");
      }
      byte[] body;
      try {
        body = Responses.readCapped(response, MAX_TOKEN_RESPONSE, "token response");
      } catch (OciException e) { // too long, or shorter than declared; I/O errors propagate
        throw Responses.violation(
            response, null, null, Objects.requireNonNullElse(e.getMessage(), e.toString()), e);
      }
      return parseToken(body, response);
    }
  }

  private Token parseToken(byte[] body, Response response) throws IOException {
    JsonNode json;
    try {
      json = Json.read(body);
    } catch (IOException e) {
      throw Responses.violation(response, null, null, "token response is not JSON", e);
    }
    String token = text(json, "token");
    if (token == null) {
      token = text(json, "access_token");
    }
    if (token == null || token.isEmpty() || !token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw Responses.violation(response, null, null, "token response holds no usable token");
    }
    long expiresIn = 60;
    JsonNode e = json.get("expires_in");
    if (e != null && e.canConvertToLong() && e.asLong() > 0) {
      expiresIn = Math.min(e.asLong(), Duration.ofDays(1).toSeconds());
    }
    Instant now = clock.instant();
    long margin = Math.min(30, expiresIn / 5);
    return new Token(token, now.plusSeconds(expiresIn - margin));
  }

  private static @Nullable String text(JsonNode json, String field) {
    JsonNode n = json.get(field);
    return n != null && n.isTextual() ? n.asText() : null;
  }

  private static String key(AuthScope scope, Challenge bearer, List<String> scopes) {
    return scope.origin()
        + "|"
        + bearer.param("realm")
        + "|"
        + bearer.param("service")
        + "|"
        + String.join(" ", scopes);
  }

  private static @Nullable Challenge find(List<Challenge> challenges, String scheme) {
    return challenges.stream().filter(c -> c.scheme().equals(scheme)).findFirst().orElse(null);
  }

  private static String basic(Credential c) {
    return okhttp3.Credentials.basic(
        c.username().orElseThrow(), c.password().orElse(""), StandardCharsets.UTF_8);
  }
}
