package dev.ocitrust.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class TlsRegistryIT {
  @RegisterExtension static RegistryExtension registry = RegistryExtension.tls();

  @Test
  void servesHttpsWithTheGeneratedCertificate(RegistryServer server) throws Exception {
    assertThat(server.baseUrl()).isEqualTo("https://127.0.0.1:" + server.port());
    HttpClient http = server.httpClientBuilder().build();
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(server.uri("/v2/")).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
    X509Certificate served =
        (X509Certificate) response.sslSession().orElseThrow().getPeerCertificates()[0];
    TlsIdentity tls = server.tls().orElseThrow();
    assertThat(served).isEqualTo(tls.serverCertificate());
    served.verify(tls.caCertificate().getPublicKey());
    assertThat(served.getSubjectAlternativeNames())
        .contains(List.of(2, "localhost"), List.of(7, "127.0.0.1"));
  }

  @Test
  void exposesTrustMaterial(RegistryServer server) throws Exception {
    TlsIdentity tls = server.tls().orElseThrow();
    assertThat(Files.readString(tls.caCertificatePem())).startsWith("-----BEGIN CERTIFICATE-----");
    assertThat(tls.caCertificateDir().resolve("ca.crt"))
        .hasSameTextualContentAs(tls.caCertificatePem());
    assertThat(tls.trustManager().getAcceptedIssuers()).containsExactly(tls.caCertificate());
    assertThat(tls.caCertificate().getBasicConstraints()).isGreaterThanOrEqualTo(0);
  }

  @Test
  void aClientWithoutTheCaIsRejected(RegistryServer server) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    assertThatThrownBy(
            () ->
                http.send(
                    HttpRequest.newBuilder(server.uri("/v2/"))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                    HttpResponse.BodyHandlers.discarding()))
        .isInstanceOf(SSLHandshakeException.class)
        .hasStackTraceContaining("PKIX");
  }

  @Test
  void orasPushesOverTlsWithTheCaFile(RegistryServer server, @TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("a.txt"), "tls artifact\n");
    PeerCli.of("oras")
        .withDirectory(dir)
        .withEnv("HOME", dir.toString())
        .runOk(
            "push",
            "--ca-file",
            server.tls().orElseThrow().caCertificatePem().toString(),
            server.host() + "/testkit/tls:v1",
            "a.txt");
    PeerResult digest =
        PeerCli.of("crane")
            .withEnv("HOME", dir.toString())
            .withEnv("SSL_CERT_FILE", server.tls().orElseThrow().caCertificatePem().toString())
            .runOk("digest", server.host() + "/testkit/tls:v1");
    assertThat(digest.stdout().strip()).startsWith("sha256:");
  }
}
