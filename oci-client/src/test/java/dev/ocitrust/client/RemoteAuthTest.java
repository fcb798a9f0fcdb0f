package dev.ocitrust.client;

import static dev.ocitrust.client.MockRegistry.client;
import static dev.ocitrust.client.MockRegistry.host;
import static dev.ocitrust.client.MockRegistry.image;
import static dev.ocitrust.client.MockRegistry.manifest;
import static dev.ocitrust.client.MockRegistry.repo;
import static dev.ocitrust.client.MockRegistry.status;
import static dev.ocitrust.client.MockRegistry.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Basic and bearer auth, token requests, the token cache, against MockWebServer. */
class RemoteAuthTest {
  private MockWebServer server;
  private final ImageManifest m = image("auth");

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** A registry at /v2 wanting bearer tokens from its own /token, counting token requests. */
  private final class TokenRegistry extends Dispatcher {
    final AtomicInteger tokenRequests = new AtomicInteger();
    final List<RecordedRequest> tokens = java.util.Collections.synchronizedList(new ArrayList<>());
    volatile String tokenBody = "{\"token\":\"tok-1\",\"expires_in\":300}";
    volatile long tokenDelayMs;

    @Override
    public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
      String path = request.getUrl().encodedPath();
      if (path.equals("/token")) {
        tokenRequests.incrementAndGet();
        tokens.add(request);
        Thread.sleep(tokenDelayMs);
        return text(200, tokenBody, "Content-Type", "application/json");
      }
      String auth = request.getHeaders().get("Authorization");
      if (auth == null || !auth.startsWith("Bearer tok-")) {
        return status(401)
            .setHeader(
                "WWW-Authenticate",
                "Bearer scope=\"repository:repo:pull\",service=\"reg \\\"test\\\"\",realm=\""
                    + server.url("/token")
                    + "\"")
            .build();
      }
      return manifest(m);
    }
  }

  @Test
  void bearerChallengesAreAnsweredWithATokenFromTheRealm() throws Exception {
    TokenRegistry registry = new TokenRegistry();
    server.setDispatcher(registry);
    RegistryClient client =
        client()
            .credentials(CredentialsProvider.of(host(server), Credential.basic("alice", "pw")))
            .build();
    assertThat(repo(client, server).fetchManifest("v1").bytes()).isEqualTo(m.bytes());
    RecordedRequest token = registry.tokens.get(0);
    assertThat(token.getMethod()).isEqualTo("GET");
    assertThat(token.getUrl().queryParameter("service")).isEqualTo("reg \"test\"");
    assertThat(token.getUrl().queryParameter("scope")).isEqualTo("repository:repo:pull");
    assertThat(token.getHeaders().get("Authorization"))
        .isEqualTo(okhttp3.Credentials.basic("alice", "pw"));
    // the token is cached and sent up front afterwards
    int before = server.getRequestCount();
    repo(client, server).fetchManifest("v2");
    assertThat(registry.tokenRequests).hasValue(1);
    assertThat(server.getRequestCount()).isEqualTo(before + 1);
  }

  @Test
  void identityTokensUseTheRefreshTokenGrant() throws Exception {
    TokenRegistry registry = new TokenRegistry();
    registry.tokenBody = "{\"access_token\":\"tok-2\",\"expires_in\":300}";
    server.setDispatcher(registry);
    RegistryClient client =
        client()
            .credentials(
                CredentialsProvider.of(host(server), Credential.identityToken("refresh-me")))
            .build();
    repo(client, server).fetchManifest("v1");
    RecordedRequest token = registry.tokens.get(0);
    assertThat(token.getMethod()).isEqualTo("POST");
    String form = token.getBody().utf8();
    assertThat(form)
        .contains("grant_type=refresh_token")
        .contains("refresh_token=refresh-me")
        .contains("scope=repository%3Arepo%3Apull")
        .contains("client_id=ocitrust");
  }

  @Test
  void thePasswordGrantIsUsedWhenAsked() throws Exception {
    TokenRegistry registry = new TokenRegistry();
    server.setDispatcher(registry);
    RegistryClient client =
        client()
            .oauth2PasswordGrant(true)
            .credentials(CredentialsProvider.of(host(server), Credential.basic("alice", "pw")))
            .build();
    repo(client, server).fetchManifest("v1");
    assertThat(registry.tokens.get(0).getBody().utf8())
        .contains("grant_type=password")
        .contains("username=alice")
        .contains("password=pw");
  }

  @Test
  void tokensAreRefreshedBeforeTheyExpire() throws Exception {
    TokenRegistry registry = new TokenRegistry();
    registry.tokenBody = "{\"token\":\"tok-3\",\"expires_in\":60}";
    server.setDispatcher(registry);
    AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    Clock clock =
        new Clock() {
          @Override
          public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return now.get();
          }
        };
    RegistryClient client = client().clock(clock).build();
    repo(client, server).fetchManifest("v1");
    now.set(now.get().plus(Duration.ofSeconds(30)));
    repo(client, server).fetchManifest("v1");
    assertThat(registry.tokenRequests).hasValue(1);
    now.set(now.get().plus(Duration.ofSeconds(25))); // 55 s: inside the refresh margin
    repo(client, server).fetchManifest("v1");
    assertThat(registry.tokenRequests).hasValue(2);
  }

  @Test
  void concurrentRequestsShareOneTokenRequest() throws Exception {
    TokenRegistry registry = new TokenRegistry();
    registry.tokenDelayMs = 300;
    server.setDispatcher(registry);
    RegistryClient client = client().build();
    repo(client, server).fetchManifest("warm-up"); // learns the challenge, caches a token
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      RegistryClient fresh = client().build();
      int before = registry.tokenRequests.get();
      // 8 threads of a client that has no token yet all meet the challenge at once
      List<Future<Manifest>> futures = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        futures.add(pool.submit(() -> repo(fresh, server).fetchManifest("v1")));
      }
      for (Future<Manifest> f : futures) {
        assertThat(f.get().bytes()).isEqualTo(m.bytes());
      }
      assertThat(registry.tokenRequests.get() - before).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aMegabyteTokenResponseIsRefused() {
    TokenRegistry registry = new TokenRegistry();
    registry.tokenBody = "{\"token\":\"" + "x".repeat(1024 * 1024) + "\"}";
    server.setDispatcher(registry);
    RegistryClient client = client().build();
    assertThatThrownBy(() -> repo(client, server).fetchManifest("v1"))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("token response");
  }

  @Test
  void aTokenResponseWithoutATokenIsRefused() {
    TokenRegistry registry = new TokenRegistry();
    registry.tokenBody = "{\"token\":\"bad\\r\\nX-Injected: 1\"}";
    server.setDispatcher(registry);
    assertThatThrownBy(() -> repo(client().build(), server).fetchManifest("v1"))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("no usable token");
  }

  @Test
  void aMalformedChallengeIsATypedError() {
    server.enqueue(
        status(401).setHeader("WWW-Authenticate", "Bearer realm=\"unterminated").build());
    assertThatThrownBy(() -> repo(client().build(), server).fetchManifest("v1"))
        .isInstanceOfSatisfying(
            RegistryException.class,
            e -> assertThat(e.getMessage()).contains("malformed WWW-Authenticate"));
  }

  @Test
  void aChallengeWithoutRealmIsATypedError() {
    server.enqueue(status(401).setHeader("WWW-Authenticate", "Bearer service=\"x\"").build());
    assertThatThrownBy(() -> repo(client().build(), server).fetchManifest("v1"))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("without a realm");
  }

  @Test
  void aPlainHttpRealmIsRefusedForAnHttpsRegistry() throws Exception {
    // the registry is allowed plain HTTP by name; the realm host is not
    server.enqueue(
        status(401)
            .setHeader("WWW-Authenticate", "Bearer realm=\"http://tokens.example.invalid/token\"")
            .build());
    RegistryClient c =
        RegistryClient.builder()
            .insecurePlainHttp(host(server))
            .retryPolicy(RetryPolicy.none())
            .build();
    assertThatThrownBy(() -> repo(c, server).fetchManifest("v1"))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("plain HTTP");
  }

  @Test
  void basicChallengesAreAnsweredOnceThenSentUpFront() throws Exception {
    RegistryClient client =
        client()
            .credentials(CredentialsProvider.of(host(server), Credential.basic("alice", "pw")))
            .build();
    server.enqueue(status(401).setHeader("WWW-Authenticate", "Basic realm=\"registry\"").build());
    server.enqueue(manifest(m));
    server.enqueue(manifest(m));
    repo(client, server).fetchManifest("v1");
    repo(client, server).fetchManifest("v1");
    assertThat(server.takeRequest().getHeaders().get("Authorization")).isNull();
    String basic = okhttp3.Credentials.basic("alice", "pw");
    assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo(basic);
    assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo(basic);
  }

  @Test
  void wrongCredentialsGiveTheUnauthorizedError() {
    RegistryClient client =
        client()
            .credentials(CredentialsProvider.of(host(server), Credential.basic("alice", "wrong")))
            .build();
    for (int i = 0; i < 2; i++) {
      server.enqueue(
          MockRegistry.errorBody(401, "UNAUTHORIZED", "authentication required")
              .newBuilder()
              .setHeader("WWW-Authenticate", "Basic realm=\"registry\"")
              .build());
    }
    assertThatThrownBy(() -> repo(client, server).fetchManifest("v1"))
        .isInstanceOfSatisfying(
            RegistryException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(401);
              assertThat(e.hasCode("UNAUTHORIZED")).isTrue();
              assertThat(e.getMessage()).doesNotContain("wrong");
            });
    assertThat(server.getRequestCount()).isEqualTo(2);
  }
}
