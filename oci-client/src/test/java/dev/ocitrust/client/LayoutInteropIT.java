package dev.ocitrust.client;

import static dev.ocitrust.client.TestGraphs.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocitrust.testkit.PeerCli;
import dev.ocitrust.testkit.RegistryExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * OCI image layouts exchanged with the real tools: what ocitrust writes, skopeo and oras read; what
 * skopeo and oras write, ocitrust reads with every digest verified.
 */
class LayoutInteropIT {
  @RegisterExtension static final RegistryExtension REGISTRY = RegistryExtension.plain();

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void skopeoInspectsALayoutWrittenByOcitrust() throws IOException {
    OciLayout layout = OciLayout.open(dir.resolve("ours"));
    ImageManifest image = pushRunnableImage(layout);
    layout.tag(image.descriptor(), "v1");

    String raw =
        PeerCli.of("skopeo").runOk("inspect", "--raw", "oci:" + layout.root() + ":v1").stdout();
    assertThat(utf8(raw)).isEqualTo(image.bytes());

    JsonNode inspect =
        JSON.readTree(
            PeerCli.of("skopeo").runOk("inspect", "oci:" + layout.root() + ":v1").stdout());
    assertThat(inspect.get("Digest").asText()).isEqualTo(image.descriptor().digest().toString());
    assertThat(inspect.get("Architecture").asText()).isEqualTo("amd64");
    assertThat(inspect.get("Os").asText()).isEqualTo("linux");
  }

  @Test
  void orasCopiesALayoutWrittenByOcitrustWithItsReferrersIntoARegistry() throws IOException {
    OciLayout layout = OciLayout.open(dir.resolve("ours"));
    ImageManifest image = pushRunnableImage(layout);
    layout.tag(image.descriptor(), "v1");
    ImageManifest sbom =
        TestGraphs.pushReferrer(
            layout, image.descriptor(), "application/spdx+json", "{\"spdx\":1}");

    String target = REGISTRY.server().host() + "/interop/ours:v1";
    PeerCli.of("oras")
        .runOk("copy", "-r", "--from-oci-layout", layout.root() + ":v1", "--to-plain-http", target);

    String digest = PeerCli.of("crane").runOk("digest", target).stdout().strip();
    assertThat(digest).isEqualTo(image.descriptor().digest().toString());
    JsonNode discovered =
        JSON.readTree(
            PeerCli.of("oras")
                .runOk("discover", "--plain-http", "--format", "json", target)
                .stdout());
    assertThat(discovered.toString()).contains(sbom.descriptor().digest().toString());
  }

  @Test
  void ocitrustReadsALayoutWrittenBySkopeoWithEveryDigestVerified() throws IOException {
    OciLayout ours = OciLayout.open(dir.resolve("ours"));
    ImageManifest image = pushRunnableImage(ours);
    ours.tag(image.descriptor(), "v1");
    Path theirs = dir.resolve("skopeo");
    PeerCli.of("skopeo").runOk("copy", "oci:" + ours.root() + ":v1", "oci:" + theirs + ":copied");

    OciLayout layout = OciLayout.open(theirs);
    Descriptor root = layout.resolve("copied");
    assertThat(verifyEverything(layout, root)).isEqualTo(4); // manifest, config, two layers

    // Tamper with one layer on disk: reading it is now an error.
    ImageManifest copied = (ImageManifest) layout.fetchManifest(root);
    Descriptor layer = copied.layers().get(0);
    Path blob = theirs.resolve("blobs/sha256/" + layer.digest().encoded());
    byte[] bytes = Files.readAllBytes(blob);
    bytes[bytes.length / 2] ^= 1;
    Files.write(blob, bytes);
    assertThatThrownBy(() -> verifyEverything(layout, root))
        .isInstanceOf(ContentVerificationException.class)
        .hasMessageContaining(layer.digest().toString());
  }

