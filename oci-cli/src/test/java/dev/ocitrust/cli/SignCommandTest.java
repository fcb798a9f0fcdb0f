package dev.ocitrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.ImageManifest;
import dev.ocitrust.client.OciLayout;
import dev.ocitrust.policy.NotarySigner;
import dev.ocitrust.testkit.TestCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code ocitrust sign} on OCI layouts: key files, notation key names, and every usage error. */
class SignCommandTest {
  @TempDir Path dir;
  private Path layoutDir;
  private ImageManifest image;
  private CliFixture f;

  @BeforeEach
  void setUp() throws Exception {
    layoutDir = dir.resolve("net-monitor");
    image = TestImages.push(OciLayout.open(layoutDir), "net-monitor", "v1");
    f = new CliFixture(dir);
  }

  private MainTest.Result sign(String... options) {
    String[] args = new String[options.length + 3];
    args[0] = "sign";
    args[1] = "--oci-layout";
    System.arraycopy(options, 0, args, 2, options.length);
    args[args.length - 1] = layoutDir + ":v1";
    return MainTest.run(args);
  }

  private MainTest.Result verify() {
    return MainTest.run(
        "verify", "--oci-layout", "--config", f.config.toString(), layoutDir + ":v1");
  }

  private ImageManifest signatureManifest(MainTest.Result signed) throws Exception {
    OciLayout layout = OciLayout.open(layoutDir);
    String digest = CliFixture.digestOf(signed);
    for (Descriptor d : layout.referrers(image.descriptor(), null)) {
      if (d.digest().toString().equals(digest)) {
        return (ImageManifest) layout.fetchManifest(d);
      }
    }
    throw new AssertionError("no referrer " + digest + " of " + image.descriptor());
  }

  /** The error output is one line starting with "Error: " and containing every fragment. */
  private static void oneLineError(MainTest.Result r, int status, String... fragments) {
    assertThat(r.status()).as(r.out() + r.err()).isEqualTo(status);
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(r.err()).startsWith("Error: ").contains(fragments);
  }

  @Test
  void signsALayoutInTheLegacyFormByDefaultAndVerifyAcceptsIt() throws Exception {
    MainTest.Result signed =
        sign("--key", f.wabbitKey.toString(), "--cert", f.wabbitCert.toString());
    assertThat(signed.status()).as(signed.err()).isZero();
    assertThat(signed.out())
        .startsWith("Signed " + layoutDir + ":v1 (" + image.descriptor().digest() + ")");
    ImageManifest m = signatureManifest(signed);
    assertThat(m.config().mediaType()).isEqualTo(NotarySigner.ARTIFACT_TYPE);
    assertThat(m.artifactType()).isEmpty();
    assertThat(m.subject())
        .hasValueSatisfying(s -> assertThat(s.digest()).isEqualTo(image.descriptor().digest()));

    MainTest.Result ok = verify();
    assertThat(ok.status()).as(ok.out() + ok.err()).isZero();
    assertThat(ok.out()).startsWith("VERIFIED local/net-monitor@v1");
    // notation's spelling of the scope, and a bare name, select the same statement scope
    for (String scope : new String[] {"local/net-monitor", "net-monitor"}) {
      MainTest.Result scoped =
          MainTest.run(
              "verify",
              "--oci-layout",
              "--scope",
              scope,
              "--config",
              f.config.toString(),
              layoutDir + ":v1");
      assertThat(scoped.status()).as(scoped.err()).isZero();
      assertThat(scoped.out()).startsWith("VERIFIED local/net-monitor@v1");
    }
  }

  @Test
  void imageSpecV11WritesTheArtifactTypeForm() throws Exception {
    MainTest.Result signed =
        sign(
            "--image-spec",
            "v1.1",
            "--key",
            f.wabbitKey.toString(),
            "--cert",
            f.wabbitCert.toString(),
            "-m",
            "build=42");
    assertThat(signed.status()).as(signed.err()).isZero();
    ImageManifest m = signatureManifest(signed);
    assertThat(m.artifactType()).contains(NotarySigner.ARTIFACT_TYPE);
    assertThat(verify().status()).isZero();
    oneLineError(sign("--image-spec", "v2", "--key", "k", "--cert", "c"), 2, "--image-spec \"v2\"");
    oneLineError(
        sign("-m", "novalue", "--key", "k", "--cert", "c"), 2, "--user-metadata 'novalue'");
  }

