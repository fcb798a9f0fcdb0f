package dev.ocitrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ocitrust.client.ImageManifest;
import dev.ocitrust.client.OciLayout;
import dev.ocitrust.testkit.NotationTestPlugin;
import dev.ocitrust.testkit.PeerCli;
import dev.ocitrust.testkit.PeerResult;
import dev.ocitrust.testkit.RegistryExtension;
import dev.ocitrust.testkit.RegistryServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keys held by a notation plugin, both ways with the real notation: the test kit's plugin is
 * installed in notation's plugin directory and registered with {@code notation key add --plugin};
 * ocitrust signs through it and notation verifies, notation signs through it ({@code notation sign
 * --key}, {@code notation sign --plugin --id}) and ocitrust verifies, on OCI layouts and on a real
 * docker-registry.
 */
class SignPluginNotationIT {
  @RegisterExtension static RegistryExtension registry = RegistryExtension.plain();

  private static final String PLUGIN = "io.ocitrust.test";
  private static final String IDENTITY = "x509.subject: C=US, ST=WA, O=wabbit-networks.example";

  @TempDir Path tmp;
  private PeerCli notation;
  private Path config;

  @BeforeEach
  void setUp() throws Exception {
    Path xdg = tmp.resolve("xdg");
    config = xdg.resolve("notation");
    notation =
        PeerCli.of("notation")
            .withDirectory(tmp)
            .withEnv("XDG_CONFIG_HOME", xdg.toString())
            .withEnv("NOTATION_EXPERIMENTAL", "1");
    CliFixture f = new CliFixture(tmp.resolve("fixture"));
    NotationTestPlugin.install(config.resolve("plugins"), PLUGIN, Map.of("wabbit-kms", f.wabbit));
    CliFixture.writeChain(
        List.of(f.wabbitRoot.certificate()), config.resolve("truststore/x509/ca/wabbit/root.pem"));
    Files.writeString(
        config.resolve("trustpolicy.json"),
        "{\"version\":\"1.0\",\"trustPolicies\":[{\"name\":\"it\",\"registryScopes\":[\"*\"],"
            + "\"signatureVerification\":{\"level\":\"strict\"},\"trustStores\":[\"ca:wabbit\"],"
            + "\"trustedIdentities\":[\""
            + IDENTITY
            + "\"]}]}");
    PeerResult listed = notation.run("plugin", "list");
    assertThat(listed.stdout())
        .as(listed.describe())
        .contains(PLUGIN)
        .contains("SIGNATURE_GENERATOR.RAW");
    notation.runOk("key", "add", "--plugin", PLUGIN, "--id", "wabbit-kms", "--default", "kms");
  }

  private PeerResult notationVerifyLayout(Path layout, ImageManifest image) {
    return notation.run(
        "verify",
        "--oci-layout",
        layout.getFileName() + "@" + image.descriptor().digest(),
        "--scope",
        "local/" + layout.getFileName());
  }

  private MainTest.Result ocitrust(String... args) {
    return MainTest.run(args);
  }

  private static void ok(MainTest.Result r) {
    assertThat(r.status()).as(r.out() + r.err()).isZero();
  }

  @Test
  void ocitrustSignsThroughThePluginKeyNotationAddedAndNotationVerifies() throws Exception {
    Path layout = tmp.resolve("net-monitor");
    ImageManifest v1 = TestImages.push(OciLayout.open(layout), "v1", "v1");
    assertThat(notationVerifyLayout(layout, v1).ok()).isFalse();

    ok(ocitrust("sign", "--oci-layout", "--config", config.toString(), layout + ":v1"));
    PeerResult verified = notationVerifyLayout(layout, v1);
    assertThat(verified.ok()).as(verified.describe()).isTrue();
    assertThat(verified.stdout()).contains("Successfully verified");

    // a plugin that returns a bad signature: nothing is pushed, notation still sees one signature
    ImageManifest v2 = TestImages.push(OciLayout.open(layout), "v2", "v2");
    MainTest.Result tampered =
        ocitrust(
            "sign",
            "--oci-layout",
            "--config",
            config.toString(),
            "--plugin-config",
            "tamper=signature",
            layout + ":v2");
    assertThat(tampered.status()).isEqualTo(1);
    assertThat(tampered.err()).contains("does not verify");
    assertThat(OciLayout.open(layout).referrers(v2.descriptor(), null)).isEmpty();
    assertThat(notationVerifyLayout(layout, v2).ok()).isFalse();
  }

