package dev.ocitrust.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * A minimal registry token server on 127.0.0.1 for tests: {@code GET /token?service=S&scope=...}
 * (optionally with basic auth) and the OAuth2 password grant ({@code POST /token}) answer with a
 * JWT from a {@link TokenIssuer} granting every requested scope. With {@link
 * Builder#credentials(String, String)} only that user gets tokens (others get 401); without, every
 * client gets an anonymous token. Requests are recorded ({@link #requests()}).
 *
 * <p>Security: for tests only; plain HTTP, grants all scopes.
 *
 * <p>Thread-safe: yes; {@link #close()} stops the server and its thread.
 *
 * <pre>{@code
 * TokenIssuer issuer = TokenIssuer.generate("test-issuer", "test-registry", dir);
 * try (TokenServer tokens = TokenServer.builder(issuer).credentials("alice", "pw").start();
 *     RegistryServer registry = RegistryServer.builder().tokenAuth(tokens.authConfig()).start()) {
 *   // clients log in as alice/pw
 * }
 * }</pre>
 */
public final class TokenServer implements AutoCloseable {
  private final HttpServer server;
  private final TokenIssuer issuer;
  private final @Nullable String username;
  private final @Nullable String password;
  private final Duration ttl;
  private final List<TokenRequest> requests = new CopyOnWriteArrayList<>();

  private TokenServer(Builder b) throws IOException {
    this.issuer = b.issuer;
    this.username = b.username;
    this.password = b.password;
    this.ttl = b.ttl;
    this.server =
        HttpServer.create(
            new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 16);
    server.createContext("/token", this::handle);
    server.start();
  }

  /** A builder for a token server signing with {@code issuer}. */
  public static Builder builder(TokenIssuer issuer) {
    return new Builder(Objects.requireNonNull(issuer, "issuer"));
  }

  /** {@code http://127.0.0.1:PORT/token}, the realm to configure in the registry. */
  public URI realm() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/token");
  }

  /** Registry settings that send clients here and trust the issuer's key. */
  public TokenAuthConfig authConfig() {
    return issuer.authConfig(realm());
  }

  /** The issuer signing the tokens. */
  public TokenIssuer issuer() {
    return issuer;
  }

  /** The requests answered with a token so far, oldest first (a snapshot). */
  public List<TokenRequest> requests() {
    return List.copyOf(requests);
  }

  /** Stops the server at once. */
  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      Map<String, List<String>> params;
      String subject;
      if ("GET".equals(method)) {
        params = parseForm(exchange.getRequestURI().getRawQuery());
        subject = basicUser(exchange.getRequestHeaders().getFirst("Authorization"));
      } else if ("POST".equals(method)) {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
          body = new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8);
        }
        params = parseForm(body);
        if (!"password".equals(first(params, "grant_type"))) {
          respond(exchange, 400, "{\"error\":\"unsupported_grant_type\"}");
          return;
        }
        subject = check(first(params, "username"), first(params, "password"));
      } else {
        respond(exchange, 405, "{\"error\":\"method not allowed\"}");
        return;
      }
      if (subject == null) {
        exchange
            .getResponseHeaders()
            .add("WWW-Authenticate", "Basic realm=\"ocitrust-test-token\"");
        respond(exchange, 401, "{\"error\":\"unauthorized\"}");
        return;
      }
      String service = first(params, "service");
      if (!service.isEmpty() && !service.equals(issuer.service())) {
        respond(exchange, 400, "{\"error\":\"unknown service\"}");
        return;
      }
      List<String> scopes = new ArrayList<>();
      for (String scope : params.getOrDefault("scope", List.of())) {
        for (String one : scope.trim().split(" +", -1)) {
          if (!one.isEmpty()) {
            scopes.add(one);
          }
        }
      }
      String json;
      try {
        json = issuer.tokenResponse(subject, scopes, ttl);
      } catch (IllegalArgumentException e) {
        respond(
            exchange,
            400,
            "{\"error\":"
                + Json.string(Objects.requireNonNullElse(e.getMessage(), e.toString()))
                + "}");
        return;
      }
      requests.add(new TokenRequest(method, subject, service, scopes));
      respond(exchange, 200, json);
    }
  }

  /** The user for the Authorization header, "" for anonymous, null when refused. */
  private @Nullable String basicUser(@Nullable String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return username == null ? "" : null;
    }
    String pair;
    try {
      pair =
          new String(
              Base64.getDecoder().decode(authorization.substring(6).trim()),
              StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    int colon = pair.indexOf(':');
    if (colon < 0) {
      return null;
    }
    return check(pair.substring(0, colon), pair.substring(colon + 1));
  }

  private @Nullable String check(String user, String pass) {
    if (username == null) {
      return user;
    }
    return username.equals(user) && Objects.equals(password, pass) ? user : null;
  }

  private static String first(Map<String, List<String>> params, String name) {
    List<String> values = params.get(name);
    return values == null || values.isEmpty() ? "" : values.get(0);
  }

  private static Map<String, List<String>> parseForm(@Nullable String raw) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return params;
    }
    for (String pair : raw.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      params
          .computeIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8), k -> new ArrayList<>())
          .add(URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return params;
  }

  private static void respond(HttpExchange exchange, int status, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** Configures a {@link TokenServer}. Not thread-safe. */
  public static final class Builder {
    private final TokenIssuer issuer;
    private @Nullable String username;
    private @Nullable String password;
    private Duration ttl = Duration.ofMinutes(5);

    private Builder(TokenIssuer issuer) {
      this.issuer = issuer;
    }

    /** Only this user (basic auth on GET, password grant on POST) gets tokens. */
    public Builder credentials(String username, String password) {
      this.username = Objects.requireNonNull(username, "username");
      this.password = Objects.requireNonNull(password, "password");
      return this;
    }

    /** Lifetime of the tokens (default 5 minutes). */
    public Builder ttl(Duration ttl) {
      if (ttl.isNegative() || ttl.isZero()) {
        throw new IllegalArgumentException("ttl must be positive, found " + ttl);
      }
      this.ttl = ttl;
      return this;
    }

    /** Starts the server on a free loopback port. */
    public TokenServer start() throws IOException {
      return new TokenServer(this);
    }
  }
}
