package dev.ocitrust.client;

import static dev.ocitrust.client.TestGraphs.pushImage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ocitrust.testkit.FaultTally;
import dev.ocitrust.testkit.ForwardProxy;
import dev.ocitrust.testkit.RegistryServer;
import dev.ocitrust.testkit.TlsIdentity;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Registries reached through a real forward proxy (tinyproxy) on loopback: CONNECT tunnels to a TLS
 * registry with basic auth, proxy credentials, a proxy that refuses, a proxy that is down, plain
 * HTTP in absolute form, and NO_PROXY. The proxy faults are counted into the fault table ({@link
 * FaultTally}) from the error caught: typed only when it names the proxy and the registry.
 */
class ProxyIT {
  private static RegistryServer tls;
  private static RegistryServer plain;

  @BeforeAll
  static void start() throws IOException {
    tls = RegistryServer.builder().tls().htpasswd().start();
    plain = RegistryServer.builder().start();
  }

  @AfterAll
  static void stop() {
    tls.close();
    plain.close();
  }

  private static RegistryClient.Builder tlsClient(ProxySettings proxy) {
    TlsIdentity id = tls.tls().orElseThrow();
    return RegistryClient.builder()
        .tls(id.sslContext().getSocketFactory(), id.trustManager())
        .retryPolicy(RetryPolicy.none())
        .credentials(
            CredentialsProvider.of(tls.host(), Credential.basic(tls.username(), tls.password())))
        .proxy(proxy);
  }

