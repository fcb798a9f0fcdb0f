package dev.ocitrust.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ocitrust.client.Credential;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RegistryOptionsTest {
  @TempDir Path tmp;

  private static RegistryOptions parse(String... args) {
    RegistryOptions o = new RegistryOptions();
    new CommandLine(o).parseArgs(args);
    return o;
  }

  private static InputStream stdin(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void passwordStdinIsReadOnceWithoutItsLineEnd() throws Exception {
    RegistryOptions o = parse("-u", "alice", "--password-stdin");
    InputStream in = stdin("s3cret pass\r\n");
    assertThat(o.flagCredential(in)).contains(Credential.basic("alice", "s3cret pass"));
    // read once: the second call does not read the (now empty) stream again
    assertThat(o.flagCredential(in)).contains(Credential.basic("alice", "s3cret pass"));
    assertThat(o.credentials(in).credentialFor("any.example:5000"))
        .contains(Credential.basic("alice", "s3cret pass"));
  }

  @Test
  void badCombinationsAreUsageErrorsNamingTheOptions() {
    assertThatThrownBy(
            () -> parse("-u", "a", "-p", "x", "--password-stdin").flagCredential(stdin("y")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--password and --password-stdin exclude each other");
    assertThatThrownBy(() -> parse("-p", "x").flagCredential(stdin("")))
        .hasMessage("--password needs --username");
    assertThatThrownBy(() -> parse("-u", "a").flagCredential(stdin("")))
        .hasMessageStartingWith("--username needs --password or --password-stdin");
    assertThatThrownBy(() -> parse("-u", "a", "--password-stdin").flagCredential(stdin("\n")))
        .hasMessage("--password-stdin: standard input holds no password");
  }

  @Test
  void withoutFlagsTheRegistryConfigIsRead() throws Exception {
    Path config =
        Files.writeString(
            tmp.resolve("c.json"), "{\"auths\":{\"r.example:5000\":{\"auth\":\"Ym9iOnB3\"}}}");
    RegistryOptions o = parse("--registry-config", config.toString());
    assertThat(o.credentials(stdin("")).credentialFor("r.example:5000"))
        .contains(Credential.basic("bob", "pw"));
    assertThat(o.credentials(stdin("")).credentialFor("other.example")).isEmpty();
    assertThat(o.configFile()).isEqualTo(config);
  }

  @Test
  void insecureWarnsOnEveryRun() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (TargetSpec.Clients c =
        parse("--insecure")
            .clients(stdin(""), new PrintStream(err, true, StandardCharsets.UTF_8), false)) {
      assertThat(c.forRegistry("r.example", false)).isNotNull();
    }
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("Warning: --insecure: TLS certificates and host names are not verified");
    ByteArrayOutputStream quiet = new ByteArrayOutputStream();
    parse().clients(stdin(""), new PrintStream(quiet, true, StandardCharsets.UTF_8), false).close();
    assertThat(quiet.size()).isZero();
  }

  @Test
  void tlsFileErrorsNameTheOptionAndTheFile() throws Exception {
    Path missing = tmp.resolve("nope.pem");
    assertThatThrownBy(() -> TlsFiles.of(missing, null, null, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--ca-file: " + missing + " does not exist");
    Path notPem = Files.writeString(tmp.resolve("x.pem"), "hello");
    assertThatThrownBy(() -> TlsFiles.of(notPem, null, null, false))
        .hasMessageContaining("--ca-file: " + notPem + " holds no PEM certificate");
    assertThatThrownBy(() -> TlsFiles.of(null, notPem, null, false))
        .hasMessage("--cert-file needs --key-file");
    assertThatThrownBy(() -> TlsFiles.of(null, null, notPem, false))
        .hasMessage("--key-file needs --cert-file");
    assertThatThrownBy(() -> TlsFiles.of(notPem, null, null, true))
        .hasMessageStartingWith("--ca-file and --insecure exclude each other");
    assertThat(TlsFiles.of(null, null, null, false)).isSameAs(TlsFiles.DEFAULT);
  }

  @Test
  void aCaFileBecomesTheOnlyTrustAnchor() throws Exception {
    CliFixture f = new CliFixture(tmp);
    Path ca =
        CliFixture.writeChain(
            java.util.List.of(f.wabbitRoot.certificate(), f.acmeRoot.certificate()),
            tmp.resolve("ca.pem"));
    assertThat(TlsFiles.trustManager(ca).getAcceptedIssuers())
        .containsExactlyInAnyOrder(f.wabbitRoot.certificate(), f.acmeRoot.certificate());
  }

  @Test
  void aChunkSizeOutOfRangeIsAUsageErrorNamingTheOption() {
    assertThatThrownBy(
            () ->
                parse("--chunk-size", "300000000")
                    .clients(stdin(""), new PrintStream(new ByteArrayOutputStream()), false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--chunk-size: expected 0 to 268435456 bytes, got 300000000");
  }
}
