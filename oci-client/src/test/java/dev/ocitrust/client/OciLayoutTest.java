package dev.ocitrust.client;

import static dev.ocitrust.client.TestGraphs.pushImage;
import static dev.ocitrust.client.TestGraphs.pushReferrer;
import static dev.ocitrust.client.TestGraphs.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OciLayoutTest extends TargetContractTest {
  @TempDir Path dir;
  private int stores;

  @Override
  Target newStore() throws IOException {
    return OciLayout.open(dir.resolve("layout" + stores++));
  }

  @Override
  void afterConcurrentWrites(Target store, int tags) throws IOException {
    OciLayout reopened = OciLayout.open(((OciLayout) store).root());
    assertThat(reopened.tags()).hasSize(tags);
    assertNoTemporaryFiles(reopened.root());
  }

  @Test
  void createsTheLayoutFiles() throws IOException {
    OciLayout layout = OciLayout.open(dir.resolve("new"));
    assertThat(Files.readString(layout.root().resolve("oci-layout")))
        .isEqualTo("{\"imageLayoutVersion\":\"1.0.0\"}");
    JsonNode index = new ObjectMapper().readTree(layout.root().resolve("index.json").toFile());
    assertThat(index.get("schemaVersion").asInt()).isEqualTo(2);
    assertThat(index.get("manifests").size()).isZero();
  }

  @Test
  void indexJsonListsTagsAndUntaggedManifestsAndSurvivesReopening() throws IOException {
    OciLayout layout = OciLayout.open(dir.resolve("l"));
    ImageManifest image = pushImage(layout, "a");
    ImageManifest sbom = pushReferrer(layout, image.descriptor(), "application/spdx+json", "s");
    layout.tag(image.descriptor(), "v1");

    JsonNode index = new ObjectMapper().readTree(layout.root().resolve("index.json").toFile());
    assertThat(index.get("manifests")).hasSize(2);
    Path blob = layout.root().resolve("blobs/sha256/" + image.descriptor().digest().encoded());
    assertThat(Files.readAllBytes(blob)).isEqualTo(image.bytes());

    OciLayout reopened = OciLayout.open(layout.root());
    assertThat(reopened.resolve("v1").digest()).isEqualTo(image.descriptor().digest());
    assertThat(reopened.referrers(image.descriptor(), null))
        .extracting(Descriptor::digest)
        .containsExactly(sbom.descriptor().digest());
    assertThat(reopened.resolve("v1").annotations())
        .doesNotContainKey(Descriptor.ANNOTATION_REF_NAME);
  }

  @ParameterizedTest
  @ValueSource(strings = {"read()", "read(byte[])", "skip", "transferTo", "readAllBytes"})
  void aTamperedBlobFailsOnEveryReadPath(String path) throws IOException {
    OciLayout layout = OciLayout.open(dir.resolve("t"));
    byte[] content = utf8("blob content that will be tampered with on disk");
    Descriptor d = Descriptor.of("application/octet-stream", content);
    layout.push(d, content);
    Path blob = layout.root().resolve("blobs/sha256/" + d.digest().encoded());
    byte[] tampered = content.clone();
    tampered[tampered.length - 1] ^= 0x20;
    Files.write(blob, tampered);

    ByteArrayOutputStream received = new ByteArrayOutputStream();
    assertThatThrownBy(() -> readAll(layout.fetch(d), path, received))
        .isInstanceOf(ContentVerificationException.class)
        .hasMessageContaining(d.digest().toString())
        .hasMessageContaining(blob.toString());
    assertThat(received.size()).isLessThan(content.length);
  }

  @Test
  void aTruncatedOrGrownBlobFails() throws IOException {
    OciLayout layout = OciLayout.open(dir.resolve("g"));
    byte[] content = utf8("0123456789");
    Descriptor d = Descriptor.of("application/octet-stream", content);
    layout.push(d, content);
    Path blob = layout.root().resolve("blobs/sha256/" + d.digest().encoded());
    Files.write(blob, utf8("01234567890"));
    assertThatThrownBy(() -> layout.fetch(d).readAllBytes())
        .isInstanceOf(ContentVerificationException.class)
        .hasMessageContaining("longer");
    assertThat(layout.exists(d)).isFalse();
    Files.write(blob, utf8("012345678"));
    assertThatThrownBy(() -> layout.fetch(d).readAllBytes())
        .isInstanceOf(ContentVerificationException.class)
        .hasMessageContaining("ended after 9");
  }

  @Test
  void aFailedPushLeavesNoBlobAndNoTemporaryFile() throws IOException {
    OciLayout layout = OciLayout.open(dir.resolve("f"));
    Descriptor d = Descriptor.of("application/octet-stream", utf8("expected"));
    assertThatThrownBy(() -> layout.push(d, utf8("EXPECTED")))
        .isInstanceOf(ContentVerificationException.class);
    assertThat(Files.exists(layout.root().resolve("blobs/sha256/" + d.digest().encoded())))
        .isFalse();
    assertNoTemporaryFiles(layout.root());
  }

  @Test
  void rejectsBrokenLayouts() throws IOException {
    Path bad = Files.createDirectories(dir.resolve("bad"));
    Files.writeString(bad.resolve("oci-layout"), "{\"imageLayoutVersion\":\"2.0.0\"}");
    assertThatThrownBy(() -> OciLayout.open(bad))
        .isInstanceOf(OciException.class)
        .hasMessageContaining("imageLayoutVersion");

    Path badIndex = Files.createDirectories(dir.resolve("badIndex"));
    Files.writeString(badIndex.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    Files.writeString(badIndex.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{}]}");
    assertThatThrownBy(() -> OciLayout.open(badIndex))
        .isInstanceOf(InvalidManifestException.class)
        .hasMessageContaining("manifests[0].mediaType");

    Path linked = Files.createDirectories(dir.resolve("linked"));
    Files.writeString(linked.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    Path elsewhere =
        Files.writeString(dir.resolve("elsewhere.json"), "{\"schemaVersion\":2,\"manifests\":[]}");
    Files.createSymbolicLink(linked.resolve("index.json"), elsewhere);
    assertThatThrownBy(() -> OciLayout.open(linked))
        .isInstanceOf(OciException.class)
        .hasMessageContaining("symbolic link");
  }

  private static void assertNoTemporaryFiles(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      assertThat(files.filter(p -> p.getFileName().toString().endsWith(".tmp"))).isEmpty();
    }
  }

  private static void readAll(InputStream in, String path, ByteArrayOutputStream sink)
      throws IOException {
    try (in) {
      switch (path) {
        case "read()" -> {
          int b;
          while ((b = in.read()) >= 0) {
            sink.write(b);
          }
        }
        case "read(byte[])" -> {
          byte[] buffer = new byte[7];
          int n;
          while ((n = in.read(buffer)) >= 0) {
            sink.write(buffer, 0, n);
          }
        }
        case "skip" -> in.skip(Long.MAX_VALUE);
        case "transferTo" -> in.transferTo(sink);
        case "readAllBytes" -> sink.write(in.readAllBytes());
        default -> throw new IllegalArgumentException(path);
      }
    }
  }

  @Test
  void aManifestOutsideTheIndexResolvesByDigestInItsOwnAlgorithm() throws IOException {
    OciLayout layout = OciLayout.open(dir.resolve("sha512"));
    ImageManifest m =
        ImageManifest.builder(Descriptor.EMPTY_JSON_DESCRIPTOR)
            .artifactType("application/vnd.example")
            .build();
    Digest sha512 = Digest.of(Digest.SHA512, m.bytes());
    Path blob = layout.root().resolve("blobs/sha512/" + sha512.encoded());
    java.nio.file.Files.createDirectories(blob.getParent());
    java.nio.file.Files.write(blob, m.bytes());
    Descriptor d = layout.resolve(sha512.toString());
    assertThat(d.digest()).isEqualTo(sha512);
    assertThat(d.size()).isEqualTo(m.bytes().length);
    assertThat(d.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);

    byte[] tampered = m.bytes().clone();
    tampered[tampered.length - 2] ^= 1;
    java.nio.file.Files.write(blob, tampered);
    assertThatThrownBy(() -> layout.resolve(sha512.toString()))
        .isInstanceOf(ContentVerificationException.class)
        .hasMessageContaining(sha512.toString());
  }
}