  private static ProxySettings through(String url) {
    return ProxySettings.builder().httpsProxy(url).httpProxy(url).bypassLoopback(false).build();
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void tlsRegistriesAreTunnelledAndOnlyTheProxyGetsProxyCredentials() throws IOException {
    try (ForwardProxy proxy = ForwardProxy.builder().basicAuth("alice", "s3cret").start();
        RecordingRelay relay = new RecordingRelay(proxy.port());
        RegistryClient client =
            tlsClient(through("http://alice:s3cret@" + relay.hostPort())).build()) {
      Repository repo = client.repository(tls.host() + "/proxied/app");
      ImageManifest image = pushImage(repo, "proxied");
      repo.tag(image.descriptor(), "v1");
      assertThat(repo.resolve("v1").digest()).isEqualTo(image.descriptor().digest());
      assertThat(repo.fetchBytes(image.layers().get(0), 1024))
          .isEqualTo("layer one of proxied".getBytes(StandardCharsets.UTF_8));

      String toProxy = relay.sent();
      assertThat(toProxy).contains("CONNECT " + tls.host() + " HTTP/1.1");
      assertThat(toProxy).contains("Proxy-Authorization: " + basic("alice", "s3cret"));
      // the registry's credentials travel inside the tunnel, never in the clear to the proxy
      assertThat(toProxy).doesNotContain(tls.basicAuthorization());
      assertThat(toProxy).doesNotContain(tls.password());
      assertThat(proxy.log()).contains("CONNECT");
    }
  }

  @Test
  void wrongOrMissingProxyCredentialsFailNamingTheProxy() throws IOException {
    try (ForwardProxy proxy = ForwardProxy.builder().basicAuth("alice", "s3cret").start()) {
      Map<String, String> faults =
          Map.of(
              "http://alice:wrong@" + proxy.hostPort(),
              "proxy rejects wrong proxy credentials (407)",
              proxy.url(),
              "proxy rejects missing proxy credentials (407)");
      for (Map.Entry<String, String> fault : faults.entrySet()) {
        String url = fault.getKey();
        try (RegistryClient client = tlsClient(through(url)).build()) {
          Throwable thrown =
              FaultTally.thrownBy(() -> client.repository(tls.host() + "/x").resolve("v1"));
          recordProxyFault(fault.getValue(), thrown, proxy.hostPort());
          assertThat(thrown)
              .as(url)
              .isInstanceOfSatisfying(
                  RegistryConnectionException.class,
                  e -> assertThat(e.reason()).isEqualTo(RegistryConnectionException.Reason.PROXY))
              .hasMessageContaining(proxy.hostPort())
              .hasMessageContaining(tls.host());
        }
      }
    }
  }

  @Test
  void aRefusingProxyFailsNamingTheProxy() throws IOException {
    try (ForwardProxy proxy = ForwardProxy.builder().refusing().start();
        RegistryClient client = tlsClient(through(proxy.url())).build()) {
      Throwable thrown =
          FaultTally.thrownBy(() -> client.repository(tls.host() + "/x").resolve("v1"));
      recordProxyFault("proxy refuses the client (403 on CONNECT)", thrown, proxy.hostPort());
      assertThat(thrown)
          .isInstanceOfSatisfying(
              RegistryConnectionException.class,
              e -> assertThat(e.reason()).isEqualTo(RegistryConnectionException.Reason.PROXY))
          .hasMessageContaining("the HTTP proxy " + proxy.hostPort() + " failed")
          .hasMessageContaining("403");
    }
  }

  @Test
  void aProxyThatIsDownFailsNamingTheProxy() throws IOException {
    int dead = deadPort();
    try (RegistryClient client = tlsClient(through("http://127.0.0.1:" + dead)).build()) {
      Throwable thrown =
          FaultTally.thrownBy(() -> client.repository(tls.host() + "/x").resolve("v1"));
      recordProxyFault("proxy down (connection refused)", thrown, "127.0.0.1:" + dead);
      assertThat(thrown)
          .isInstanceOfSatisfying(
              RegistryConnectionException.class,
              e -> assertThat(e.reason()).isEqualTo(RegistryConnectionException.Reason.PROXY))
          .hasMessageContaining("127.0.0.1:" + dead)
          .hasMessageContaining("refuses connections");
    }
  }

  /**
   * Reads only: tinyproxy closes the client connection after each plain-HTTP exchange without
   * saying so, and a streamed upload that reuses such a connection cannot be repeated (a README
   * known limit; HTTPS tunnels are not affected).
   */
  @Test
  void plainHttpRegistriesGoThroughTheProxyInAbsoluteForm() throws IOException {
    ImageManifest image;
    try (RegistryClient direct = RegistryClient.builder().insecurePlainHttp(plain.host()).build()) {
      image = pushImage(direct.repository(plain.host() + "/plain/app"), "plain");
    }
    try (ForwardProxy proxy = ForwardProxy.builder().basicAuth("bob", "pw-1").start();
        RecordingRelay relay = new RecordingRelay(proxy.port());
        RegistryClient client =
            RegistryClient.builder()
                .insecurePlainHttp(plain.host())
                .proxy(through("http://bob:pw-1@" + relay.hostPort()))
                .build()) {
      Repository repo = client.repository(plain.host() + "/plain/app");
      assertThat(repo.fetchManifest(image.descriptor()).bytes()).isEqualTo(image.bytes());
      assertThat(repo.fetchBytes(image.layers().get(1), 1024))
          .isEqualTo("layer two of plain".getBytes(StandardCharsets.UTF_8));
      assertThat(relay.sent()).contains("GET http://" + plain.host() + "/v2/plain/app/manifests/");
      assertThat(relay.sent()).contains("Proxy-Authorization: " + basic("bob", "pw-1"));
    }
  }

  @Test
  void noProxyAndLoopbackGoDirect() throws IOException {
    String dead = "http://127.0.0.1:" + deadPort();
    ProxySettings bypassed =
        ProxySettings.builder()
            .httpProxy(dead)
            .noProxy("example.invalid, 127.0.0.1:" + plain.port())
            .bypassLoopback(false)
            .build();
    // as Go reads the environment: loopback never goes through a proxy
    ProxySettings fromEnv = ProxySettings.fromEnvironment(Map.of("HTTP_PROXY", dead));
    for (ProxySettings settings : new ProxySettings[] {bypassed, fromEnv}) {
      try (RegistryClient client =
          RegistryClient.builder().insecurePlainHttp(plain.host()).proxy(settings).build()) {
        Repository repo = client.repository(plain.host() + "/direct/app");
        ImageManifest image = pushImage(repo, "direct");
        assertThat(repo.resolve(image.descriptor().digest().toString()).digest())
            .isEqualTo(image.descriptor().digest());
      }
    }
  }

  /**
   * Counts a proxy fault: typed when a {@link RegistryConnectionException} of reason {@code PROXY}
   * names the proxy and the registry. Nothing is written, so nothing can be lost.
   */
  private void recordProxyFault(String fault, @Nullable Throwable thrown, String proxyHostPort) {
    FaultTally.record(
        getClass(),
        fault,
        thrown instanceof RegistryConnectionException e
                && e.reason() == RegistryConnectionException.Reason.PROXY
            ? FaultTally.typedError(
                thrown, RegistryConnectionException.class, proxyHostPort, tls.host())
            : FaultTally.Outcome.UNTYPED_ERROR,
        0);
  }

  private static int deadPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }
}
