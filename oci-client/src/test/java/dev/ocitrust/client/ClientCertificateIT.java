package dev.ocitrust.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ocitrust.testkit.RegistryExtension;
import dev.ocitrust.testkit.RegistryServer;
import dev.ocitrust.testkit.TlsIdentity;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The SDK's TLS builder path against a docker-registry that requires client certificates: a context
 * with the client certificate pushes and resolves; one without it fails with {@link
 * RegistryConnectionException.Reason#CLIENT_CERTIFICATE_REQUIRED} naming the host.
 */
class ClientCertificateIT {
  @RegisterExtension
  static RegistryExtension registry =
      RegistryExtension.configured(RegistryServer.Builder::requireClientCertificates);

  @Test
  void aClientCertificateInTheTlsContextIsSentAndItsAbsenceIsNamed(RegistryServer server)
      throws Exception {
    TlsIdentity tls = server.tls().orElseThrow();
    try (RegistryClient client =
        RegistryClient.builder()
            .tls(tls.sslContext().getSocketFactory(), tls.trustManager())
            .build()) {
      Repository repo = client.repository(server.host() + "/mtls/app");
      ImageManifest image = LayoutInteropIT.pushRunnableImage(repo);
      repo.tag(image.descriptor(), "v1");
      assertThat(repo.resolve("v1").digest()).isEqualTo(image.descriptor().digest());
    }

    SSLContext noCertificate = SSLContext.getInstance("TLS");
    noCertificate.init(null, new TrustManager[] {tls.trustManager()}, null);
    try (RegistryClient client =
        RegistryClient.builder()
            .tls(noCertificate.getSocketFactory(), tls.trustManager())
            .build()) {
      Repository repo = client.repository(server.host() + "/mtls/app");
      assertThatThrownBy(() -> repo.resolve("v1"))
          .isInstanceOfSatisfying(
              RegistryConnectionException.class,
              e -> {
                assertThat(e.reason())
                    .isEqualTo(RegistryConnectionException.Reason.CLIENT_CERTIFICATE_REQUIRED);
                assertThat(e.host()).isEqualTo(server.host());
              })
          .hasMessageStartingWith(server.host() + " requires a TLS client certificate");
    }
  }
}