  @ParameterizedTest
  @CsvSource({"ec,PKCS8", "ec,TRADITIONAL", "rsa,PKCS8", "rsa,TRADITIONAL"})
  void readsPkcs8Pkcs1AndSec1Keys(String type, CliFixture.KeyFormat format) throws Exception {
    TestCertificate.Builder b =
        TestCertificate.builder().subject(CliFixture.WABBIT_DN).signedBy(f.wabbitRoot);
    TestCertificate leaf = (type.equals("rsa") ? b.rsa(2048) : b.ec("secp384r1")).build();
    Path key = CliFixture.writeKey(leaf.privateKey(), dir.resolve("leaf.key"), format);
    Path cert = CliFixture.writeChain(leaf.chain(), dir.resolve("leaf.crt"));
    assertThat(Files.readString(key))
        .contains(
            format == CliFixture.KeyFormat.PKCS8
                ? "BEGIN PRIVATE KEY"
                : type.equals("rsa") ? "BEGIN RSA PRIVATE KEY" : "BEGIN EC PRIVATE KEY");
    MainTest.Result signed = sign("--key", key.toString(), "--cert", cert.toString());
    assertThat(signed.status()).as(signed.err()).isZero();
    assertThat(verify().status()).isZero();
  }

  @Test
  void aKeyThatDoesNotMatchTheCertificateIsAUsageErrorNamingBoth() {
    oneLineError(
        sign("--key", f.acmeKey.toString(), "--cert", f.wabbitCert.toString()),
        2,
        f.acmeKey.toString(),
        f.wabbitCert.toString(),
        "does not match");
  }

  @Test
  void aChainThatIsNotLeafFirstIsNamed() throws Exception {
    Path reversed =
        CliFixture.writeChain(
            List.of(f.wabbitRoot.certificate(), f.wabbit.certificate()), dir.resolve("rev.crt"));
    oneLineError(
        sign("--key", f.wabbitKey.toString(), "--cert", reversed.toString()),
        2,
        "certificate 2 of the file",
        "leaf first");
  }

  @Test
  void missingAndUnreadableFilesAreUsageErrorsNamingTheFile() throws Exception {
    Path missing = dir.resolve("missing.key");
    MainTest.Result noKey = sign("--key", missing.toString(), "--cert", f.wabbitCert.toString());
    oneLineError(noKey, 2, "--key: " + missing + " does not exist");
    assertThat(noKey.err().strip()).isEqualTo("Error: --key: " + missing + " does not exist");
    oneLineError(
        sign("--key", f.wabbitKey.toString(), "--cert", missing.toString()),
        2,
        "--cert: " + missing + " does not exist");
    oneLineError(
        sign("--key", dir.toString(), "--cert", f.wabbitCert.toString()),
        2,
        dir + " is not a regular file");
    oneLineError(
        sign("--key", f.wabbitCert.toString(), "--cert", f.wabbitCert.toString()),
        2,
        "holds no PEM private key");
    oneLineError(
        sign("--key", f.wabbitKey.toString(), "--cert", f.wabbitKey.toString()),
        2,
        "not a CERTIFICATE");
    Path encrypted =
        CliFixture.writeKey(
            f.wabbit.privateKey(), dir.resolve("enc.key"), CliFixture.KeyFormat.ENCRYPTED_PKCS8);
    oneLineError(
        sign("--key", encrypted.toString(), "--cert", f.wabbitCert.toString()),
        2,
        "is an encrypted private key");
    oneLineError(
        sign("--cert", f.wabbitCert.toString()), 2, "--cert " + f.wabbitCert + " needs --key");
    oneLineError(
        sign(
            "--key",
            f.wabbitKey.toString(),
            "--cert",
            f.wabbitCert.toString(),
            "--timestamp-url",
            "http://127.0.0.1:1/tsa"),
        2,
        "--timestamp-url needs --timestamp-root-cert");
    // nothing was signed
    assertThat(OciLayout.open(layoutDir).referrers(image.descriptor(), null)).isEmpty();
  }

