package dev.ocitrust.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.ocitrust.client.MemoryStore;
import dev.ocitrust.cose.NotaryEnvelopeSigner;
import dev.ocitrust.testkit.NotationTestPlugin;
import dev.ocitrust.testkit.TestCertificate;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signatures that name a verification plugin: the test kit's plugin, a real process, does the
 * trusted-identity and revocation checks through verify-signature; ocitrust does the rest.
 */
class NotaryVerifierPluginTest {
  private static final String SCOPE = "local/app";
  private static final String PLUGIN = "io.ocitrust.verifier";
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final String STRICT = "{\"level\":\"strict\"}";

  @TempDir static Path config;
  private static NotationPaths paths;
  private static Path executable;
  private static TestCertificate root;
  private static TestCertificate signer;
  private static InMemoryTrustStore stores;
  private MemoryStore store;

  @BeforeAll
  static void setUp() throws Exception {
    paths = NotationPaths.of(config);
    executable =
        NotationTestPlugin.install(
            paths.pluginDirectory(),
            PLUGIN,
            Map.of(),
            List.of(
                NotationPlugin.SIGNATURE_VERIFIER_TRUSTED_IDENTITY,
                NotationPlugin.SIGNATURE_VERIFIER_REVOCATION_CHECK));
    root = Fixture.trustedRoot();
    // a signer outside the policy's trusted identities: only the plugin can accept it
    signer = Fixture.leaf("CN=kms signer,O=elsewhere,ST=WA,C=US", root);
    stores =
        InMemoryTrustStore.builder()
            .add(TrustStoreRef.parse("ca:trusted"), root.certificate())
            .build();
  }

  @BeforeEach
  void image() throws Exception {
    store = new MemoryStore();
    Fixture.image(store, "v1", "hello");
    NotationTestPlugin.denyVerification(executable);
  }

  private void sign(String plugin, String minVersion) throws Exception {
    NotaryEnvelopeSigner.Builder b =
        Fixture.signer(signer).clock(Clock.fixed(NOW.minusSeconds(60), ZoneOffset.UTC));
    b.extendedAttribute(PluginVerification.VERIFICATION_PLUGIN, plugin, true);
    if (!minVersion.isEmpty()) {
      b.extendedAttribute(PluginVerification.MIN_VERSION, minVersion, true);
    }
    NotarySigner.builder(b.build()).build().sign(store, "v1");
  }

  private NotaryVerifier verifier(boolean withPlugins, String verification) throws Exception {
    NotaryVerifier.Builder b =
        NotaryVerifier.builder(
                Fixture.policy(
                    SCOPE, verification, "\"ca:trusted\"", "\"" + Fixture.IDENTITY + "\""),
                stores)
            .clock(CLOCK)
            .revocationChecker(
                (chain, t) -> {
                  throw new RevocationException(
                      RevocationException.Status.REVOKED,
                      "ocitrust's own revocation check must not run");
                });
    if (withPlugins) {
      b.plugins(paths);
    }
    return b.build();
  }

  private String rejection(NotaryVerifier v) {
    Throwable t = catchThrowable(() -> v.verify(store, SCOPE, "v1"));
    assertThat(t).isInstanceOf(VerificationFailedException.class);
    return t.getMessage() + " " + ((VerificationFailedException) t).result().signatures();
  }

  @Test
  void thePluginDoesTrustedIdentityAndRevocationAndTheSignatureVerifies() throws Exception {
    sign(PLUGIN, "1.0.0");
    VerificationResult r = verifier(true, STRICT).verify(store, SCOPE, "v1");
    assertThat(r.verdict()).isEqualTo(VerificationResult.Verdict.VERIFIED);
    SignatureReport report = r.acceptedSignature().orElseThrow();
    assertThat(report.checks())
        .filteredOn(c -> c.reason().contains("plugin " + PLUGIN + " (SIGNATURE_VERIFIER."))
        .extracting(CheckOutcome::check)
        .containsExactly(VerificationCheck.AUTHENTICITY, VerificationCheck.REVOCATION);
    String request = NotationTestPlugin.lastVerifyRequest(executable);
    assertThat(request)
        .contains("\"verificationPlugin\":\"" + PLUGIN + "\"")
        .contains("\"verificationPluginMinVersion\":\"1.0.0\"")
        .contains("\"signingScheme\":\"notary.x509\"")
        .contains("\"trustedIdentities\":[\"" + Fixture.IDENTITY + "\"]")
        .contains("SIGNATURE_VERIFIER.TRUSTED_IDENTITY")
        .contains("SIGNATURE_VERIFIER.REVOCATION_CHECK");
  }

  @Test
  void aDeniedCheckRejectsUnderStrictAndIsLoggedUnderAudit() throws Exception {
    sign(PLUGIN, "");
    NotationTestPlugin.denyVerification(
        executable, NotationPlugin.SIGNATURE_VERIFIER_TRUSTED_IDENTITY);
    assertThat(rejection(verifier(true, STRICT))).contains("denied by the test plugin");
    VerificationResult audited = verifier(true, "{\"level\":\"audit\"}").verify(store, SCOPE, "v1");
    assertThat(audited.verdict()).isEqualTo(VerificationResult.Verdict.VERIFIED);
  }

  @Test
  void aSignatureNamingAPluginFailsWithoutOneOrBelowItsMinimumVersion() throws Exception {
    sign(PLUGIN, "2.0.0");
    assertThat(rejection(verifier(true, STRICT)))
        .contains("at version 2.0.0 or later; installed is 1.0.0");
    store = new MemoryStore();
    Fixture.image(store, "v1", "hello");
    sign(PLUGIN, "");
    assertThat(rejection(verifier(false, STRICT))).contains("has no plugin directory");
    store = new MemoryStore();
    Fixture.image(store, "v1", "hello");
    sign("com.example.absent", "");
    assertThat(rejection(verifier(true, STRICT)))
        .contains("com.example.absent")
        .contains("not found or inaccessible");
  }
}
