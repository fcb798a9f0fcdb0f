package dev.ocitrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ocitrust.testkit.RegistryExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The error lines of first use against real docker-registry processes (plain HTTP, HTTPS with a
 * private certificate authority, htpasswd): one line, naming the host or file, saying what to do.
 */
class MessagesIT {
  @RegisterExtension static RegistryExtension plain = RegistryExtension.plain();
  @RegisterExtension static RegistryExtension tls = RegistryExtension.tls();
  @RegisterExtension static RegistryExtension auth = RegistryExtension.htpasswd();

  @TempDir Path tmp;

  /** Runs ocitrust; checks it failed with exactly one line on standard error, and returns it. */
  private static String error(String... args) {
    MainTest.Result r = MainTest.run(args);
    assertThat(r.status()).as(r.err()).isEqualTo(1);
    assertThat(r.err().lines()).as(r.err()).hasSize(1);
    assertThat(r.err()).startsWith("Error: ").doesNotContain("[Source");
    return r.err().strip();
  }

  @Test
  void anUnknownHostIsNamed() {
    assertThat(error("resolve", "no-such-host.invalid/net-monitor:v1"))
        .isEqualTo(
            "Error: no-such-host.invalid: unknown host (the name does not resolve); check the"
                + " registry name");
  }

  @Test
  void httpsToAPlainHttpRegistrySuggestsPlainHttp() {
    String host = plain.server().host();
    assertThat(error("resolve", host + "/net-monitor:v1"))
        .startsWith("Error: " + host + " did not answer in TLS (HTTPS): it may serve plain HTTP")
        .endsWith("; if it serves plain HTTP, pass --plain-http");
  }

  @Test
  void anUntrustedCertificateNamesTheHost() {
    String host = tls.server().host();
    assertThat(error("resolve", host + "/net-monitor:v1"))
        .startsWith("Error: the TLS certificate of " + host + " is not trusted: ")
        .endsWith(
            "; pass --ca-file FILE with the certificate authority of "
                + host
                + " (or, insecurely, --insecure)");
  }

  @Test
  void missingCredentialsNameTheHostAndTheFile() {
    String host = auth.server().host();
    Path config = tmp.resolve("config.json");
    assertThat(
            error(
                "resolve",
                "--plain-http",
                "--registry-config",
                config.toString(),
                host + "/net-monitor:v1"))
        .startsWith(
            "Error: no credentials for "
                + host
                + " in "
                + config
                + ": run 'ocitrust login "
                + host
                + "' or pass --username and --password-stdin");
  }

  @Test
  void rejectedCredentialsAreToldApartFromMissingOnes() throws Exception {
    String host = auth.server().host();
    String user = auth.server().username();
    assertThat(
            error("resolve", "--plain-http", "-u", user, "-p", "wrong", host + "/net-monitor:v1"))
        .startsWith(
            "Error: "
                + host
                + " rejected the credentials of "
                + user
                + " from --username/--password")
        .endsWith("check them, or run 'ocitrust login " + host + "' again");
    Path config = tmp.resolve("config.json");
    String basic =
        Base64.getEncoder().encodeToString((user + ":wrong").getBytes(StandardCharsets.UTF_8));
    Files.writeString(config, "{\"auths\":{\"" + host + "\":{\"auth\":\"" + basic + "\"}}}");
    assertThat(
            error(
                "resolve",
                "--plain-http",
                "--registry-config",
                config.toString(),
                host + "/net-monitor:v1"))
        .startsWith(
            "Error: " + host + " rejected the credentials of " + user + " from " + config + " (");
  }
}
