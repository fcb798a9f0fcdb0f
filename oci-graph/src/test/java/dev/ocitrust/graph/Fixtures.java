package dev.ocitrust.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.ImageIndex;
import dev.ocitrust.client.ImageManifest;
import dev.ocitrust.client.Manifest;
import dev.ocitrust.client.MediaTypes;
import dev.ocitrust.client.Platform;
import dev.ocitrust.client.Storage;
import dev.ocitrust.client.Target;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Small graphs for tests, pushed into any store. */
final class Fixtures {
  static final String SIG = "application/vnd.cncf.notary.signature";
  static final String SBOM = "application/spdx+json";
  static final String SCAN = "application/vnd.example.scan+json";

  private Fixtures() {}

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static Descriptor blob(Storage store, String mediaType, String content) throws IOException {
    byte[] bytes = utf8(content);
    Descriptor d = Descriptor.of(mediaType, bytes);
    store.push(d, bytes);
    return d;
  }

  /** An image: config and the given layers (pushed), then the manifest. */
  static ImageManifest image(Storage store, String seed, Descriptor... extraLayers)
      throws IOException {
    Descriptor config = blob(store, MediaTypes.OCI_CONFIG, "{\"seed\":\"" + seed + "\"}");
    Descriptor layer = blob(store, MediaTypes.OCI_LAYER_TAR, "layer of " + seed);
    ImageManifest m =
        ImageManifest.builder(config).layer(layer).layers(java.util.List.of(extraLayers)).build();
    store.push(m);
    return m;
  }

  /** A referrer of {@code subject} with one layer. */
  static ImageManifest referrer(
      Storage store, Descriptor subject, String type, String body, Map<String, String> annotations)
      throws IOException {
    store.push(Descriptor.EMPTY_JSON_DESCRIPTOR, utf8("{}"));
    Descriptor layer = blob(store, type, body);
    ImageManifest m =
        ImageManifest.builder(Descriptor.EMPTY_JSON_DESCRIPTOR)
            .artifactType(type)
            .layer(layer)
            .subject(subject.basic())
            .annotations(annotations)
            .build();
    store.push(m);
    return m;
  }

  static ImageManifest referrer(Storage store, Descriptor subject, String type, String body)
      throws IOException {
    return referrer(store, subject, type, body, Map.of());
  }

  /** An index of the manifests, each with the platform given. */
  static ImageIndex index(Storage store, Map<Platform, ImageManifest> byPlatform)
      throws IOException {
    ImageIndex.Builder b = ImageIndex.builder();
    byPlatform.entrySet().stream()
        .sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(Platform::toString)))
        .forEach(e -> b.manifest(e.getValue().descriptor().withPlatform(e.getKey())));
    ImageIndex index = b.build();
    store.push(index);
    return index;
  }

  /**
   * Asserts that every node of {@code graph} is in {@code destination}, each manifest with the
   * exact bytes it has in {@code source}.
   */
  static void assertCopiedNodeByNode(ArtifactGraph graph, Target source, Target destination)
      throws IOException {
    for (GraphNode n : graph.nodes()) {
      if (n.isManifest()) {
        assertThat(destination.fetchBytes(n.descriptor(), Manifest.MAX_BYTES))
            .as(n.toString())
            .isEqualTo(source.fetchBytes(n.descriptor(), Manifest.MAX_BYTES));
      } else {
        assertThat(destination.exists(n.descriptor())).as(n.toString()).isTrue();
      }
    }
  }

  /**
   * The bytes of {@code graph}'s nodes that {@code destination} lacks or holds otherwise than
   * {@code source} (manifests compared byte for byte, blobs by existence of their digest).
   */
  static long bytesMissing(ArtifactGraph graph, Target source, Target destination)
      throws IOException {
    long missing = 0;
    for (GraphNode n : graph.nodes()) {
      boolean there =
          n.isManifest()
              ? destination.exists(n.descriptor())
                  && java.util.Arrays.equals(
                      destination.fetchBytes(n.descriptor(), Manifest.MAX_BYTES),
                      source.fetchBytes(n.descriptor(), Manifest.MAX_BYTES))
              : destination.exists(n.descriptor());
      if (!there) {
        missing += n.descriptor().size();
      }
    }
    return missing;
  }

  /**
   * The JSON of {@code oras discover --format json} without references (they name the store) and
   * with referrers sorted by digest, recursively, so that two stores' trees compare equal.
   */
  static JsonNode normalizeDiscovered(JsonNode node) {
    ObjectNode copy = ((ObjectNode) node).deepCopy();
    copy.remove("reference");
    List<JsonNode> children = new ArrayList<>();
    copy.withArray("referrers").forEach(c -> children.add(normalizeDiscovered(c)));
    children.sort(Comparator.comparing(c -> c.get("digest").asText()));
    ArrayNode sorted = JsonNodeFactory.instance.arrayNode();
    children.forEach(sorted::add);
    copy.set("referrers", sorted);
    return copy;
  }
}
