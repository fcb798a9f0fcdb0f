package dev.ocitrust.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RegistryConfigTest {
  @Test
  void quotesYamlScalars() {
    assertThat(RegistryConfig.quote("a \"b\" \\c")).isEqualTo("\"a \\\"b\\\" \\\\c\"");
    assertThat(RegistryConfig.quote("x\ny")).isEqualTo("\"x\\x0ay\"");
  }

  @Test
  void rendersLoopbackAddressDeleteAndHtpasswd() {
    String yaml =
        RegistryConfig.render(
            4321, "s3", Path.of("/tmp/r/storage"), Path.of("/tmp/r/htpasswd"), null, null, false);
    assertThat(yaml)
        .contains("addr: \"127.0.0.1:4321\"")
        .contains("delete:\n    enabled: true")
        .contains("rootdirectory: \"/tmp/r/storage\"")
        .contains("htpasswd:\n    realm: ocitrust-test\n    path: \"/tmp/r/htpasswd\"")
        .doesNotContain("tls:");
  }

  @Test
  void requiresClientCertificatesFromTheTestCa(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    TlsIdentity tls = TlsIdentity.generate(dir);
    String yaml = RegistryConfig.render(4321, "s3", dir, null, null, tls, true);
    assertThat(yaml)
        .contains("clientcas:\n      - " + RegistryConfig.quote(tls.caCertificatePem().toString()));
    assertThat(RegistryConfig.render(4321, "s3", dir, null, null, tls, false))
        .contains("tls:")
        .doesNotContain("clientcas");
    assertThat(java.nio.file.Files.readString(tls.clientCertificatePem()))
        .startsWith("-----BEGIN CERTIFICATE-----");
  }
}