  @Test
  void ocitrustReadsALayoutWrittenByOrasWithItsReferrers() throws IOException {
    Path work = Files.createDirectories(dir.resolve("files"));
    Files.writeString(work.resolve("artifact.txt"), "an artifact pushed by oras\n");
    Files.writeString(work.resolve("sbom.json"), "{\"spdxVersion\":\"SPDX-2.3\"}\n");
    String ref = REGISTRY.server().host() + "/interop/oras:v1";
    PeerCli oras = PeerCli.of("oras").withDirectory(work);
    oras.runOk(
        "push",
        "--plain-http",
        ref,
        "--artifact-type",
        "application/vnd.example.thing",
        "artifact.txt:text/plain");
    oras.runOk(
        "attach",
        "--plain-http",
        ref,
        "--artifact-type",
        "application/spdx+json",
        "sbom.json:application/spdx+json");

    Path theirs = dir.resolve("oras-layout");
    oras.runOk("copy", "-r", "--from-plain-http", ref, "--to-oci-layout", theirs + ":v1");

    OciLayout layout = OciLayout.open(theirs);
    Descriptor root = layout.resolve("v1");
    String registryDigest = PeerCli.of("crane").runOk("digest", ref).stdout().strip();
    assertThat(root.digest().toString()).isEqualTo(registryDigest);
    assertThat(verifyEverything(layout, root)).isGreaterThanOrEqualTo(3);
    var referrers = layout.referrers(root, "application/spdx+json");
    assertThat(referrers).hasSize(1);
    ImageManifest sbom = (ImageManifest) layout.fetchManifest(referrers.get(0));
    assertThat(sbom.subject().map(Descriptor::digest)).contains(root.digest());
    try (InputStream in = layout.fetch(sbom.layers().get(0))) {
      assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
          .contains("SPDX-2.3");
    }
  }

  /**
   * Reads every manifest and blob reachable from {@code root} (and its referrers) through verifying
   * streams; returns how many nodes were read.
   */
  static int verifyEverything(Target store, Descriptor root) throws IOException {
    Deque<Descriptor> queue = new ArrayDeque<>();
    queue.add(root);
    Set<Digest> seen = new HashSet<>();
    while (!queue.isEmpty()) {
      Descriptor d = queue.removeFirst();
      if (!seen.add(d.digest())) {
        continue;
      }
      if (MediaTypes.isManifest(d.mediaType())) {
        Manifest m = store.fetchManifest(d);
        queue.addAll(m.successors());
        queue.addAll(store.referrers(d, null));
      } else {
        try (InputStream in = store.fetch(d)) {
          in.transferTo(java.io.OutputStream.nullOutputStream());
        }
      }
    }
    return seen.size();
  }

  /** An image that container tools accept: a config with rootfs diff_ids and gzip tar layers. */
  static ImageManifest pushRunnableImage(Storage store) throws IOException {
    byte[] tar1 = tar("hello.txt", utf8("hello from ocitrust\n"));
    byte[] tar2 = tar("etc/motd", utf8("layer two\n"));
    byte[] gz1 = gzip(tar1);
    byte[] gz2 = gzip(tar2);
    String config =
        "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{},"
            + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
            + Digest.sha256(tar1)
            + "\",\""
            + Digest.sha256(tar2)
            + "\"]}}";
    Descriptor configD = Descriptor.of(MediaTypes.OCI_CONFIG, utf8(config));
    Descriptor l1 = Descriptor.of(MediaTypes.OCI_LAYER_TAR_GZIP, gz1);
    Descriptor l2 = Descriptor.of(MediaTypes.OCI_LAYER_TAR_GZIP, gz2);
    store.push(configD, utf8(config));
    store.push(l1, gz1);
    store.push(l2, gz2);
    ImageManifest m =
        ImageManifest.builder(configD)
            .layer(l1)
            .layer(l2)
            .annotations(Map.of("org.opencontainers.image.title", "interop"))
            .build();
    store.push(m);
    return m;
  }

  /** A POSIX ustar archive holding one regular file. */
  static byte[] tar(String name, byte[] content) {
    byte[] header = new byte[512];
    putString(header, 0, 100, name);
    putString(header, 100, 8, "0000644");
    putString(header, 108, 8, "0000000");
    putString(header, 116, 8, "0000000");
    putString(header, 124, 12, String.format("%011o", content.length));
    putString(header, 136, 12, String.format("%011o", 0));
    java.util.Arrays.fill(header, 148, 156, (byte) ' ');
    header[156] = '0';
    putString(header, 257, 6, "ustar");
    putString(header, 263, 2, "00");
    int sum = 0;
    for (byte b : header) {
      sum += b & 0xff;
    }
    putString(header, 148, 7, String.format("%06o", sum) + "\0");
    int padded = (content.length + 511) / 512 * 512;
    byte[] out = new byte[512 + padded + 1024];
    System.arraycopy(header, 0, out, 0, 512);
    System.arraycopy(content, 0, out, 512, content.length);
    return out;
  }

  private static void putString(byte[] header, int offset, int length, String value) {
    byte[] bytes = value.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    System.arraycopy(bytes, 0, header, offset, Math.min(bytes.length, length));
  }

  static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }
}
