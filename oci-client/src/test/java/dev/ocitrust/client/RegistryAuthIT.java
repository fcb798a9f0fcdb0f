package dev.ocitrust.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ocitrust.testkit.RegistryExtension;
import dev.ocitrust.testkit.RegistryServer;
import dev.ocitrust.testkit.TlsIdentity;
import dev.ocitrust.testkit.TokenIssuer;
import dev.ocitrust.testkit.TokenServer;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Authentication against real docker-registry 2.8: htpasswd over TLS, and token auth. */
class RegistryAuthIT {

  @Nested
  class HtpasswdOverTls {
    @RegisterExtension
    final RegistryExtension registry = RegistryExtension.configured(b -> b.tls().htpasswd());

    @Test
    void pushesAndPullsWithBasicAuthOverHttp2(RegistryServer server) throws Exception {
      TlsIdentity tls = server.tls().orElseThrow();
      Set<Protocol> protocols = ConcurrentHashMap.newKeySet();
      OkHttpClient http =
          new OkHttpClient.Builder()
              .sslSocketFactory(tls.sslContext().getSocketFactory(), tls.trustManager())
              .addNetworkInterceptor(
                  chain -> {
                    protocols.add(chain.connection().protocol());
                    return chain.proceed(chain.request());
                  })
              .build();
      try (RegistryClient client =
          RegistryClient.builder()
              .okHttpClient(http)
              .credentials(
                  CredentialsProvider.of(
                      server.host(), Credential.basic(server.username(), server.password())))
              .build()) {
        Repository repo = client.repository(server.host() + "/secure/app");
        ImageManifest image = LayoutInteropIT.pushRunnableImage(repo);
        repo.tag(image.descriptor(), "v1");
        assertThat(repo.fetchManifest(repo.resolve("v1")).bytes()).isEqualTo(image.bytes());
        assertThat(repo.fetchBytes(image.config(), 1 << 20)).isNotEmpty();
        assertThat(protocols).containsExactly(Protocol.HTTP_2);
      }
      try (RegistryClient wrong =
          RegistryClient.builder()
              .okHttpClient(http)
              .credentials(
                  CredentialsProvider.of(
                      server.host(), Credential.basic(server.username(), "not-the-password")))
              .build()) {
        assertThatThrownBy(() -> wrong.repository(server.host() + "/secure/app").resolve("v1"))
            .isInstanceOfSatisfying(
                RegistryException.class, e -> assertThat(e.statusCode()).isEqualTo(401));
      }
    }

    @Test
    void refusesTheRegistryWithoutTrustingItsCertificate(RegistryServer server) {
      try (RegistryClient client =
          RegistryClient.builder().retryPolicy(RetryPolicy.none()).build()) {
        assertThatThrownBy(() -> client.repository(server.host() + "/secure/app").tags())
            .isInstanceOf(javax.net.ssl.SSLException.class);
      }
    }
  }

  @Nested
  class TokenAuth {
    private static TokenServer tokens;
    private static RegistryServer server;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
      TokenIssuer issuer =
          TokenIssuer.generate(
              "ocitrust-test-issuer", "ocitrust-test-registry", dir.resolve("tokens"));
      tokens = TokenServer.builder(issuer).credentials("alice", "s3cret").start();
      server = RegistryServer.builder().tokenAuth(tokens.authConfig()).start();
    }

    @AfterAll
    static void stop() throws Exception {
      if (server != null) {
        server.close();
      }
      if (tokens != null) {
        tokens.close();
      }
    }

    private RegistryClient client(String password) {
      return RegistryClient.builder()
          .insecurePlainHttp(server.host())
          .insecurePlainHttpForLoopback(true) // the token server is on loopback too
          .credentials(CredentialsProvider.of(server.host(), Credential.basic("alice", password)))
          .build();
    }

    @Test
    void pushesPullsAndMountsWithBearerTokens() throws Exception {
      try (RegistryClient client = client("s3cret")) {
        Repository a = client.repository(server.host() + "/token/a");
        ImageManifest image = LayoutInteropIT.pushRunnableImage(a);
        a.tag(image.descriptor(), "v1");
        assertThat(a.fetchManifest("v1").bytes()).isEqualTo(image.bytes());
        int before = tokens.requests().size();
        a.resolve("v1");
        a.fetchBytes(image.config(), 1 << 20);
        assertThat(tokens.requests()).as("cached tokens are reused").hasSize(before);

        Repository b = client.repository(server.host() + "/token/b");
        Descriptor layer = image.layers().get(0);
        assertThat(b.mount(layer, a)).isTrue();
        assertThat(b.exists(layer)).isTrue();
        assertThat(tokens.requests())
            .anySatisfy(
                request ->
                    assertThat(String.join(" ", request.scopes()))
                        .contains("repository:token/a:pull")
                        .contains("repository:token/b:pull,push"));
      }
    }

    @Test
    void refusedCredentialsAreATypedError() {
      try (RegistryClient client = client("wrong")) {
        assertThatThrownBy(() -> client.repository(server.host() + "/token/a").resolve("v1"))
            .isInstanceOfSatisfying(
                RegistryException.class, e -> assertThat(e.statusCode()).isEqualTo(401))
            .hasMessageContaining("token request refused");
      }
    }

    @Test
    void anonymousPullIsRefused() {
      try (RegistryClient client =
          RegistryClient.builder().insecurePlainHttpForLoopback(true).build()) {
        assertThatThrownBy(() -> client.repository(server.host() + "/token/a").tags())
            .isInstanceOf(RegistryException.class);
      }
    }
  }
}
