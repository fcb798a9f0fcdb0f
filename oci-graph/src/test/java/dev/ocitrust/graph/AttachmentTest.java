package dev.ocitrust.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.ImageManifest;
import dev.ocitrust.client.Manifest;
import dev.ocitrust.client.MemoryStore;
import dev.ocitrust.client.OciException;
import dev.ocitrust.client.OciLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttachmentTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T01:02:03.456Z"), ZoneOffset.UTC);

  @TempDir Path tmp;

  @Test
  void attachesFilesAndBytesAsAReferrer() throws IOException {
    OciLayout store = OciLayout.open(tmp.resolve("layout"));
    ImageManifest image = Fixtures.image(store, "attach");
    Path sbom = tmp.resolve("sbom.spdx.json");
    Files.writeString(sbom, "{\"spdxVersion\":\"SPDX-2.3\"}");
    byte[] note = "scan passed".getBytes(StandardCharsets.UTF_8);

    ImageManifest m =
        Attachment.builder(image.descriptor(), "application/spdx+json")
            .file(sbom, "application/spdx+json")
            .bytes(note, "text/plain", "note.txt")
            .annotation("verdict", "pass")
            .clock(CLOCK)
            .build()
            .pushTo(store);

    assertThat(m.artifactType()).contains("application/spdx+json");
    assertThat(m.config()).isEqualTo(Descriptor.EMPTY_JSON_DESCRIPTOR);
    assertThat(m.subject()).contains(image.descriptor().basic());
    assertThat(m.annotations())
        .isEqualTo(
            Map.of("org.opencontainers.image.created", "2026-11-28T01:02:03Z", "verdict", "pass"));
    assertThat(m.layers())
        .containsExactly(
            Descriptor.of("application/spdx+json", Files.readAllBytes(sbom))
                .withAnnotations(Map.of("org.opencontainers.image.title", "sbom.spdx.json")),
            Descriptor.of("text/plain", note)
                .withAnnotations(Map.of("org.opencontainers.image.title", "note.txt")));
    assertThat(store.exists(Descriptor.EMPTY_JSON_DESCRIPTOR)).isTrue();
    for (Descriptor layer : m.layers()) {
      assertThat(store.exists(layer)).isTrue();
    }
    assertThat(store.referrers(image.descriptor(), null)).containsExactly(m.referrerDescriptor());
    // the exact bytes oras would write: fields in Go's order, empty config with its data
    String json =
        new String(store.fetchBytes(m.descriptor(), Manifest.MAX_BYTES), StandardCharsets.UTF_8);
    assertThat(json)
        .startsWith(
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"artifactType\":\"application/spdx+json\",\"config\":{\"mediaType\":\"application/vnd.oci.empty.v1+json\",\"digest\":\"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\",\"size\":2,\"data\":\"e30=\"}");
  }

  @Test
  void withoutLayersTheEmptyDescriptorIsTheLayerAndCreatedCanBeSet() throws IOException {
    CountingTarget store = new CountingTarget(new MemoryStore());
    ImageManifest image = Fixtures.image(store, "bare");
    ImageManifest m =
        Attachment.builder(image.descriptor(), "application/vnd.example.approval")
            .annotation("org.opencontainers.image.created", "2020-01-01T00:00:00Z")
            .clock(CLOCK)
            .build()
            .pushTo(store);
    assertThat(m.layers()).containsExactly(Descriptor.EMPTY_JSON_DESCRIPTOR);
    assertThat(m.annotations())
        .containsEntry("org.opencontainers.image.created", "2020-01-01T00:00:00Z");
    assertThat(store.referrerBatches).containsExactly(List.of(m.descriptor().digest()));
    assertThat(
            new Discovery(store)
                .discover(image.descriptor())
                .ofArtifactType("application/vnd.example.approval"))
        .hasSize(1);
  }

  @Test
  void badInputIsRefused() throws IOException {
    MemoryStore store = new MemoryStore();
    ImageManifest image = Fixtures.image(store, "bad");
    assertThatThrownBy(() -> Attachment.builder(image.descriptor(), " ").build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Attachment.builder(image.config(), "x/y").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a manifest");
    assertThatThrownBy(
            () ->
                Attachment.builder(image.descriptor(), "x/y")
                    .file(tmp.resolve("sbom.json"), " ")
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("layer file " + tmp.resolve("sbom.json"));
    assertThatThrownBy(
            () ->
                Attachment.builder(image.descriptor(), "x/y")
                    .bytes(new byte[1], "text/plain")
                    .bytes(new byte[1], "", "note.txt")
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("layer 'note.txt'");
    assertThatThrownBy(
            () ->
                Attachment.builder(image.descriptor(), "x/y")
                    .bytes(new byte[1], "text/plain")
                    .bytes(new byte[1], "")
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("layer number 2");
    Attachment missing =
        Attachment.builder(image.descriptor(), "x/y")
            .file(tmp.resolve("nope"), "text/plain")
            .build();
    assertThatThrownBy(() -> missing.pushTo(store)).isInstanceOf(IOException.class);
    assertThat(store.referrers(image.descriptor(), null)).isEmpty();
  }

  @Test
  void mediaTypesFollowRfc6838() throws IOException {
    MemoryStore store = new MemoryStore();
    ImageManifest image = Fixtures.image(store, "types");
    assertThatThrownBy(() -> Attachment.builder(image.descriptor(), "not a type").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("artifactType 'not a type' is not a media type");
    assertThatThrownBy(
            () ->
                Attachment.builder(image.descriptor(), "x/y")
                    .bytes(new byte[1], "text", "note.txt")
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'text' of layer 'note.txt' is not a media type");
  }

  @Test
  void aDeviceIsNotReadWithoutEnd() throws IOException {
    MemoryStore store = new MemoryStore();
    ImageManifest image = Fixtures.image(store, "device");
    Path zero = Path.of("/dev/zero");
    Attachment attachment =
        Attachment.builder(image.descriptor(), "x/y").file(zero, "text/plain").build();
    assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () ->
            assertThatThrownBy(() -> attachment.pushTo(store))
                .isInstanceOf(OciException.class)
                .hasMessage("/dev/zero is not a regular file"));
    assertThat(store.referrers(image.descriptor(), null)).isEmpty();
  }
}
