package dev.ocitrust.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ocitrust.cose.CoseAlgorithm;
import dev.ocitrust.cose.CoseSignatureException;
import dev.ocitrust.cose.ExternalSigner;
import dev.ocitrust.cose.NotaryEnvelopeSigner;
import dev.ocitrust.cose.NotaryEnvelopeVerifier;
import dev.ocitrust.cose.TargetArtifact;
import dev.ocitrust.cose.VerifiedNotaryEnvelope;
import dev.ocitrust.testkit.NotationTestPlugin;
import dev.ocitrust.testkit.TestCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link NotationPlugin} against the test kit's plugin, a real process speaking the protocol:
 * signing through it, and every way a plugin can fail the caller.
 */
class NotationPluginTest {
  private static final String NAME = "io.ocitrust.test";
  private static final TestCertificate RSA =
      TestCertificate.leafUnderIntermediate(TestCertificate.rsaKeyPair(3072));
  private static final TestCertificate EC =
      TestCertificate.leafUnderIntermediate(TestCertificate.ecKeyPair("secp384r1"));
  private static final TargetArtifact TARGET =
      new TargetArtifact(
          "application/vnd.oci.image.manifest.v1+json",
          "sha256:" + "ef".repeat(32),
          321,
          Map.of("build", "42"),
          Optional.empty());

  @TempDir static Path config;
  static NotationPaths paths;

  @BeforeAll
  static void install() {
    paths = NotationPaths.of(config);
    NotationTestPlugin.install(paths.pluginDirectory(), NAME, Map.of("rsa", RSA, "ec", EC));
  }

  private static NotationPlugin plugin() {
    return NotationPlugin.builder(paths, NAME).build();
  }

  @Test
  void metadataIsReadAndChecked() throws Exception {
    PluginMetadata m = plugin().metadata(Map.of());
    assertThat(m.name()).isEqualTo(NAME);
    assertThat(m.supportedContractVersions()).containsExactly("1.0");
    assertThat(m.hasCapability(NotationPlugin.SIGNATURE_GENERATOR_RAW)).isTrue();
    assertThat(plugin().executable())
        .isEqualTo(config.resolve("plugins").resolve(NAME).resolve("notation-" + NAME));
  }

  @Test
  void rsaAndEcKeysSignEnvelopesThatVerify() throws Exception {
    for (Map.Entry<String, TestCertificate> k : Map.of("rsa", RSA, "ec", EC).entrySet()) {
      ExternalSigner key = plugin().signer(k.getKey(), Map.of());
      assertThat(key.algorithm())
          .isEqualTo(k.getKey().equals("rsa") ? CoseAlgorithm.PS384 : CoseAlgorithm.ES384);
      byte[] envelope = NotaryEnvelopeSigner.builder(key).build().sign(TARGET);
      VerifiedNotaryEnvelope v = NotaryEnvelopeVerifier.builder().build().verify(envelope);
      assertThat(v.certificateChain()).isEqualTo(k.getValue().chain());
      assertThat(v.targetArtifact()).isEqualTo(TARGET);
    }
  }

  @Test
  void anErrorResponseBecomesATypedException() throws Exception {
    assertThatThrownBy(() -> plugin().signer("rsa", Map.of("fail", "ACCESS_DENIED")))
        .isInstanceOfSatisfying(
            PluginException.class,
            e -> {
              assertThat(e.errorCode()).contains("ACCESS_DENIED");
              assertThat(e.plugin()).isEqualTo(NAME);
              assertThat(e.command()).isEqualTo("get-plugin-metadata");
              assertThat(e.retryable()).isFalse();
              assertThat(e.getMessage()).contains("ACCESS_DENIED").contains("told to fail");
            });
    assertThatThrownBy(() -> plugin().metadata(Map.of("fail", "THROTTLED")))
        .isInstanceOfSatisfying(PluginException.class, e -> assertThat(e.retryable()).isTrue());
    ExternalSigner unknown = plugin().signer("no-such-key", Map.of());
    assertThatThrownBy(unknown::algorithm)
        .isInstanceOfSatisfying(
            PluginException.class,
            e -> {
              assertThat(e.errorCode()).contains("VALIDATION_ERROR");
              assertThat(e.command()).isEqualTo("describe-key");
            });
  }

