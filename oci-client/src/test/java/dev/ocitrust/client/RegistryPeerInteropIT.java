package dev.ocitrust.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocitrust.testkit.PeerCli;
import dev.ocitrust.testkit.RegistryExtension;
import dev.ocitrust.testkit.RegistryServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * ocitrust and the real tools on one docker-registry 2.8: oras attaches and discovers referrers
 * through the fallback tag schema that ocitrust also maintains; skopeo copies images in and out.
 */
class RegistryPeerInteropIT {
  @RegisterExtension static RegistryExtension registry = RegistryExtension.plain();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SBOM = "application/spdx+json";
  private static final String SIG = "application/vnd.cncf.notary.signature";

  private static RegistryServer server;
  private static RegistryClient client;

  @TempDir Path dir;

  @BeforeAll
  static void start(RegistryServer s) {
    server = s;
    client = RegistryClient.builder().insecurePlainHttp(s.host()).build();
  }

  @AfterAll
  static void stop() {
    client.close();
  }

  private PeerCli oras() {
    return PeerCli.of("oras").withDirectory(dir).withEnv("HOME", dir.toString());
  }

  @Test
  void orasAttachesOcitrustListsAndBothKeepTheFallbackIndex() throws Exception {
    Repository repo = client.repository(server.host() + "/interop/attach");
    ImageManifest image = LayoutInteropIT.pushRunnableImage(repo);
    repo.tag(image.descriptor(), "v1");
    Files.writeString(dir.resolve("sbom.json"), "{\"spdxVersion\":\"SPDX-2.3\"}");
    oras()
        .runOk(
            "attach",
            "--plain-http",
            server.host() + "/interop/attach:v1",
            "--artifact-type",
            SBOM,
            "sbom.json");

    List<Descriptor> sboms = repo.referrers(image.descriptor(), SBOM);
    assertThat(sboms).hasSize(1);
    Manifest sbom = repo.fetchManifest(sboms.get(0));
    assertThat(sbom.subject()).map(Descriptor::digest).contains(image.descriptor().digest());

    // ocitrust adds a signature to the index oras wrote; oras sees both
    ImageManifest sig = TestGraphs.pushReferrer(repo, image.descriptor(), SIG, "signature");
    String out =
        oras()
            .runOk(
                "discover",
                "--plain-http",
                "--format",
                "json",
                server.host() + "/interop/attach@" + image.descriptor().digest())
            .stdout();
    List<String> digests = new ArrayList<>();
    collectDigests(JSON.readTree(out), digests);
    assertThat(digests)
        .contains(sig.descriptor().digest().toString(), sboms.get(0).digest().toString());
    assertThat(repo.referrers(image.descriptor(), null)).hasSize(2);

    // deleting the signature takes it out of the index first, and oras agrees
    repo.delete(sig.descriptor());
    String after =
        oras()
            .runOk(
                "discover",
                "--plain-http",
                "--format",
                "json",
                server.host() + "/interop/attach@" + image.descriptor().digest())
            .stdout();
    List<String> left = new ArrayList<>();
    collectDigests(JSON.readTree(after), left);
    assertThat(left)
        .contains(sboms.get(0).digest().toString())
        .doesNotContain(sig.descriptor().digest().toString());
  }

  @Test
  void skopeoCopiesAnImageInThatOcitrustPullsVerified() throws Exception {
    OciLayout layout = OciLayout.open(dir.resolve("layout"));
    ImageManifest image = LayoutInteropIT.pushRunnableImage(layout);
    layout.tag(image.descriptor(), "v1");
    PeerCli.of("skopeo")
        .withEnv("HOME", dir.toString())
        .runOk(
            "copy",
            "--preserve-digests",
            "--dest-tls-verify=false",
            "oci:" + layout.root() + ":v1",
            "docker://" + server.host() + "/interop/skopeo-in:v1");

    Repository repo = client.repository(server.host() + "/interop/skopeo-in");
    Descriptor resolved = repo.resolve("v1");
    assertThat(resolved.digest()).isEqualTo(image.descriptor().digest());
    ImageManifest pulled = (ImageManifest) repo.fetchManifest(resolved);
    assertThat(pulled.bytes()).isEqualTo(image.bytes());
    for (Descriptor blob : pulled.successors()) {
      assertThat(repo.fetchBytes(blob, 1 << 20)).isEqualTo(layout.fetchBytes(blob, 1 << 20));
    }
  }

  @Test
  void skopeoCopiesOutAnImageOcitrustPushed() throws Exception {
    Repository repo = client.repository(server.host() + "/interop/skopeo-out");
    ImageManifest image = LayoutInteropIT.pushRunnableImage(repo);
    repo.push(image, "v1");
    Path out = dir.resolve("out");
    PeerCli.of("skopeo")
        .withEnv("HOME", dir.toString())
        .runOk(
            "copy",
            "--preserve-digests",
            "--src-tls-verify=false",
            "docker://" + server.host() + "/interop/skopeo-out:v1",
            "oci:" + out + ":v1");
    OciLayout copied = OciLayout.open(out);
    Descriptor d = copied.resolve("v1");
    assertThat(d.digest()).isEqualTo(image.descriptor().digest());
    assertThat(copied.fetchManifest(d).bytes()).isEqualTo(image.bytes());
  }

  private static void collectDigests(JsonNode node, List<String> out) {
    if (node.isObject()) {
      JsonNode digest = node.get("digest");
      if (digest != null && digest.isTextual()) {
        out.add(digest.asText());
      }
      node.properties().forEach(e -> collectDigests(e.getValue(), out));
    } else if (node.isArray()) {
      node.forEach(n -> collectDigests(n, out));
    }
  }
}
