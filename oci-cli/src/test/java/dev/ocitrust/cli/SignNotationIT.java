package dev.ocitrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocitrust.client.ImageManifest;
import dev.ocitrust.client.OciLayout;
import dev.ocitrust.policy.NotarySigner;
import dev.ocitrust.testkit.PeerCli;
import dev.ocitrust.testkit.PeerResult;
import dev.ocitrust.testkit.RegistryExtension;
import dev.ocitrust.testkit.RegistryServer;
import dev.ocitrust.testkit.TestCertificate;
import dev.ocitrust.testkit.TestTsa;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ocitrust sign} against the real notation: a key that {@code notation cert generate-test}
 * made, used by name or as the default key, signs an OCI layout (OCI 1.0 form) and notation
 * verifies it; a key file signs an artifact in a real docker-registry (OCI 1.1 form, found through
 * the referrers fallback tag) and notation verifies it; a time-stamped signature verifies against
 * notation's {@code tsa} trust store.
 */
class SignNotationIT {
  @RegisterExtension static RegistryExtension registry = RegistryExtension.plain();

  private static final String WABBIT = "wabbit-networks.io";
  private static final String WABBIT_ID =
      "x509.subject: C=US, ST=WA, L=Seattle, O=Notary, CN=wabbit-networks.io";

  @TempDir Path tmp;
  private PeerCli notation;
  private Path config;

  @BeforeEach
  void setUp() {
    Path xdg = tmp.resolve("xdg");
    config = xdg.resolve("notation");
    notation =
        PeerCli.of("notation")
            .withDirectory(tmp)
            .withEnv("XDG_CONFIG_HOME", xdg.toString())
            .withEnv("NOTATION_EXPERIMENTAL", "1");
  }

  private void trustPolicy(String stores, String identity) throws Exception {
    Files.createDirectories(config);
    Files.writeString(
        config.resolve("trustpolicy.json"),
        "{\"version\":\"1.0\",\"trustPolicies\":[{\"name\":\"it\",\"registryScopes\":[\"*\"],"
            + "\"signatureVerification\":{\"level\":\"strict\"},\"trustStores\":["
            + stores
            + "],\"trustedIdentities\":[\""
            + identity
            + "\"]}]}");
  }

  private static void ok(MainTest.Result r) {
    assertThat(r.status()).as(r.out() + r.err()).isZero();
  }

  private PeerResult verifyLayout(Path layout, ImageManifest image) {
    return notation.run(
        "verify",
        "--oci-layout",
        layout.getFileName() + "@" + image.descriptor().digest(),
        "--scope",
        "local/" + layout.getFileName());
  }

  @Test
  void signatureFormatJwsPassesNotationVerifyAndNotationsDefaultPassesOcitrustVerify()
      throws Exception {
    notation.runOk("cert", "generate-test", "--default", WABBIT);
    trustPolicy("\"ca:" + WABBIT + "\"", WABBIT_ID);
    Path layout = tmp.resolve("jws-layout");
    ImageManifest v1 = TestImages.push(OciLayout.open(layout), "v1", "v1");
    ImageManifest v2 = TestImages.push(OciLayout.open(layout), "v2", "v2");

    ok(
        MainTest.run(
            "sign",
            "--oci-layout",
            "--config",
            config.toString(),
            "--signature-format",
            "jws",
            layout + ":v1"));
    PeerResult verified = verifyLayout(layout, v1);
    assertThat(verified.ok()).as(verified.describe()).isTrue();

    notation.runOk("sign", "--oci-layout", layout.getFileName() + ":v2"); // notation's default: JWS
    MainTest.Result r =
        MainTest.run("verify", "--oci-layout", "--config", config.toString(), layout + ":v2");
    ok(r);
    assertThat(r.out()).startsWith("VERIFIED").contains(" (jws) of ");
  }

  @Test
  void keysOfNotationCertGenerateTestSignLayoutsByDefaultAndByName() throws Exception {
    notation.runOk("cert", "generate-test", "--default", WABBIT);
    notation.runOk("cert", "generate-test", "acme-rockets.io");
    Path layout = tmp.resolve("net-monitor");
    ImageManifest v1 = TestImages.push(OciLayout.open(layout), "v1", "v1");
    ImageManifest v2 = TestImages.push(OciLayout.open(layout), "v2", "v2");

    ok(MainTest.run("sign", "--oci-layout", "--config", config.toString(), layout + ":v1"));
    trustPolicy("\"ca:" + WABBIT + "\"", WABBIT_ID);
    PeerResult verified = verifyLayout(layout, v1);
    assertThat(verified.ok()).as(verified.describe()).isTrue();
    assertThat(verified.stdout()).contains("Successfully verified");
    ok(MainTest.run("verify", "--oci-layout", "--config", config.toString(), layout + ":v1"));

    ok(
        MainTest.run(
            "sign",
            "--oci-layout",
            "--config",
            config.toString(),
            "--key",
            "acme-rockets.io",
            layout + ":v2"));
    assertThat(verifyLayout(layout, v2).ok()).isFalse(); // not wabbit's key
    trustPolicy(
        "\"ca:acme-rockets.io\"",
        "x509.subject: C=US, ST=WA, L=Seattle, O=Notary, CN=acme-rockets.io");
    PeerResult byName = verifyLayout(layout, v2);
    assertThat(byName.ok()).as(byName.describe()).isTrue();
    assertThat(verifyLayout(layout, v1).ok()).isFalse();
  }

