package dev.ocitrust.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenAuthIT {
  private static final Pattern TOKEN = Pattern.compile("\"token\":\"([^\"]+)\"");

  @TempDir static Path dir;
  static TokenServer tokens;
  static RegistryServer registry;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() throws Exception {
    TokenIssuer issuer =
        TokenIssuer.generate("ocitrust-test-issuer", "ocitrust-test-registry", dir);
    tokens = TokenServer.builder(issuer).credentials("alice", "alice-pw").start();
    registry = RegistryServer.builder().tokenAuth(tokens.authConfig()).start();
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
    if (tokens != null) {
      tokens.close();
    }
  }

  @Test
  void challengesWithTheRealmAndService() throws Exception {
    HttpResponse<String> response = get(registry.uri("/v2/"), null);
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .hasValue("Bearer realm=\"" + tokens.realm() + "\",service=\"ocitrust-test-registry\"");
    assertThat(registry.tokenAuth()).hasValue(tokens.authConfig());
  }

  @Test
  void acceptsTokensFromTheIssuer() throws Exception {
    String scope = "repository:testkit/token:pull,push";
    String token = fetchToken(scope, "alice", "alice-pw");
    assertThat(tokens.issuer().keyId()).matches("([A-Z2-7]{4}:){11}[A-Z2-7]{4}");

    assertThat(get(registry.uri("/v2/"), "Bearer " + token).statusCode()).isEqualTo(200);
    HttpResponse<String> post =
        http.send(
            HttpRequest.newBuilder(registry.uri("/v2/testkit/token/blobs/uploads/"))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).as(post.body()).isEqualTo(202);
    // a token for another repository does not open this one
    String other = fetchToken("repository:testkit/other:pull", "alice", "alice-pw");
    assertThat(get(registry.uri("/v2/testkit/token/tags/list"), "Bearer " + other).statusCode())
        .isEqualTo(401);
    assertThat(tokens.requests()).anySatisfy(r -> assertThat(r.scopes()).containsExactly(scope));
  }

  @Test
  void refusesWrongCredentialsAndForeignTokens(@TempDir Path other) throws Exception {
    HttpResponse<String> refused =
        get(
            URI.create(tokens.realm() + "?service=ocitrust-test-registry"),
            basic("alice", "wrong"));
    assertThat(refused.statusCode()).isEqualTo(401);

    TokenIssuer stranger =
        TokenIssuer.generate("ocitrust-test-issuer", "ocitrust-test-registry", other);
    String forged = stranger.issue("alice", List.of(), Duration.ofMinutes(1));
    assertThat(get(registry.uri("/v2/"), "Bearer " + forged).statusCode()).isEqualTo(401);
  }

  @Test
  void orasAndCraneLogInThroughTheTokenServer(@TempDir Path work) throws Exception {
    Files.writeString(work.resolve("t.txt"), "token artifact\n");
    PeerCli.of("oras")
        .withDirectory(work)
        .withEnv("HOME", work.toString())
        .runOk(
            "push",
            "--plain-http",
            "-u",
            "alice",
            "-p",
            "alice-pw",
            registry.host() + "/testkit/token-peer:v1",
            "t.txt");
    PeerCli crane = PeerCli.of("crane").withEnv("HOME", work.toString());
    crane
        .withInput("alice-pw".getBytes(StandardCharsets.UTF_8))
        .runOk("auth", "login", registry.host(), "-u", "alice", "--password-stdin");
    assertThat(crane.runOk("digest", registry.host() + "/testkit/token-peer:v1").stdout())
        .startsWith("sha256:");
  }

  private String fetchToken(String scope, String user, String password) throws Exception {
    URI uri =
        URI.create(
            tokens.realm()
                + "?service=ocitrust-test-registry&scope="
                + URLEncoder.encode(scope, StandardCharsets.UTF_8));
    HttpResponse<String> response = get(uri, basic(user, password));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    Matcher m = TOKEN.matcher(response.body());
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private HttpResponse<String> get(URI uri, String authorization) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET();
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