  /** A notation configuration folder whose signingkeys.json is {@code json}. */
  private Path notationKeys(String json) throws Exception {
    Path config = Files.createDirectories(dir.resolve("keys-config"));
    Files.writeString(config.resolve("signingkeys.json"), json);
    return config;
  }

  private String keysJson(String defaultPart) {
    return "{"
        + defaultPart
        + "\"keys\":[{\"name\":\"wabbit\",\"keyPath\":\""
        + f.wabbitKey
        + "\",\"certPath\":\""
        + f.wabbitCert
        + "\"},{\"name\":\"acme\",\"keyPath\":\""
        + f.acmeKey
        + "\",\"certPath\":\""
        + f.acmeCert
        + "\"},{\"name\":\"remote\",\"id\":\"arn:key/1\",\"pluginName\":\"aws-kms\"}]}";
  }

  @Test
  void signsWithTheDefaultKeyOrAKeyByNameFromSigningkeysJson() throws Exception {
    Path config = notationKeys(keysJson("\"default\":\"wabbit\","));
    MainTest.Result byDefault = sign("--config", config.toString());
    assertThat(byDefault.status()).as(byDefault.err()).isZero();
    assertThat(verify().status()).isZero();

    // acme's key is not trusted for signatures: the signature exists and verify rejects it
    Path other = dir.resolve("other");
    TestImages.push(OciLayout.open(other), "other", "v1");
    MainTest.Result byName =
        MainTest.run(
            "sign", "--oci-layout", "--config", config.toString(), "--key", "acme", other + ":v1");
    assertThat(byName.status()).as(byName.err()).isZero();
    MainTest.Result rejected =
        MainTest.run("verify", "--oci-layout", "--config", f.config.toString(), other + ":v1");
    assertThat(rejected.status()).isEqualTo(1);
    assertThat(rejected.out()).isEmpty();
    assertThat(rejected.err()).startsWith("REJECTED").contains("authenticity");
  }

  @Test
  void keyNamesThatCannotBeUsedSayWhatToPass() throws Exception {
    Path config = notationKeys(keysJson(""));
    Path keys = config.resolve("signingkeys.json");
    oneLineError(
        sign("--config", config.toString()), 2, keys + " sets no default key", "--key NAME");
    oneLineError(
        sign("--config", config.toString(), "--key", "nobody"),
        2,
        "--key nobody: no signing key of that name in " + keys);
    oneLineError(
        sign("--config", config.toString(), "--key", f.wabbitKey.toString()),
        2,
        "is a file: pass its certificate chain with --cert");
    oneLineError(
        sign("--config", config.toString(), "--key", "remote"),
        1,
        "notation plugin aws-kms (get-plugin-metadata)",
        config.resolve("plugins").resolve("aws-kms").resolve("notation-aws-kms").toString(),
        "not found");
    Path empty = Files.createDirectories(dir.resolve("empty-config"));
    oneLineError(
        sign("--config", empty.toString()),
        2,
        empty.resolve("signingkeys.json") + " does not exist");

    Files.writeString(keys, "{\"default\":\"ghost\",\"keys\":[]}");
    oneLineError(sign("--config", config.toString()), 1, "malformed " + keys, "'ghost' not found");
    Files.writeString(keys, "{\"keys\":[{\"name\":\"a\"},{\"name\":\"a\"}]}");
    oneLineError(
        sign("--config", config.toString(), "--key", "a"), 1, "multiple keys with name 'a'");
    Files.writeString(keys, "{\"keys\": [");
    oneLineError(sign("--config", config.toString(), "--key", "a"), 1, "malformed " + keys);
    Files.writeString(
        keys,
        "{\"default\":\"gone\",\"keys\":[{\"name\":\"gone\",\"keyPath\":\""
            + dir.resolve("gone.key")
            + "\",\"certPath\":\""
            + f.wabbitCert
            + "\"}]}");
    oneLineError(
        sign("--config", config.toString()), 2, dir.resolve("gone.key") + " does not exist");
  }
}
