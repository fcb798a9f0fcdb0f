package dev.ocitrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ocitrust.client.OciLayout;
import dev.ocitrust.testkit.NotationTestPlugin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ocitrust sign} with keys held by a notation plugin (the test kit's, a real process): by
 * name from signingkeys.json, with {@code --plugin --id}, with {@code --plugin-config}, and the
 * errors a plugin can give.
 */
class SignPluginCommandTest {
  private static final String PLUGIN = "io.ocitrust.test";

  @TempDir Path dir;
  private Path layoutDir;
  private CliFixture f;
  private Path keys;

  @BeforeEach
  void setUp() throws Exception {
    layoutDir = dir.resolve("net-monitor");
    TestImages.push(OciLayout.open(layoutDir), "net-monitor", "v1");
    f = new CliFixture(dir);
    keys = Files.createDirectories(dir.resolve("keys-config"));
    NotationTestPlugin.install(keys.resolve("plugins"), PLUGIN, Map.of("wabbit-kms", f.wabbit));
    Files.writeString(
        keys.resolve("signingkeys.json"),
        "{\"default\":\"kms\",\"keys\":[{\"name\":\"kms\",\"id\":\"wabbit-kms\",\"pluginName\":\""
            + PLUGIN
            + "\",\"pluginConfig\":{\"region\":\"eu-west-1\"}},"
            + "{\"name\":\"denied\",\"id\":\"wabbit-kms\",\"pluginName\":\""
            + PLUGIN
            + "\",\"pluginConfig\":{\"fail\":\"ACCESS_DENIED\"}}]}");
  }

  private MainTest.Result sign(String... options) {
    String[] args = new String[options.length + 5];
    args[0] = "sign";
    args[1] = "--oci-layout";
    args[2] = "--config";
    args[3] = keys.toString();
    System.arraycopy(options, 0, args, 4, options.length);
    args[args.length - 1] = layoutDir + ":v1";
    return MainTest.run(args);
  }

  private MainTest.Result verify() {
    return MainTest.run(
        "verify", "--oci-layout", "--config", f.config.toString(), layoutDir + ":v1");
  }

  @Test
  void theDefaultKeyOfSigningkeysJsonSignsThroughItsPluginAndVerifies() {
    assertThat(verify().status()).isEqualTo(1); // nothing signed yet
    MainTest.Result signed = sign();
    assertThat(signed.status()).as(signed.err()).isZero();
    assertThat(signed.out()).contains("Digest: sha256:");
    MainTest.Result verified = verify();
    assertThat(verified.status()).as(verified.err()).isZero();
  }

  @Test
  void pluginAndIdSignWithoutSigningkeysJson() throws Exception {
    Files.delete(keys.resolve("signingkeys.json"));
    MainTest.Result signed = sign("--plugin", PLUGIN, "--id", "wabbit-kms");
    assertThat(signed.status()).as(signed.err()).isZero();
    assertThat(verify().status()).isZero();
  }

  @Test
  void pluginConfigOverridesTheKeysConfig() {
    MainTest.Result denied = sign("--key", "denied");
    assertThat(denied.status()).isEqualTo(1);
    assertThat(denied.err())
        .startsWith("Error: ")
        .contains("notation plugin " + PLUGIN)
        .contains("ACCESS_DENIED");
    // the command line's value replaces the key's (an empty fail= makes the test plugin work)
    MainTest.Result overridden = sign("--key", "denied", "--plugin-config", "fail=");
    assertThat(overridden.status()).as(overridden.err()).isZero();
    MainTest.Result elsewhere = sign("--key", "kms", "--plugin-config", "fail=THROTTLED");
    assertThat(elsewhere.status()).isEqualTo(1);
    assertThat(elsewhere.err()).contains("THROTTLED");
  }

  @Test
  void blobSignTakesAPluginKeyAndBlobVerifyAcceptsIt() throws Exception {
    Path blob = Files.writeString(dir.resolve("net-monitor.tar"), "net-monitor v1\n");
    Files.writeString(
        f.config.resolve("trustpolicy.blob.json"),
        "{\"version\":\"1.0\",\"trustPolicies\":[{\"name\":\"wabbit\",\"globalPolicy\":true,"
            + "\"signatureVerification\":{\"level\":\"strict\"},\"trustStores\":[\"ca:wabbit\"],"
            + "\"trustedIdentities\":[\"*\"]}]}");
    MainTest.Result signed =
        MainTest.run(
            "blob",
            "sign",
            "--config",
            keys.toString(),
            "--plugin",
            PLUGIN,
            "--id",
            "wabbit-kms",
            "--signature-directory",
            dir.toString(),
            blob.toString());
    assertThat(signed.status()).as(signed.err()).isZero();
    Path sig = dir.resolve("net-monitor.tar.cose.sig");
    MainTest.Result verified =
        MainTest.run(
            "blob",
            "verify",
            "--config",
            f.config.toString(),
            "--signature",
            sig.toString(),
            blob.toString());
    assertThat(verified.status()).as(verified.out() + verified.err()).isZero();
    Files.writeString(blob, "net-monitor v2\n");
    MainTest.Result changed =
        MainTest.run(
            "blob",
            "verify",
            "--config",
            f.config.toString(),
            "--signature",
            sig.toString(),
            blob.toString());
    assertThat(changed.status()).isEqualTo(1);
  }

  @Test
  void usageErrorsNameTheOptions() {
    MainTest.Result half = sign("--plugin", PLUGIN);
    assertThat(half.status()).isEqualTo(2);
    assertThat(half.err()).contains("--plugin NAME and --id KEY_ID go together");
    MainTest.Result unknownKey = sign("--plugin", PLUGIN, "--id", "nobody");
    assertThat(unknownKey.status()).isEqualTo(1);
    assertThat(unknownKey.err()).contains("VALIDATION_ERROR").contains("nobody");
    MainTest.Result configOnFile =
        MainTest.run(
            "sign",
            "--oci-layout",
            "--key",
            f.wabbitKey.toString(),
            "--cert",
            f.wabbitCert.toString(),
            "--plugin-config",
            "a=b",
            layoutDir + ":v1");
    assertThat(configOnFile.status()).isEqualTo(2);
    assertThat(configOnFile.err()).contains("--plugin-config applies to keys held by a plugin");
  }
}
