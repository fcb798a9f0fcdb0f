package dev.ocitrust.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a layout never writes; writers clean what killed writers left. */
class OciLayoutReadOnlyTest {
  @TempDir Path tmp;

  /** Every file and folder below {@code dir} with its size and modification time. */
  private static Map<String, String> snapshot(Path dir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        out.put(
            dir.relativize(p).toString(),
            Files.isDirectory(p) ? "dir" : Files.size(p) + "@" + Files.getLastModifiedTime(p));
      }
    }
    return out;
  }

  private Path layoutWithAnImage() throws IOException {
    Path dir = tmp.resolve("layout");
    OciLayout layout = OciLayout.open(dir);
    byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
    Descriptor c = Descriptor.of(MediaTypes.OCI_CONFIG, config);
    layout.push(c, config);
    Descriptor image = layout.push(ImageManifest.builder(c).build());
    layout.tag(image, "v1");
    Files.deleteIfExists(dir.resolve("ingest"));
    return dir;
  }

  @Test
  void readingALayoutChangesNothingInIt() throws IOException {
    Path dir = layoutWithAnImage();
    Map<String, String> before = snapshot(dir);
    OciLayout layout = OciLayout.read(dir);
    Descriptor image = layout.resolve("v1");
    layout.fetchManifest(image);
    layout.referrers(image, null);
    layout.tags();
    assertThat(layout.isReadOnly()).isTrue();
    assertThat(snapshot(dir)).isEqualTo(before);
    assertThat(dir.resolve("ingest")).doesNotExist();
  }

  @Test
  void aReadOnlyLayoutRefusesWrites() throws IOException {
    Path dir = layoutWithAnImage();
    Map<String, String> before = snapshot(dir);
    OciLayout layout = OciLayout.read(dir);
    Descriptor image = layout.resolve("v1");
    byte[] blob = "x".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> layout.push(Descriptor.of("a/b", blob), blob))
        .isInstanceOf(OciException.class)
        .hasMessageContaining("opened read-only");
    assertThatThrownBy(() -> layout.tag(image, "v2")).hasMessageContaining("read-only");
    assertThatThrownBy(() -> layout.delete(image)).hasMessageContaining("read-only");
    assertThat(snapshot(dir)).isEqualTo(before);
  }

  @Test
  void aFolderThatIsNotALayoutIsAnErrorThatSaysSo() throws IOException {
    Path plain = Files.createDirectories(tmp.resolve("plain"));
    Files.writeString(plain.resolve("notes.txt"), "hello");
    assertThatThrownBy(() -> OciLayout.read(plain))
        .isInstanceOf(OciException.class)
        .hasMessageContaining("is not an OCI image layout: it has no oci-layout file");
    assertThat(snapshot(plain)).containsOnlyKeys("", "notes.txt");
    assertThatThrownBy(() -> OciLayout.read(tmp.resolve("missing")))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("no such OCI image layout");
    assertThat(tmp.resolve("missing")).doesNotExist();
    Path withoutIndex = layoutWithAnImage();
    Files.delete(withoutIndex.resolve("index.json"));
    assertThatThrownBy(() -> OciLayout.read(withoutIndex)).hasMessageContaining("no index.json");
    Path file = Files.writeString(tmp.resolve("a-file"), "x");
    assertThatThrownBy(() -> OciLayout.read(file)).hasMessageContaining("not a directory");
  }

  @Test
  void aBrokenIndexIsNamedAsIndexJson() throws IOException {
    Path dir = layoutWithAnImage();
    Files.writeString(dir.resolve("index.json"), "{\"schemaVersion\":2,");
    assertThatThrownBy(() -> OciLayout.read(dir))
        .isInstanceOf(InvalidManifestException.class)
        .hasMessageStartingWith(
            dir.resolve("index.json") + " is not a valid image index: not valid JSON: Unexpected")
        .hasMessageEndingWith(" at line 1, column 20")
        .hasMessageNotContaining("[Source")
        .satisfies(e -> assertThat(chain(e)).doesNotContain("sha256:").doesNotContain("\n"));
    Files.writeString(
        dir.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":3}]}");
    assertThatThrownBy(() -> OciLayout.read(dir))
        .hasMessage(
            dir.resolve("index.json")
                + " is not a valid image index: manifests[0].mediaType: expected a string, found"
                + " NUMBER")
        .satisfies(e -> assertThat(chain(e)).doesNotContain("sha256:"));
  }

  /** The messages of {@code e} and its causes. */
  private static String chain(Throwable e) {
    StringBuilder sb = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (!(t instanceof com.fasterxml.jackson.core.JsonProcessingException)) {
        sb.append(t.getMessage()).append(" | ");
      }
    }
    return sb.toString();
  }

  @Test
  void aNewLayoutHasItsFilesBeforeAnyBlob() throws IOException {
    Path dir = tmp.resolve("new");
    OciLayout.open(dir);
    assertThat(dir.resolve("oci-layout")).hasContent("{\"imageLayoutVersion\":\"1.0.0\"}");
    assertThat(Files.readString(dir.resolve("index.json"))).contains("\"manifests\":[]");
    try (Stream<Path> blobs = Files.list(dir.resolve("blobs"))) {
      assertThat(blobs).isEmpty();
    }
  }

  @Test
  void openingForWritingRemovesTemporaryFilesOfProcessesThatAreGone() throws IOException {
    Path dir = layoutWithAnImage();
    Path ingest = Files.createDirectories(dir.resolve("ingest"));
    long gone = deadPid();
    long mine = ProcessHandle.current().pid();
    Path abandoned = Files.writeString(ingest.resolve("abc." + gone + ".u1.tmp"), "partial");
    Path ours = Files.writeString(ingest.resolve("abc." + mine + ".u2.tmp"), "being written");
    Path indexTemp = Files.writeString(dir.resolve(".index.json." + gone + ".u3.tmp"), "x");
    Path oldStyle = Files.writeString(ingest.resolve("abc.0f1e2d.tmp"), "old");
    Files.setLastModifiedTime(oldStyle, FileTime.from(Instant.now().minusSeconds(3 * 86400)));
    Path recentOldStyle = Files.writeString(ingest.resolve("def.0f1e2d.tmp"), "recent");
    Path unrelated = Files.writeString(ingest.resolve("keep.me"), "x");

    OciLayout.open(dir);
    assertThat(abandoned).doesNotExist();
    assertThat(indexTemp).doesNotExist();
    assertThat(oldStyle).doesNotExist();
    assertThat(List.of(ours, recentOldStyle, unrelated)).allMatch(Files::exists);
    // reading removes nothing
    Path again = Files.writeString(ingest.resolve("abc." + gone + ".u4.tmp"), "partial");
    OciLayout.read(dir);
    assertThat(again).exists();
  }

  /** A pid no process has: one past the largest running, as long as it is free. */
  private static long deadPid() {
    long max = ProcessHandle.allProcesses().mapToLong(ProcessHandle::pid).max().orElse(1);
    long pid = max + 1000;
    while (ProcessHandle.of(pid).isPresent()) {
      pid++;
    }
    return pid;
  }
}