  @Test
  void anotherExitCodeIsAGeneralFailureQuotingStderr() {
    assertThatThrownBy(() -> plugin().metadata(Map.of("exit", "3")))
        .isInstanceOfSatisfying(
            PluginException.class,
            e -> {
              assertThat(e.errorCode()).isEmpty();
              assertThat(e.getMessage()).contains("exited with code 3").contains("told to exit");
            });
  }

  @Test
  void aPluginPastItsDeadlineIsStopped() {
    NotationPlugin slow =
        NotationPlugin.builder(paths, NAME).callTimeout(Duration.ofSeconds(3)).build();
    long start = System.nanoTime();
    assertThatThrownBy(() -> slow.metadata(Map.of("sleep", "60")))
        .isInstanceOf(PluginException.class)
        .hasMessageContaining("no answer within 3000 ms");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
  }

  @Test
  void aPluginPastItsOutputCapIsStopped() {
    NotationPlugin capped = NotationPlugin.builder(paths, NAME).maxOutputBytes(64 * 1024).build();
    assertThatThrownBy(() -> capped.metadata(Map.of("flood", String.valueOf(10 << 20))))
        .isInstanceOf(PluginException.class)
        .hasMessageContaining("more than 65536 bytes");
  }

  @Test
  void wrongAnswersAreRefused() throws Exception {
    assertThatThrownBy(
            () ->
                NotaryEnvelopeSigner.builder(plugin().signer("ec", Map.of("tamper", "signature")))
                    .build()
                    .sign(TARGET))
        .isInstanceOf(CoseSignatureException.class)
        .hasMessageContaining("does not verify");
    ExternalSigner wrongId = plugin().signer("ec", Map.of("tamper", "keyId"));
    assertThatThrownBy(() -> NotaryEnvelopeSigner.builder(wrongId).build().sign(TARGET))
        .isInstanceOf(PluginException.class)
        .hasMessageContaining("keyId \"ec-other\" does not match");
    ExternalSigner wrongAlg = plugin().signer("ec", Map.of("tamper", "algorithm"));
    assertThatThrownBy(() -> NotaryEnvelopeSigner.builder(wrongAlg).build().sign(TARGET))
        .isInstanceOf(PluginException.class)
        .hasMessageContaining("RSASSA-PKCS1-SHA-256");
  }

  @Test
  void metadataNamingAnotherPluginIsRefused() throws Exception {
    Path other = config.resolve("elsewhere");
    Path exe = NotationTestPlugin.install(other, "com.example.other", Map.of());
    assertThatThrownBy(() -> NotationPlugin.builder(exe, NAME).build().metadata(Map.of()))
        .isInstanceOf(PluginException.class)
        .hasMessageContaining("must be named notation-com.example.other");
  }

  @Test
  void aMissingPluginASymbolicLinkAndAPluginWithoutRawCapabilityAreRefused() throws Exception {
    assertThatThrownBy(() -> NotationPlugin.builder(paths, "absent").build().metadata(Map.of()))
        .isInstanceOf(PluginException.class)
        .hasMessageContaining("not found or inaccessible");
    Path linkDir = Files.createDirectories(paths.pluginDirectory().resolve("linked"));
    Files.createSymbolicLink(linkDir.resolve("notation-linked"), plugin().executable());
    assertThatThrownBy(() -> NotationPlugin.builder(paths, "linked").build().metadata(Map.of()))
        .isInstanceOf(PluginException.class)
        .hasMessageContaining("symbolic link");
    NotationTestPlugin.install(
        paths.pluginDirectory(),
        "verify.only",
        Map.of(),
        List.of("SIGNATURE_VERIFIER.TRUSTED_IDENTITY"));
    assertThatThrownBy(
            () -> NotationPlugin.builder(paths, "verify.only").build().signer("k", Map.of()))
        .isInstanceOf(PluginException.class)
        .hasMessageContaining("cannot make raw signatures");
    assertThatThrownBy(() -> NotationPlugin.builder(paths, "../escape"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("malformed");
  }
}
