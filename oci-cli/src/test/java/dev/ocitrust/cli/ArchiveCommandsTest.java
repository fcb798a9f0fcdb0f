package dev.ocitrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocitrust.client.ImageManifest;
import dev.ocitrust.client.OciLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenario's step 7 from the command line on OCI layouts: deployment records, archive, and
 * purge by retention.
 */
class ArchiveCommandsTest {
  @TempDir Path dir;
  private Path consumer;
  private Path archive;
  private ImageManifest image;
  private CliFixture f;
  private Path retention;

  @BeforeEach
  void setUp() throws Exception {
    consumer = dir.resolve("net-monitor");
    archive = dir.resolve("archive");
    image = TestImages.push(OciLayout.open(consumer), "net-monitor", "v1");
    f = new CliFixture(dir);
    retention =
        Files.writeString(
            dir.resolve("retention.json"),
            "{\"version\":\"1.0\",\"environment\":\"prod\",\"rules\":["
                + "{\"name\":\"deployed\",\"keepWhileDeployed\":{}},"
                + "{\"name\":\"archived\",\"keepAfterDeployment\":{\"period\":\"P365D\"}}]}");
    ok(
        run(
            "sign",
            "--oci-layout",
            "--key",
            f.wabbitKey.toString(),
            "--cert",
            f.wabbitCert.toString(),
            consumer + ":v1"));
    Path scan = Files.writeString(dir.resolve("scan.sarif"), "{\"version\":\"2.1.0\",\"runs\":[]}");
    ok(
        run(
            concat(
                args(
                    "claim",
                    "add",
                    "--oci-layout",
                    consumer + ":v1",
                    "--type",
                    CliFixture.SARIF,
                    scan.toString()),
                wabbit())));
    ok(
        run(
            concat(
                args("claim", "approve", "--oci-layout", consumer + ":v1", "--environment", "prod"),
                acme())));
  }

  private MainTest.Result run(String... a) {
    return MainTest.run(concat(a, "--config", f.config.toString()));
  }

  private static void ok(MainTest.Result r) {
    assertThat(r.status()).as(r.out() + r.err()).isZero();
  }

  private static String[] args(String... parts) {
    return parts;
  }

  private static String[] concat(String[] a, String... b) {
    List<String> all = new ArrayList<>(List.of(a));
    all.addAll(List.of(b));
    return all.toArray(String[]::new);
  }

  private String[] acme() {
    return args(
        "--key",
        f.acmeKey.toString(),
        "--cert",
        f.acmeCert.toString(),
        "--issuer",
        CliFixture.ACME_ISS);
  }

  private String[] wabbit() {
    return args(
        "--key",
        f.wabbitKey.toString(),
        "--cert",
        f.wabbitCert.toString(),
        "--issuer",
        CliFixture.WABBIT_ISS);
  }

