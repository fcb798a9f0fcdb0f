package dev.ocitrust.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Small artifacts for store tests: an image with two layers, and referrers of it. */
final class TestGraphs {
  private TestGraphs() {}

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Pushes config, layers and manifest of a tiny image into {@code store}; returns the manifest.
   */
  static ImageManifest pushImage(Storage store, String seed) throws IOException {
    byte[] config = utf8("{\"architecture\":\"amd64\",\"os\":\"linux\",\"seed\":\"" + seed + "\"}");
    byte[] layer1 = utf8("layer one of " + seed);
    byte[] layer2 = utf8("layer two of " + seed);
    Descriptor configD = Descriptor.of(MediaTypes.OCI_CONFIG, config);
    Descriptor l1 = Descriptor.of(MediaTypes.OCI_LAYER_TAR, layer1);
    Descriptor l2 = Descriptor.of(MediaTypes.OCI_LAYER_TAR, layer2);
    store.push(configD, config);
    store.push(l1, layer1);
    store.push(l2, layer2);
    ImageManifest m = ImageManifest.builder(configD).layer(l1).layer(l2).build();
    store.push(m);
    return m;
  }

  /** Pushes a referrer of {@code subject} with one layer; returns its manifest. */
  static ImageManifest pushReferrer(Storage store, Descriptor subject, String type, String body)
      throws IOException {
    byte[] content = utf8(body);
    Descriptor layer = Descriptor.of(type, content);
    store.push(Descriptor.EMPTY_JSON_DESCRIPTOR, utf8("{}"));
    store.push(layer, content);
    ImageManifest m =
        ImageManifest.builder(Descriptor.EMPTY_JSON_DESCRIPTOR)
            .artifactType(type)
            .layer(layer)
            .subject(subject)
            .annotations(Map.of("org.opencontainers.image.created", "2026-11-28T00:00:00Z"))
            .build();
    store.push(m);
    return m;
  }
}