  @Test
  void aKeyFileSignsARegistryArtifactInTheOci11FormAndNotationVerifiesIt(RegistryServer server)
      throws Exception {
    Path app = Files.writeString(tmp.resolve("app.txt"), "net-monitor v1");
    String ref = server.host() + "/net-monitor:v1";
    PeerCli.of("oras")
        .withDirectory(tmp)
        .runOk(
            "push",
            "--plain-http",
            ref,
            "--artifact-type",
            "application/vnd.wabbit.app",
            "app.txt");
    String digest = PeerCli.of("crane").runOk("digest", ref).stdout().strip();

    CliFixture f = new CliFixture(tmp.resolve("fixture"));
    MainTest.Result signed =
        MainTest.run(
            "sign",
            "--plain-http",
            "--key",
            f.wabbitKey.toString(),
            "--cert",
            f.wabbitCert.toString(),
            ref);
    ok(signed);
    assertThat(signed.out()).startsWith("Signed " + ref + " (" + digest + ")");

    JsonNode tree =
        new ObjectMapper()
            .readTree(
                PeerCli.of("oras")
                    .runOk("discover", "--plain-http", "--format", "json", ref)
                    .stdout());
    assertThat(tree.at("/referrers/0/artifactType").asText()).isEqualTo(NotarySigner.ARTIFACT_TYPE);
    assertThat(tree.at("/referrers/0/digest").asText()).isEqualTo(CliFixture.digestOf(signed));

    CliFixture.writeChain(
        List.of(f.wabbitRoot.certificate()), config.resolve("truststore/x509/ca/wabbit/root.pem"));
    trustPolicy("\"ca:wabbit\"", "x509.subject: C=US, ST=WA, O=wabbit-networks.example");
    PeerResult verified =
        notation.run("verify", "--insecure-registry", server.host() + "/net-monitor@" + digest);
    assertThat(verified.ok()).as(verified.describe()).isTrue();
  }

  @Test
  void aTimeStampedSignatureVerifiesWithNotationsTsaStore() throws Exception {
    try (TestTsa tsa = TestTsa.create(Clock.systemUTC()).start()) {
      Path tsaRoot = tmp.resolve("tsa-root.pem");
      Files.writeString(tsaRoot, TestCertificate.pem(List.of(tsa.rootCertificate())));
      Path layout = tmp.resolve("stamped");
      ImageManifest image = TestImages.push(OciLayout.open(layout), "stamped", "v1");
      CliFixture f = new CliFixture(tmp.resolve("fixture"));
      ok(
          MainTest.run(
              "sign",
              "--oci-layout",
              "--key",
              f.wabbitKey.toString(),
              "--cert",
              f.wabbitCert.toString(),
              "--timestamp-url",
              tsa.uri().toString(),
              "--timestamp-root-cert",
              tsaRoot.toString(),
              layout + ":v1"));
      CliFixture.writeChain(
          List.of(f.wabbitRoot.certificate()),
          config.resolve("truststore/x509/ca/wabbit/root.pem"));
      CliFixture.writeChain(
          List.of(tsa.rootCertificate()), config.resolve("truststore/x509/tsa/loop/root.pem"));
      trustPolicy(
          "\"ca:wabbit\",\"tsa:loop\"", "x509.subject: C=US, ST=WA, O=wabbit-networks.example");
      PeerResult verified = verifyLayout(layout, image);
      assertThat(verified.ok()).as(verified.describe()).isTrue();

      // without a time stamp notation requires one (a tsa store makes verifyTimestamp "always")
      Path plain = tmp.resolve("plain");
      ImageManifest unstamped = TestImages.push(OciLayout.open(plain), "plain", "v1");
      ok(
          MainTest.run(
              "sign",
              "--oci-layout",
              "--key",
              f.wabbitKey.toString(),
              "--cert",
              f.wabbitCert.toString(),
              plain + ":v1"));
      assertThat(verifyLayout(plain, unstamped).ok()).isFalse();
    }
  }
}
