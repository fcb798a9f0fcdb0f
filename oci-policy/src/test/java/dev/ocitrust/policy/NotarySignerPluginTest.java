package dev.ocitrust.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.ImageManifest;
import dev.ocitrust.client.MemoryStore;
import dev.ocitrust.testkit.NotationTestPlugin;
import dev.ocitrust.testkit.TestCertificate;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link NotarySigner} with a plugin that builds whole envelopes (generate-envelope): the test
 * kit's plugin, a real process, builds a COSE envelope; ocitrust verifies it and what it signs.
 */
class NotarySignerPluginTest {
  private static final String SCOPE = "local/app";
  private static final String PLUGIN = "io.ocitrust.envelopes";

  @TempDir static Path config;
  private static NotationPaths paths;
  private static TestCertificate root;
  private MemoryStore store;
  private Descriptor image;

  @BeforeAll
  static void install() {
    paths = NotationPaths.of(config);
    root = Fixture.trustedRoot();
    TestCertificate leaf = Fixture.leaf(Fixture.TRUSTED_DN, root);
    NotationTestPlugin.install(
        paths.pluginDirectory(),
        PLUGIN,
        Map.of("k", leaf),
        List.of(NotationPlugin.SIGNATURE_GENERATOR_ENVELOPE));
    NotationTestPlugin.install(paths.pluginDirectory(), "raw.only", Map.of("k", leaf));
  }

  @BeforeEach
  void image() throws Exception {
    store = new MemoryStore();
    image = Fixture.image(store, "v1", "hello");
  }

  private NotarySigner signer(String plugin, Map<String, String> config) {
    return NotarySigner.builder(NotationPlugin.builder(paths, plugin).build(), "k", config).build();
  }

  @Test
  void thePluginsEnvelopeIsVerifiedAndPushedWithItsAnnotations() throws Exception {
    Descriptor signature = signer(PLUGIN, Map.of()).sign(store, "v1", Map.of("build", "7"));
    ImageManifest manifest = (ImageManifest) store.fetchManifest(signature);
    assertThat(manifest.annotations())
        .containsEntry("io.ocitrust.test.envelope", "made by the plugin")
        .containsKey("io.cncf.notary.x509chain.thumbprint#S256");
    InMemoryTrustStore stores =
        InMemoryTrustStore.builder()
            .add(TrustStoreRef.parse("ca:trusted"), root.certificate())
            .build();
    VerificationResult r =
        NotaryVerifier.builder(
                Fixture.policy(
                    SCOPE,
                    "{\"level\":\"strict\"}",
                    "\"ca:trusted\"",
                    "\"" + Fixture.IDENTITY + "\""),
                stores)
            .clock(Clock.systemUTC())
            .revocationChecker((chain, t) -> {})
            .build()
            .verify(store, SCOPE, "v1");
    assertThat(r.verdict()).isEqualTo(VerificationResult.Verdict.VERIFIED);
    assertThat(r.signedTarget().orElseThrow().annotations()).containsEntry("build", "7");
    assertThat(r.signedTarget().orElseThrow().digest()).isEqualTo(image.digest().toString());
  }

  @Test
  void anEnvelopeOfAnotherDescriptorOrTypeIsRefusedAndNothingIsPushed() throws Exception {
    assertThatThrownBy(() -> signer(PLUGIN, Map.of("tamper", "payload")).sign(store, "v1"))
        .isInstanceOf(PluginException.class)
        .hasMessageContaining("instead of");
    assertThatThrownBy(() -> signer(PLUGIN, Map.of("tamper", "type")).sign(store, "v1"))
        .isInstanceOf(PluginException.class)
        .hasMessageContaining("is not the requested \"application/cose\"");
    assertThat(store.referrers(image, null)).isEmpty();
  }

  @Test
  void aPluginWithoutTheEnvelopeCapabilityIsRefused() {
    assertThatThrownBy(() -> signer("raw.only", Map.of()).sign(store, "v1"))
        .isInstanceOf(PluginException.class)
        .hasMessageContaining("cannot build envelopes");
  }
}
