package dev.ocitrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocitrust.client.ImageManifest;
import dev.ocitrust.client.OciLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scenario commands on OCI image layouts: attach, discover, copy, purge. */
class LayoutCommandsTest {
  @TempDir Path dir;
  private Path layout;
  private ImageManifest image;

  @BeforeEach
  void image() throws Exception {
    layout = dir.resolve("layout");
    image = TestImages.push(OciLayout.open(layout), "net-monitor", "v1");
  }

  @Test
  void attachDiscoverCopyAndPurge() throws Exception {
    Path sbom = Files.writeString(dir.resolve("sbom.json"), "{\"spdxVersion\":\"SPDX-2.3\"}");
    Path scan = Files.writeString(dir.resolve("scan.json"), "{\"result\":\"pass\"}");
    MainTest.Result attached =
        MainTest.run(
            "attach",
            "--oci-layout",
            layout + ":v1",
            "--artifact-type",
            "application/spdx+json",
            sbom + ":application/spdx+json");
    assertThat(attached.status()).as(attached.err()).isZero();
    assertThat(attached.out()).contains("Digest: sha256:");
    assertThat(
            MainTest.run(
                    "attach",
                    "--oci-layout",
                    layout + ":v1",
                    "--artifact-type",
                    "application/vnd.acme.scan+json",
                    "-a",
                    "team=internal",
                    scan + ":application/json")
                .status())
        .isZero();

    MainTest.Result tree = MainTest.run("discover", "--oci-layout", layout + ":v1");
    assertThat(tree.status()).as(tree.err()).isZero();
    assertThat(tree.out())
        .startsWith(layout + ":v1@" + image.descriptor().digest())
        .contains("├── application/spdx+json")
        .contains("└── application/vnd.acme.scan+json");

    JsonNode json =
        new ObjectMapper()
            .readTree(MainTest.run("discover", "--oci-layout", "-o", "json", layout + ":v1").out());
    assertThat(json.get("digest").asText()).isEqualTo(image.descriptor().digest().toString());
    assertThat(json.get("referrers")).hasSize(2);

    Path copy = dir.resolve("copy");
    MainTest.Result copied =
        MainTest.run(
            "copy",
            "-r",
            "--from-oci-layout",
            "--to-oci-layout",
            "--exclude-type",
            "application/vnd.acme.scan+json",
            layout + ":v1",
            copy + ":v1");
    assertThat(copied.status()).as(copied.err()).isZero();
    OciLayout destination = OciLayout.open(copy);
    assertThat(destination.resolve("v1").digest()).isEqualTo(image.descriptor().digest());
    assertThat(destination.referrers(image.descriptor(), null))
        .extracting(d -> d.artifactType().orElseThrow())
        .containsExactly("application/spdx+json");

    MainTest.Result dryRun = MainTest.run("purge", "--dry-run", "--oci-layout", copy + ":v1");
    assertThat(dryRun.status()).as(dryRun.err()).isZero();
    assertThat(dryRun.out()).contains("Would delete " + image.descriptor().digest());
    assertThat(destination.exists(image.descriptor())).isTrue();
    MainTest.Result purged = MainTest.run("purge", "--oci-layout", copy + ":v1");
    assertThat(purged.status()).as(purged.err()).isZero();
    assertThat(OciLayout.open(copy).exists(image.descriptor())).isFalse();
  }

  @Test
  void errorsAreOneLineWithTheCause() {
    MainTest.Result missing = MainTest.run("discover", "--oci-layout", layout + ":nope");
    assertThat(missing.status()).isEqualTo(1);
    assertThat(missing.err()).startsWith("Error: ").contains("nope");
    MainTest.Result badOutput =
        MainTest.run("discover", "--oci-layout", "-o", "xml", layout + ":v1");
    assertThat(badOutput.status()).isEqualTo(2);
    assertThat(badOutput.err()).contains("unknown output 'xml'");
  }
}
