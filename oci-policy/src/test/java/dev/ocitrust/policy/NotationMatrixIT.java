package dev.ocitrust.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.OciLayout;
import dev.ocitrust.client.Target;
import dev.ocitrust.testkit.PeerCli;
import dev.ocitrust.testkit.PeerResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The matrix on an OCI image layout ({@code notation verify --oci-layout DIR@DIGEST --scope
 * local/matrix}); signatures in the OCI 1.0 manifest form, the only one notation 1.3 finds in a
 * layout. Also: notation signs a layout, ocitrust verifies (with user metadata).
 */
class NotationMatrixIT extends NotationMatrix {
  @Override
  Target store() throws Exception {
    return OciLayout.open(tmp.resolve("matrix"));
  }

  @Override
  String scope() {
    return "local/matrix";
  }

  @Override
  boolean legacyManifests() {
    return true;
  }

  @Override
  List<String> notationVerifyArgs(Descriptor artifact) {
    return List.of(
        "verify",
        "--oci-layout",
        tmp.resolve("matrix") + "@" + artifact.digest(),
        "--scope",
        scope());
  }

  @Test
  void notationSignsOcitrustVerifies() throws Exception {
    Path xdg = tmp.resolve("xdg-notation-signs");
    Path layout = tmp.resolve("signed-by-notation");
    Descriptor image = Fixture.image(OciLayout.open(layout), "v1", "signed by notation");
    PeerCli n = notation.withEnv("XDG_CONFIG_HOME", xdg.toString());
    n.runOk("cert", "generate-test", "--default", "matrix.example");
    n.runOk(
        "sign",
        "--oci-layout",
        layout + ":v1",
        "--signature-format",
        "cose",
        "--user-metadata",
        "stage=prod");
    Path notationDir = xdg.resolve("notation");
    Files.writeString(
        notationDir.resolve("trustpolicy.json"),
        Fixture.policyJson(
            "local/signed",
            "{\"level\":\"strict\"}",
            "\"ca:matrix.example\"",
            "\"x509.subject: CN=matrix.example, O=Notary, L=Seattle, ST=WA, C=US\""));
    NotationPaths paths = NotationPaths.of(notationDir);
    NotaryVerifier v =
        NotaryVerifier.builder(
                OciTrustPolicy.load(paths), DirectoryTrustStore.atConfigDirectory(notationDir))
            .build();
    OciLayout reopened = OciLayout.open(layout);
    VerificationResult r = v.verify(reopened, "local/signed", "v1", Map.of("stage", "prod"));
    assertThat(r.isVerified()).isTrue();
    assertThat(r.artifact()).contains(image);
    assertThat(r.verifiedEnvelope().orElseThrow().signingAgent().orElseThrow())
        .startsWith("notation");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> v.verify(reopened, "local/signed", "v1", Map.of("stage", "dev")))
        .isInstanceOf(VerificationFailedException.class);
    PeerResult meta =
        n.run(
            "verify",
            "--oci-layout",
            layout + "@" + image.digest(),
            "--scope",
            "local/signed",
            "--user-metadata",
            "stage=dev");
    assertThat(meta.ok()).as(meta.describe()).isFalse();
    PeerResult ok =
        n.run(
            "verify",
            "--oci-layout",
            layout + "@" + image.digest(),
            "--scope",
            "local/signed",
            "--user-metadata",
            "stage=prod");
    assertThat(ok.ok()).as(ok.describe()).isTrue();
  }
}
