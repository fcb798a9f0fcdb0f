package dev.ocitrust.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.Digest;
import dev.ocitrust.client.MediaTypes;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Golden outputs, written by hand, for a small graph with made-up digests. */
class GraphRendererTest {
  static final String SIG = "application/vnd.cncf.notary.signature";
  static final String A = "sha256:" + "a".repeat(64);
  static final String B = "sha256:" + "b".repeat(64);
  static final String C = "sha256:" + "c".repeat(64);
  static final String D = "sha256:" + "d".repeat(64);
  static final String E = "sha256:" + "e".repeat(64);
  static final String CONFIG = "sha256:" + "1".repeat(64);
  static final String LAYER = "sha256:" + "2".repeat(64);

  static Digest d(String s) {
    return Digest.parse(s);
  }

  static GraphNode node(
      String digest,
      String mediaType,
      long size,
      String artifactType,
      Map<String, String> annotations,
      int depth) {
    return new GraphNode(
        Descriptor.of(mediaType, d(digest), size)
            .withArtifactType(artifactType)
            .withAnnotations(annotations),
        depth,
        null);
  }

  /**
   * The root (an image: config, layer) with an SBOM (signed) and two signatures; the SBOM has
   * annotations. Nodes are given out of order: rendering must sort them.
   */
  static ArtifactGraph graph() {
    String m = MediaTypes.OCI_MANIFEST;
    List<GraphNode> nodes =
        List.of(
            node(A, m, 500, null, Map.of(), 0),
            node(E, m, 751, SIG, Map.of(), 1),
            node(C, m, 750, SIG, Map.of(), 1),
            node(
                B,
                m,
                700,
                "application/spdx+json",
                Map.of(
                    "verdict", "pass", "org.opencontainers.image.created", "2026-11-28T00:00:00Z"),
                1),
            node(D, m, 760, SIG, Map.of(), 2),
            node(CONFIG, MediaTypes.OCI_CONFIG, 2, null, Map.of(), 0),
            node(LAYER, MediaTypes.OCI_LAYER_TAR, 6, null, Map.of(), 0));
    List<GraphEdge> edges =
        List.of(
            new GraphEdge(d(A), d(CONFIG), EdgeKind.SUCCESSOR),
            new GraphEdge(d(A), d(LAYER), EdgeKind.SUCCESSOR),
            new GraphEdge(d(E), d(A), EdgeKind.SUBJECT),
            new GraphEdge(d(C), d(A), EdgeKind.SUBJECT),
            new GraphEdge(d(B), d(A), EdgeKind.SUBJECT),
            new GraphEdge(d(D), d(B), EdgeKind.SUBJECT));
    return new ArtifactGraph(d(A), nodes, edges, List.of());
  }

  @Test
  void treeLikeOrasDiscover() {
    String tree =
        GraphRenderer.tree(
                RenderOptions.builder().name("localhost:5000/app").allAnnotations().build())
            .render(graph());
    assertThat(tree)
        .isEqualTo(
            """
        localhost:5000/app@%s
        ├── application/spdx+json
        │   └── %s
        │       ├── [annotations]
        │       │   ├── org.opencontainers.image.created: "2026-11-28T00:00:00Z"
        │       │   └── verdict: pass
        │       └── application/vnd.cncf.notary.signature
        │           └── %s
        └── application/vnd.cncf.notary.signature
            ├── %s
            └── %s
        """
                .formatted(A, B, D, C, E));
  }

  @Test
  void treeWithSizesAndSuccessorsAndNoName() {
    String tree =
        GraphRenderer.tree(RenderOptions.builder().sizes(true).successors(true).build())
            .render(graph());
    assertThat(tree)
        .isEqualTo(
            """
        %s (500 bytes)
        ├── [successors]
        │   ├── application/vnd.oci.image.config.v1+json
        │   │   └── %s (2 bytes)
        │   └── application/vnd.oci.image.layer.v1.tar
        │       └── %s (6 bytes)
        ├── application/spdx+json
        │   └── %s (700 bytes)
        │       └── application/vnd.cncf.notary.signature
        │           └── %s (760 bytes)
        └── application/vnd.cncf.notary.signature
            ├── %s (750 bytes)
            └── %s (751 bytes)
        """
                .formatted(A, CONFIG, LAYER, B, D, C, E));
  }