  @Test
  void recordsADeploymentArchivesItAndPurgesByRetention() throws Exception {
    MainTest.Result deployed =
        run(
            concat(
                args(
                    "claim",
                    "deployed",
                    "--oci-layout",
                    consumer + ":v1",
                    "--environment",
                    "prod",
                    "--from",
                    "2026-01-01T00:00:00Z"),
                acme()));
    ok(deployed);
    assertThat(deployed.out()).contains("in prod from 2026-01-01T00:00:00Z (open: deployed)");
    MainTest.Result status =
        run("claim", "deployments", "--oci-layout", consumer + ":v1", "--environment", "prod");
    ok(status);
    assertThat(status.out()).contains(image.descriptor().digest() + " deployed in prod");

    MainTest.Result archived =
        run(
            concat(
                args(
                    "archive",
                    "--from-oci-layout",
                    consumer + ":v1",
                    "--to-oci-layout",
                    archive.toString(),
                    "--environment",
                    "prod"),
                acme()));
    ok(archived);
    assertThat(archived.out())
        .contains("Archived " + image.descriptor().digest())
        .contains("Closed the deployment record in prod")
        .contains("Decision on the source:  allowed")
        .contains("Decision on the archive: allowed");
    MainTest.Result after =
        run(
            "claim",
            "deployments",
            "--oci-layout",
            archive + ":v1",
            "--environment",
            "prod",
            "-o",
            "json");
    ok(after);
    JsonNode h = new ObjectMapper().readTree(after.out());
    assertThat(h.get("deployed").asBoolean()).isFalse();
    assertThat(h.get("records")).hasSize(2);

    // an older artifact in the archive whose last deployment ended years ago
    TestImages.push(OciLayout.open(archive), "net-monitor-old", "v0");
    ok(
        run(
            concat(
                args(
                    "claim",
                    "deployed",
                    "--oci-layout",
                    archive + ":v0",
                    "--environment",
                    "prod",
                    "--from",
                    "2020-01-01T00:00:00Z",
                    "--to",
                    "2021-01-01T00:00:00Z"),
                acme())));
    Path blobs = archive.resolve("blobs/sha256");
    long before;
    try (var s = Files.list(blobs)) {
      before = s.count();
    }
    MainTest.Result dry =
        run(
            "purge",
            "--retention",
            retention.toString(),
            "--oci-layout",
            archive.toString(),
            "--dry-run");
    ok(dry);
    assertThat(dry.out()).contains("1 kept, 1 would be deleted").contains("would delete ");
    try (var s = Files.list(blobs)) {
      assertThat(s.count()).isEqualTo(before);
    }
    MainTest.Result purged =
        run(
            "purge",
            "--retention",
            retention.toString(),
            "--oci-layout",
            archive.toString(),
            "-o",
            "json");
    ok(purged);
    JsonNode report = new ObjectMapper().readTree(purged.out());
    assertThat(report.get("dryRun").asBoolean()).isFalse();
    JsonNode artifacts = report.get("artifacts");
    assertThat(artifacts).hasSize(2);
    for (JsonNode a : artifacts) {
      boolean v1 = a.get("digest").asText().equals(image.descriptor().digest().toString());
      assertThat(a.get("decision").asText()).isEqualTo(v1 ? "keep" : "delete");
      assertThat(a.get("reason").asText())
          .contains(v1 ? "kept by rule archived" : "expired by rule deployed");
    }
    assertThat(OciLayout.open(archive).tags()).containsExactly("v1");
  }

  @Test
  void usageErrorsNameTheOption() {
    MainTest.Result noEnv =
        run(
            concat(
                args(
                    "claim",
                    "deployed",
                    "--oci-layout",
                    consumer + ":v1",
                    "--environment",
                    "pr od"),
                acme()));
    assertThat(noEnv.status()).isEqualTo(2);
    assertThat(noEnv.err()).contains("--environment \"pr od\" is not a name");
    MainTest.Result badTime =
        run(
            concat(
                args(
                    "claim",
                    "deployed",
                    "--oci-layout",
                    consumer + ":v1",
                    "--environment",
                    "prod",
                    "--from",
                    "yesterday"),
                acme()));
    assertThat(badTime.status()).isEqualTo(2);
    assertThat(badTime.err()).contains("--from \"yesterday\" is not an RFC 3339 time");
    MainTest.Result backwards =
        run(
            concat(
                args(
                    "claim",
                    "deployed",
                    "--oci-layout",
                    consumer + ":v1",
                    "--environment",
                    "prod",
                    "--from",
                    "2026-02-01T00:00:00Z",
                    "--to",
                    "2026-01-01T00:00:00Z"),
                acme()));
    assertThat(backwards.status()).isEqualTo(2);
    assertThat(backwards.err()).contains("before it began");
    MainTest.Result noFile =
        run(
            "purge",
            "--retention",
            dir.resolve("nope.json").toString(),
            "--oci-layout",
            consumer.toString());
    assertThat(noFile.status()).isEqualTo(2);
    assertThat(noFile.err()).contains("--retention").contains("does not exist");
    MainTest.Result notArchived =
        run(
            concat(
                args(
                    "archive",
                    "--from-oci-layout",
                    consumer + ":v1",
                    "--to-oci-layout",
                    archive.toString(),
                    "--environment",
                    "prod"),
                acme()));
    assertThat(notArchived.status()).isEqualTo(1);
    assertThat(notArchived.err()).contains("no verified deployment record");
  }
}
