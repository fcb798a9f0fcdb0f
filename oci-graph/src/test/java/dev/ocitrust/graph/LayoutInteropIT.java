package dev.ocitrust.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.ImageManifest;
import dev.ocitrust.client.OciLayout;
import dev.ocitrust.testkit.PeerCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Graphs made by oras and notation in OCI image layouts, copied by ocitrust and read back by oras;
 * and what ocitrust renders, compared with what oras prints.
 */
class LayoutInteropIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  /** oras push + oras attach (SBOM, signature of the SBOM) + notation sign (COSE) into "src". */
  private List<String> orasGraph() throws IOException {
    Files.writeString(dir.resolve("app.txt"), "hello from the app");
    Files.writeString(dir.resolve("sbom.json"), "{\"spdxVersion\":\"SPDX-2.3\"}");
    Files.writeString(dir.resolve("sig.bin"), "not really a signature");
    PeerCli oras = PeerCli.of("oras").withDirectory(dir);
    oras.runOk(
        "push",
        "--oci-layout",
        "src:v1",
        "--artifact-type",
        "application/vnd.example.app",
        "app.txt");
    oras.runOk(
        "attach",
        "--oci-layout",
        "src:v1",
        "--artifact-type",
        "application/spdx+json",
        "--annotation",
        "verdict=pass",
        "sbom.json");
    OciLayout src = OciLayout.open(dir.resolve("src"));
    Descriptor sbom = src.referrers(src.resolve("v1"), "application/spdx+json").get(0);
    oras.runOk(
        "attach",
        "--oci-layout",
        "src@" + sbom.digest(),
        "--artifact-type",
        "application/vnd.example.sig",
        "sig.bin");
    PeerCli.of("notation")
        .withDirectory(dir)
        .withEnv("XDG_CONFIG_HOME", dir.resolve("cfg").toString())
        .withEnv("NOTATION_EXPERIMENTAL", "1")
        .runOk("cert", "generate-test", "--default", "wabbit-networks.io");
    PeerCli.of("notation")
        .withDirectory(dir)
        .withEnv("XDG_CONFIG_HOME", dir.resolve("cfg").toString())
        .withEnv("NOTATION_EXPERIMENTAL", "1")
        .runOk(
            "sign",
            "--oci-layout",
            "src@" + src.resolve("v1").digest(),
            "--signature-format",
            "cose");
    return List.of("src", "v1");
  }

  @Test
  void aGraphMadeByOrasAndNotationIsCopiedNodeByNode() throws IOException {
    orasGraph();
    OciLayout src = OciLayout.open(dir.resolve("src"));
    OciLayout dst = OciLayout.open(dir.resolve("dst"));
    CopyResult r;
    try (GraphCopier copier = GraphCopier.create()) {
      r =
          copier.copy(
              src,
              "v1",
              dst,
              CopyOptions.builder().referrerDepth(DiscoveryOptions.UNLIMITED).tag("v1").build());
    }
    ArtifactGraph graph = r.graph();
    assertThat(graph.ofArtifactType(ArtifactGraph.NOTARY_SIGNATURE)).hasSize(1);
    assertThat(graph.manifests()).hasSize(4);
    Fixtures.assertCopiedNodeByNode(graph, src, dst);
    // oras sees the same referrer tree in the copy as in the original
    PeerCli oras = PeerCli.of("oras").withDirectory(dir);
    JsonNode before =
        Fixtures.normalizeDiscovered(
            JSON.readTree(
                oras.runOk("discover", "--oci-layout", "src:v1", "--format", "json").stdout()));
    JsonNode after =
        Fixtures.normalizeDiscovered(
            JSON.readTree(
                oras.runOk("discover", "--oci-layout", "dst:v1", "--format", "json").stdout()));
    assertThat(after).isEqualTo(before);
    assertThat(before.get("referrers")).hasSize(2);
    // ... and so does ocitrust: its JSON has the shape and content of oras's
    JsonNode ours =
        Fixtures.normalizeDiscovered(
            JSON.readTree(
                GraphRenderer.json(RenderOptions.builder().name("src").build())
                    .render(new Discovery(src).discover("v1"))));
    assertThat(ours.get("referrers")).isEqualTo(before.get("referrers"));
  }

  @Test
  void theTextTreeMatchesOrasDiscover() throws IOException {
    orasGraph();
    OciLayout src = OciLayout.open(dir.resolve("src"));
    String theirs =
        PeerCli.of("oras")
            .withDirectory(dir)
            .runOk("discover", "--oci-layout", "src:v1", "--format", "tree")
            .stdout();
    String ours =
        GraphRenderer.tree(RenderOptions.builder().name("src").allAnnotations().build())
            .render(
                Discovery.builder(src)
                    .options(DiscoveryOptions.builder().successors(false).build())
                    .build()
                    .discover("v1"));
    // oras prints siblings (referrers, annotations) in Go's random map order; ours are sorted.
    // Same lines, same nesting:
    assertThat(canonical(ours)).isEqualTo(canonical(theirs));
    assertThat(ours).contains("        ├── io.cncf.notary.x509chain.thumbprint#S256: '[\"");
  }

  /** The tree with connectors stripped and siblings sorted, recursively. */
  private static String canonical(String tree) {
    String[] lines = tree.strip().split("\n");
    List<Object[]> nodes = new ArrayList<>(); // {depth, label, children}
    java.util.Deque<Object[]> stack = new java.util.ArrayDeque<>();
    Object[] root = {0, lines[0], new ArrayList<Object[]>()};
    stack.push(root);
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i];
      int depth = 0;
      while (line.startsWith("│   ")
          || line.startsWith("    ")
          || line.startsWith("├── ")
          || line.startsWith("└── ")) {
        line = line.substring(4);
        depth++;
      }
      Object[] node = {depth, line, new ArrayList<Object[]>()};
      while ((int) stack.peek()[0] >= depth) {
        stack.pop();
      }
      @SuppressWarnings("unchecked")
      List<Object[]> children = (List<Object[]>) stack.peek()[2];
      children.add(node);
      stack.push(node);
      nodes.add(node);
    }
    return render(root);
  }

  @SuppressWarnings("unchecked")
  private static String render(Object[] node) {
    List<String> children = new ArrayList<>();
    for (Object[] child : (List<Object[]>) node[2]) {
      children.add(render(child));
    }
    children.sort(null);
    return node[1] + (children.isEmpty() ? "" : " {" + String.join(", ", children) + "}");
  }

  @Test
  void orasReadsWhatOcitrustAttaches() throws IOException {
    orasGraph();
    OciLayout src = OciLayout.open(dir.resolve("src"));
    ImageManifest claim =
        Attachment.builder(src.resolve("v1"), "application/vnd.example.claim")
            .bytes(
                "{\"approved\":true}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "application/vnd.example.claim",
                "claim.json")
            .build()
            .pushTo(src);
    JsonNode discovered =
        JSON.readTree(
            PeerCli.of("oras")
                .withDirectory(dir)
                .runOk(
                    "discover",
                    "--oci-layout",
                    "src:v1",
                    "--format",
                    "json",
                    "--artifact-type",
                    "application/vnd.example.claim")
                .stdout());
    assertThat(discovered.get("referrers")).hasSize(1);
    assertThat(discovered.get("referrers").get(0).get("digest").asText())
        .isEqualTo(claim.descriptor().digest().toString());
    PeerCli.of("oras")
        .withDirectory(dir)
        .runOk("pull", "--oci-layout", "src@" + claim.descriptor().digest(), "-o", "pulled");
    assertThat(Files.readString(dir.resolve("pulled/claim.json"))).isEqualTo("{\"approved\":true}");
  }
}
