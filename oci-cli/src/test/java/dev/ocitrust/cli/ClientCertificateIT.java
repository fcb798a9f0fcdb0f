package dev.ocitrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ocitrust.testkit.RegistryExtension;
import dev.ocitrust.testkit.RegistryServer;
import dev.ocitrust.testkit.TlsIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --cert-file}/{@code --key-file} against a docker-registry that requires a client
 * certificate ({@code http.tls.clientcas}): with them a push and a resolve succeed; without them,
 * or with a certificate of a CA the registry does not name (which TLS then does not send), the one
 * line names the host and says what to pass.
 */
class ClientCertificateIT {
  @RegisterExtension
  static RegistryExtension registry =
      RegistryExtension.configured(RegistryServer.Builder::requireClientCertificates);

  @TempDir Path tmp;

  @Test
  void clientCertificateFilesAreSentAndTheirAbsenceIsNamed(RegistryServer server) throws Exception {
    TlsIdentity tls = server.tls().orElseThrow();
    Path file = Files.writeString(tmp.resolve("a.txt"), "mtls");
    String ca = tls.caCertificatePem().toString();
    String ref = server.host() + "/mtls:v1";

    MainTest.Result without = MainTest.run("push", ref, file.toString(), "--ca-file", ca);
    assertThat(without.status()).as(without.err()).isEqualTo(1);
    assertThat(without.err().lines().count()).as(without.err()).isEqualTo(1);
    assertThat(without.err()).matches(refusal(server)).contains("pass --cert-file FILE");

    MainTest.Result pushed =
        MainTest.run(
            "push",
            ref,
            file.toString(),
            "--ca-file",
            ca,
            "--cert-file",
            tls.clientCertificatePem().toString(),
            "--key-file",
            tls.clientKeyPem().toString());
    assertThat(pushed.status()).as(pushed.err()).isZero();
    String digest = CliFixture.digestOf(pushed);

    MainTest.Result resolved =
        MainTest.run(
            "resolve",
            ref,
            "--ca-file",
            ca,
            "--cert-file",
            tls.clientCertificatePem().toString(),
            "--key-file",
            tls.clientKeyPem().toString());
    assertThat(resolved.status()).as(resolved.err()).isZero();
    assertThat(resolved.out().trim()).isEqualTo(digest);

    // a certificate of another CA: TLS does not send it (the registry names the CAs it accepts)
    TlsIdentity stranger = TlsIdentity.generate(tmp.resolve("stranger"));
    MainTest.Result refused =
        MainTest.run(
            "resolve",
            ref,
            "--ca-file",
            ca,
            "--cert-file",
            stranger.clientCertificatePem().toString(),
            "--key-file",
            stranger.clientKeyPem().toString());
    assertThat(refused.status()).as(refused.err()).isEqualTo(1);
    assertThat(refused.err())
        .matches(refusal(server))
        .contains("pass --cert-file FILE and --key-file FILE with a client certificate issued by")
        .contains(" accepts (TLS does not send one it would not accept)");
  }

  /**
   * The line for a registry that refused the connection for want of a client certificate: whether
   * the client's handshake completed before the alert (and so knows it sent none) is a race.
   */
  private static String refusal(RegistryServer server) {
    return "(?s)Error: "
        + java.util.regex.Pattern.quote(server.host())
        + " (requires a TLS client certificate and none was sent"
        + "|did not accept the TLS client certificate \\(or none was sent\\)): .*";
  }
}