  @Test
  void notationSignsThroughThePluginAndOcitrustVerifies() throws Exception {
    Path layout = tmp.resolve("net-monitor");
    TestImages.push(OciLayout.open(layout), "v1", "v1");
    TestImages.push(OciLayout.open(layout), "v2", "v2");
    MainTest.Result unsigned =
        ocitrust("verify", "--oci-layout", "--config", config.toString(), layout + ":v1");
    assertThat(unsigned.status()).isEqualTo(1);

    notation.runOk(
        "sign", "--oci-layout", "--signature-format", "cose", "--key", "kms", "net-monitor:v1");
    notation.runOk(
        "sign",
        "--oci-layout",
        "--signature-format",
        "cose",
        "--plugin",
        PLUGIN,
        "--id",
        "wabbit-kms",
        "net-monitor:v2");
    for (String tag : List.of("v1", "v2")) {
      MainTest.Result verified =
          ocitrust("verify", "--oci-layout", "--config", config.toString(), layout + ":" + tag);
      assertThat(verified.status()).as(verified.out() + verified.err()).isZero();
    }
  }

  @Test
  void notationSignsThroughAnEnvelopePluginAndOcitrustVerifies() throws Exception {
    CliFixture f = new CliFixture(tmp.resolve("fixture-envelopes"));
    String envelopes = "io.ocitrust.envelopes";
    NotationTestPlugin.install(
        config.resolve("plugins"),
        envelopes,
        Map.of("wabbit-kms", f.wabbit),
        List.of("SIGNATURE_GENERATOR.ENVELOPE"));
    CliFixture.writeChain(
        List.of(f.wabbitRoot.certificate()), config.resolve("truststore/x509/ca/wabbit/root2.pem"));
    Path layout = tmp.resolve("net-monitor");
    ImageManifest v1 = TestImages.push(OciLayout.open(layout), "v1", "v1");
    // notation runs generate-envelope, verifies what the test plugin built, and pushes it
    notation.runOk(
        "sign",
        "--oci-layout",
        "--signature-format",
        "cose",
        "--plugin",
        envelopes,
        "--id",
        "wabbit-kms",
        "net-monitor:v1");
    assertThat(notationVerifyLayout(layout, v1).ok()).isTrue();
    MainTest.Result verified =
        ocitrust("verify", "--oci-layout", "--config", config.toString(), layout + ":v1");
    assertThat(verified.status()).as(verified.out() + verified.err()).isZero();
  }

  @Test
  void bothWaysOnARealRegistry(RegistryServer server) throws Exception {
    Path app = Files.writeString(tmp.resolve("app.txt"), "net-monitor v1");
    String one = server.host() + "/net-monitor:v1";
    String two = server.host() + "/net-monitor:v2";
    PeerCli oras = PeerCli.of("oras").withDirectory(tmp);
    oras.runOk(
        "push", "--plain-http", one, "--artifact-type", "application/vnd.wabbit.app", "app.txt");
    Files.writeString(app, "net-monitor v2");
    oras.runOk(
        "push", "--plain-http", two, "--artifact-type", "application/vnd.wabbit.app", "app.txt");
    String digestOne = PeerCli.of("crane").runOk("digest", one).stdout().strip();

    MainTest.Result before = ocitrust("verify", "--plain-http", "--config", config.toString(), two);
    assertThat(before.status()).isEqualTo(1);
    ok(ocitrust("sign", "--plain-http", "--config", config.toString(), one));
    PeerResult verified =
        notation.run("verify", "--insecure-registry", server.host() + "/net-monitor@" + digestOne);
    assertThat(verified.ok()).as(verified.describe()).isTrue();

    notation.runOk(
        "sign", "--insecure-registry", "--signature-format", "cose", "--key", "kms", two);
    MainTest.Result ours = ocitrust("verify", "--plain-http", "--config", config.toString(), two);
    assertThat(ours.status()).as(ours.out() + ours.err()).isZero();
  }
}