  @Test
  void jsonLikeOrasDiscoverFormatJson() {
    String json = GraphRenderer.json(RenderOptions.builder().name("lay").build()).render(graph());
    assertThat(json)
        .isEqualTo(
            """
        {
          "reference": "lay@%1$s",
          "mediaType": "application/vnd.oci.image.manifest.v1+json",
          "digest": "%1$s",
          "size": 500,
          "referrers": [
            {
              "reference": "lay@%2$s",
              "mediaType": "application/vnd.oci.image.manifest.v1+json",
              "digest": "%2$s",
              "size": 700,
              "annotations": {
                "org.opencontainers.image.created": "2026-11-28T00:00:00Z",
                "verdict": "pass"
              },
              "artifactType": "application/spdx+json",
              "referrers": [
                {
                  "reference": "lay@%3$s",
                  "mediaType": "application/vnd.oci.image.manifest.v1+json",
                  "digest": "%3$s",
                  "size": 760,
                  "artifactType": "application/vnd.cncf.notary.signature",
                  "referrers": []
                }
              ]
            },
            {
              "reference": "lay@%4$s",
              "mediaType": "application/vnd.oci.image.manifest.v1+json",
              "digest": "%4$s",
              "size": 750,
              "artifactType": "application/vnd.cncf.notary.signature",
              "referrers": []
            },
            {
              "reference": "lay@%5$s",
              "mediaType": "application/vnd.oci.image.manifest.v1+json",
              "digest": "%5$s",
              "size": 751,
              "artifactType": "application/vnd.cncf.notary.signature",
              "referrers": []
            }
          ]
        }
        """
                .formatted(A, B, D, C, E));
  }

  @Test
  void jsonShowsOnlyChosenAnnotationsAndEscapes() {
    ArtifactGraph g =
        new ArtifactGraph(
            d(A),
            List.of(
                node(
                    A,
                    MediaTypes.OCI_MANIFEST,
                    1,
                    "x/\"quoted\"<&>",
                    Map.of("a", "1\n2", "b", "t\u0001"),
                    0)),
            List.of(),
            List.of());
    assertThat(GraphRenderer.json(RenderOptions.builder().annotations("a").build()).render(g))
        .isEqualTo(
            """
            {
              "mediaType": "application/vnd.oci.image.manifest.v1+json",
              "digest": "%s",
              "size": 1,
              "annotations": {
                "a": "1\\n2"
              },
              "artifactType": "x/\\"quoted\\"\\u003c\\u0026\\u003e",
              "referrers": []
            }
            """
                .formatted(A));
  }

  @Test
  void dot() {
    String dot =
        GraphRenderer.dot(
                RenderOptions.builder().name("localhost:5000/app").annotations("verdict").build())
            .render(graph());
    assertThat(dot)
        .isEqualTo(
            """
        digraph "localhost:5000/app" {
          rankdir=BT;
          node [shape=box, fontname="monospace"];
          "%1$s" [label="application/vnd.oci.image.manifest.v1+json\\nsha256:aaaaaaaaaaaa\\n500 bytes"];
          "%6$s" [label="application/vnd.oci.image.config.v1+json\\nsha256:111111111111\\n2 bytes"];
          "%7$s" [label="application/vnd.oci.image.layer.v1.tar\\nsha256:222222222222\\n6 bytes"];
          "%2$s" [label="application/spdx+json\\nsha256:bbbbbbbbbbbb\\n700 bytes\\nverdict=pass"];
          "%4$s" [label="application/vnd.cncf.notary.signature\\nsha256:cccccccccccc\\n750 bytes"];
          "%5$s" [label="application/vnd.cncf.notary.signature\\nsha256:eeeeeeeeeeee\\n751 bytes"];
          "%3$s" [label="application/vnd.cncf.notary.signature\\nsha256:dddddddddddd\\n760 bytes"];
          "%1$s" -> "%6$s" [style=dashed];
          "%1$s" -> "%7$s" [style=dashed];
          "%2$s" -> "%1$s" [label="subject"];
          "%4$s" -> "%1$s" [label="subject"];
          "%5$s" -> "%1$s" [label="subject"];
          "%3$s" -> "%2$s" [label="subject"];
        }
        """
                .formatted(A, B, D, C, E, CONFIG, LAYER));
  }

  @Test
  void mermaid() {
    String mermaid =
        GraphRenderer.mermaid(RenderOptions.builder().annotations("verdict").build())
            .render(graph());
    assertThat(mermaid)
        .isEqualTo(
            """
        flowchart BT
          n0["application/vnd.oci.image.manifest.v1+json<br/>sha256:aaaaaaaaaaaa<br/>500 bytes"]
          n1["application/vnd.oci.image.config.v1+json<br/>sha256:111111111111<br/>2 bytes"]
          n2["application/vnd.oci.image.layer.v1.tar<br/>sha256:222222222222<br/>6 bytes"]
          n3["application/spdx+json<br/>sha256:bbbbbbbbbbbb<br/>700 bytes<br/>verdict=pass"]
          n4["application/vnd.cncf.notary.signature<br/>sha256:cccccccccccc<br/>750 bytes"]
          n5["application/vnd.cncf.notary.signature<br/>sha256:eeeeeeeeeeee<br/>751 bytes"]
          n6["application/vnd.cncf.notary.signature<br/>sha256:dddddddddddd<br/>760 bytes"]
          n0 -.-> n1
          n0 -.-> n2
          n3 -->|subject| n0
          n4 -->|subject| n0
          n5 -->|subject| n0
          n6 -->|subject| n3
        """);
  }
}
