package dev.ocitrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.ImageManifest;
import dev.ocitrust.client.OciLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ocitrust replicate} on OCI layouts: copies, tags, verification and its exit status. */
class ReplicateCommandTest {
  private static final String SIG = "application/vnd.cncf.notary.signature";

  @TempDir Path dir;
  private Path source;
  private ImageManifest image;
  private CliFixture f;

  @BeforeEach
  void setUp() throws Exception {
    source = dir.resolve("net-monitor");
    image = TestImages.push(OciLayout.open(source), "net-monitor v1", "v1");
    f = new CliFixture(dir);
    MainTest.Result signed =
        MainTest.run(
            "sign",
            "--oci-layout",
            source + ":v1",
            "--key",
            f.wabbitKey.toString(),
            "--cert",
            f.wabbitCert.toString());
    assertThat(signed.status()).as(signed.err()).isZero();
  }

  private MainTest.Result replicate(String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "replicate",
                "--from-oci-layout",
                "--to-oci-layout",
                "--config",
                f.config.toString()));
    args.addAll(List.of(extra));
    return MainTest.run(args.toArray(String[]::new));
  }

  @Test
  void copiesIntoEveryDestinationAndEachReachesTheSourcesDecision() throws Exception {
    Path a = dir.resolve("eu");
    Path b = dir.resolve("us");
    MainTest.Result r = replicate("--verify", source + ":v1", a.toString(), b + ":stable");
    assertThat(r.status()).as(r.out() + r.err()).isZero();
    assertThat(r.out())
        .contains("to 2 destinations: 2 complete, 0 failed")
        .contains("source: VERIFIED")
        .contains(a + ": ")
        .contains(", tagged v1")
        .contains(", tagged stable");
    assertThat(r.out().split("same decision as the source: VERIFIED", -1)).hasSize(3);
    for (Path p : List.of(a, b)) {
      OciLayout layout = OciLayout.read(p);
      Descriptor root = layout.resolve(p.equals(a) ? "v1" : "stable");
      assertThat(root.digest()).isEqualTo(image.descriptor().digest());
      assertThat(layout.referrers(root, SIG)).hasSize(1);
    }

    MainTest.Result again = replicate(source + ":v1", a.toString(), b + ":stable");
    assertThat(again.status()).as(again.out() + again.err()).isZero();
    assertThat(again.out()).contains("0 blobs read from the source").contains("0 nodes copied");
  }

  @Test
  void aDestinationThatDecidesOtherwiseFailsTheRun() throws Exception {
    Path a = dir.resolve("eu");
    MainTest.Result r =
        replicate("--verify", "--exclude-type", SIG, "-o", "json", source + ":v1", a.toString());
    assertThat(r.status()).as(r.out() + r.err()).isEqualTo(1);
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertThat(json.get("complete").asBoolean()).isTrue();
    assertThat(json.at("/sourceDecision/decision").asText()).isEqualTo("VERIFIED");
    JsonNode dest = json.get("destinations").get(0);
    assertThat(dest.get("status").asText()).isEqualTo("complete");
    assertThat(dest.at("/decision/decision").asText()).isEqualTo("REJECTED");
    assertThat(dest.at("/decision/sameAsSource").asBoolean()).isFalse();
  }

  @Test
  void aSourceThatCannotBeJudgedFailsTheRunEvenWhenTheCopiesAgree() throws Exception {
    // a trust policy with no statement for the layouts' scopes: every judgement is an error
    java.nio.file.Files.writeString(
        f.config.resolve("trustpolicy.json"),
        "{\"version\":\"1.0\",\"trustPolicies\":[{\"name\":\"other\",\"registryScopes\":"
            + "[\"local/other\"],\"signatureVerification\":{\"level\":\"strict\"},"
            + "\"trustStores\":[\"ca:wabbit\"],\"trustedIdentities\":[\"*\"]}]}");
    MainTest.Result r = replicate("--verify", source + ":v1", dir.resolve("eu").toString());
    assertThat(r.out()).contains("source: ERROR").contains("same decision as the source: ERROR");
    assertThat(r.status()).as(r.out() + r.err()).isEqualTo(1);
  }

  @Test
  void usageErrorsComeBeforeAnyWork() {
    Path a = dir.resolve("eu");
    MainTest.Result r = replicate("--environment", "prod", source + ":v1", a.toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("--environment needs --verify");
    MainTest.Result none = replicate(source + ":v1");
    assertThat(none.status()).isEqualTo(2);
    assertThat(a).doesNotExist();
  }
}
