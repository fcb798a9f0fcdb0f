package dev.ocitrust.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ocitrust.client.OciLayout;
import dev.ocitrust.testkit.TestCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README example, against a notation configuration written here (as notation lays it out). */
class ReadmeExampleTest {
  @TempDir Path tmp;

  @Test
  void readmeSnippetVerifiesAgainstANotationConfiguration() throws Exception {
    TestCertificate leaf = Fixture.trustedLeaf();
    Path notationDir = tmp.resolve("xdg/notation");
    Files.createDirectories(notationDir);
    Files.writeString(
        notationDir.resolve("trustpolicy.json"),
        Fixture.policyJson(
            "local/net-monitor",
            "{\"level\":\"strict\"}",
            "\"ca:wabbit-networks.io\"",
            "\"" + Fixture.IDENTITY + "\""));
    NotationMatrix.writePem(
        notationDir.resolve("truststore/x509/ca/wabbit-networks.io/root.pem"), leaf.root());
    Path dir = tmp.resolve("net-monitor");
    Fixture.image(OciLayout.open(dir), "v1", "net-monitor");
    NotarySigner.builder(Fixture.signer(leaf).build()).build().sign(OciLayout.open(dir), "v1");

    // --- README snippet (NotationPaths.userDefault() in the README) ---
    NotationPaths paths =
        NotationPaths.userDefault(
            Map.of("XDG_CONFIG_HOME", tmp.resolve("xdg").toString()), "Linux");
    OciTrustPolicy policy = OciTrustPolicy.load(paths);
    TrustStore trustStore = DirectoryTrustStore.atConfigDirectory(paths.configDirectory());
    NotaryVerifier verifier = NotaryVerifier.builder(policy, trustStore).build();
    OciLayout layout = OciLayout.open(dir);
    VerificationResult result = verifier.verifyLocal(layout, "net-monitor", "v1");
    // --- end of snippet ---

    assertThat(result.verdict()).isEqualTo(VerificationResult.Verdict.VERIFIED);
    assertThat(result.artifact().orElseThrow().digest()).isEqualTo(layout.resolve("v1").digest());
  }
}
