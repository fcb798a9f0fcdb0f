package dev.ocitrust.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ManifestTest {
  private static final String EMPTY_DIGEST =
      "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";
  private static final String FOO_DIGEST =
      "sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae";

  @Test
  void builtArtifactManifestHasGoFieldOrderAndKeepsItsBytes() throws Exception {
    Descriptor subject = Descriptor.of(MediaTypes.OCI_MANIFEST, Digest.parse(FOO_DIGEST), 3);
    ImageManifest m =
        ImageManifest.builder(Descriptor.EMPTY_JSON_DESCRIPTOR)
            .artifactType("application/spdx+json")
            .layer(
                Descriptor.of("application/spdx+json", Digest.parse(FOO_DIGEST), 3)
                    .withAnnotations(Map.of("org.opencontainers.image.title", "sbom.json")))
            .subject(subject)
            .annotation("z", "<&>")
            .annotation("a", "1")
            .build();
    String expected =
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
            + "\"artifactType\":\"application/spdx+json\","
            + "\"config\":{\"mediaType\":\"application/vnd.oci.empty.v1+json\",\"digest\":\""
            + EMPTY_DIGEST
            + "\",\"size\":2,\"data\":\"e30=\"},"
            + "\"layers\":[{\"mediaType\":\"application/spdx+json\",\"digest\":\""
            + FOO_DIGEST
            + "\",\"size\":3,\"annotations\":{\"org.opencontainers.image.title\":\"sbom.json\"}}],"
            + "\"subject\":{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\""
            + FOO_DIGEST
            + "\",\"size\":3},"
            + "\"annotations\":{\"a\":\"1\",\"z\":\"\\u003c\\u0026\\u003e\"}}";
    assertThat(new String(m.bytes(), StandardCharsets.UTF_8)).isEqualTo(expected);
    assertThat(m.descriptor().digest())
        .isEqualTo(Digest.sha256(expected.getBytes(StandardCharsets.UTF_8)));

    Manifest parsed = Manifest.parse(m.descriptor(), m.bytes());
    assertThat(parsed).isInstanceOf(ImageManifest.class);
    assertThat(parsed.subject()).contains(subject);
    assertThat(parsed.artifactType()).contains("application/spdx+json");
    assertThat(parsed.annotations()).containsEntry("z", "<&>");
    assertThat(parsed.referrerDescriptor().artifactType()).contains("application/spdx+json");
  }

  @Test
  void parsingKeepsForeignBytesExactly() throws Exception {
    // Whitespace and key order a Go tool would not write: the digest is still of these bytes.
    String text =
        "{ \"layers\": [], \"config\": {\"size\": 2, \"digest\": \""
            + EMPTY_DIGEST
            + "\", \"mediaType\": \"application/vnd.oci.empty.v1+json\"},\n"
            + "  \"schemaVersion\": 2, \"artifactType\": \"x/y\" }";
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    Manifest m = Manifest.parse(bytes, MediaTypes.OCI_MANIFEST);
    assertThat(m.bytes()).isEqualTo(bytes);
    assertThat(m.descriptor().digest()).isEqualTo(Digest.sha256(bytes));
    assertThat(m.descriptor().size()).isEqualTo(bytes.length);
    assertThat(m.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
  }

  @Test
  void readsDockerSchema2AndIndexes() throws Exception {
    String docker =
        "{\"schemaVersion\":2,\"mediaType\":\""
            + MediaTypes.DOCKER_MANIFEST
            + "\","
            + "\"config\":{\"mediaType\":\""
            + MediaTypes.DOCKER_CONFIG
            + "\",\"size\":3,\"digest\":\""
            + FOO_DIGEST
            + "\"},\"layers\":[{\"mediaType\":\""
            + MediaTypes.DOCKER_LAYER_GZIP
            + "\",\"size\":3,\"digest\":\""
            + FOO_DIGEST
            + "\"}]}";
    Manifest m = Manifest.parse(docker.getBytes(StandardCharsets.UTF_8), null);
    assertThat(m.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
    assertThat(((ImageManifest) m).layers()).hasSize(1);

    String index =
        "{\"schemaVersion\":2,\"mediaType\":\""
            + MediaTypes.OCI_INDEX
            + "\",\"manifests\":["
            + "{\"mediaType\":\""
            + MediaTypes.OCI_MANIFEST
            + "\",\"size\":3,\"digest\":\""
            + FOO_DIGEST
            + "\",\"platform\":{\"architecture\":\"arm\",\"os\":\"linux\",\"variant\":\"v7\"}}]}";
    ImageIndex idx = (ImageIndex) Manifest.parse(index.getBytes(StandardCharsets.UTF_8), null);
    assertThat(idx.manifests().get(0).platform()).contains(Platform.parse("linux/arm/v7"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "[]|expected a JSON object",
        "{\"schemaVersion\":1,\"config\":{}}|schemaVersion: expected 2",
        "{\"schemaVersion\":2}|config: missing",
        "{\"schemaVersion\":2,\"schemaVersion\":2}|not valid JSON",
        "{\"schemaVersion\":2,\"mediaType\":\"text/plain\",\"config\":{}}|unsupported manifest media type",
        "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"a/b\",\"digest\":\"sha256:00\",\"size\":1}}|config.digest",
        "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"a/b\",\"digest\":\""
            + FOO_DIGEST
            + "\",\"size\":-1}}|config.size",
        "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"a/b\",\"digest\":\""
            + FOO_DIGEST
            + "\",\"size\":\"3\"}}|config.size",
        "{\"schemaVersion\":2,\"config\":{\"digest\":\""
            + FOO_DIGEST
            + "\",\"size\":3}}|config.mediaType: missing",
        "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"a/b\",\"digest\":\""
            + FOO_DIGEST
            + "\",\"size\":3},\"layers\":{}}|layers: expected an array",
        "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"a/b\",\"digest\":\""
            + FOO_DIGEST
            + "\",\"size\":3,\"data\":\"YmFy\"}}|config.data",
        "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"a/b\",\"digest\":\""
            + FOO_DIGEST
            + "\",\"size\":3,\"annotations\":{\"k\":1}}}|config.annotations.k",
        "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"a/b\",\"digest\":\""
            + FOO_DIGEST
            + "\",\"size\":3,\"platform\":{\"os\":\"linux\"}}]}|manifests[0].platform.architecture",
        "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"a/b\",\"digest\":\""
            + FOO_DIGEST
            + "\",\"size\":3}} {}|trailing content",
      })
  void rejectsInvalidManifestsNamingTheField(String json, String message) {
    assertThatThrownBy(() -> Manifest.parse(json.getBytes(StandardCharsets.UTF_8), null))
        .isInstanceOf(InvalidManifestException.class)
        .hasMessageContaining(message);
  }

  @Test
  void refusesManifestsOverFourMebibytes() {
    byte[] big = new byte[Manifest.MAX_BYTES + 1];
    java.util.Arrays.fill(big, (byte) ' ');
    assertThatThrownBy(() -> Manifest.parse(big, null))
        .isInstanceOf(InvalidManifestException.class)
        .hasMessageContaining("the limit is 4194304");
    Descriptor claimed = Descriptor.of(MediaTypes.OCI_MANIFEST, Digest.sha256(big), big.length);
    MemoryStore store = new MemoryStore();
    assertThatThrownBy(() -> store.fetchManifest(claimed))
        .isInstanceOf(InvalidManifestException.class)
        .hasMessageContaining("the limit is");
  }

  @Test
  void verifiesBytesAgainstTheirDescriptor() {
    byte[] bytes = "{\"schemaVersion\":2,\"manifests\":[]}".getBytes(StandardCharsets.UTF_8);
    Descriptor wrong = Descriptor.of(MediaTypes.OCI_INDEX, Digest.sha256("foo"), bytes.length);
    assertThatThrownBy(() -> Manifest.parse(wrong, bytes))
        .isInstanceOf(ContentVerificationException.class);
    Descriptor wrongSize = Descriptor.of(MediaTypes.OCI_INDEX, Digest.sha256(bytes), 1);
    assertThatThrownBy(() -> Manifest.parse(wrongSize, bytes))
        .isInstanceOf(ContentVerificationException.class);
  }

  @Test
  void emptyConfigNeedsAnArtifactType() {
    assertThatThrownBy(() -> ImageManifest.builder(Descriptor.EMPTY_JSON_DESCRIPTOR).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("artifactType");
  }
}
