package dev.ocitrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ocitrust.testkit.RegistryExtension;
import dev.ocitrust.testkit.RegistryServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --ca-file} and {@code --insecure} against a docker-registry serving HTTPS with a private
 * certificate authority: the JDK's trust refuses it, the CA file admits it, {@code --insecure}
 * admits it with a warning.
 */
class RegistryTlsIT {
  @RegisterExtension static RegistryExtension registry = RegistryExtension.tls();

  @TempDir Path tmp;

  @Test
  void caFileAndInsecure(RegistryServer server) throws Exception {
    Path file = Files.writeString(tmp.resolve("a.txt"), "tls");
    String ca = server.tls().orElseThrow().caCertificatePem().toString();
    String ref = server.host() + "/tls:v1";

    MainTest.Result untrusted = MainTest.run("push", ref, file.toString());
    assertThat(untrusted.status()).isEqualTo(1);
    assertThat(untrusted.err()).contains("PKIX");

    MainTest.Result pushed = MainTest.run("push", ref, file.toString(), "--ca-file", ca);
    assertThat(pushed.status()).as(pushed.err()).isZero();
    String digest = CliFixture.digestOf(pushed);

    MainTest.Result insecure = MainTest.run("resolve", ref, "--insecure");
    assertThat(insecure.status()).as(insecure.err()).isZero();
    assertThat(insecure.out().trim()).isEqualTo(digest);
    assertThat(insecure.err()).startsWith("Warning: --insecure: TLS certificates and host names");
  }
}
