package dev.ocitrust.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.ocitrust.client.ImageManifest;
import dev.ocitrust.client.OciLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The layout bugs of first use, from the command line: reading never writes, a folder that is not a
 * layout is named as such, usage errors leave nothing behind, a destination digest must be the
 * source's, a path with {@code @} is parsed from the right, attach takes regular files and media
 * types only.
 */
class LayoutBugsTest {
  private static final String ZEROS =
      "sha256:0000000000000000000000000000000000000000000000000000000000000000";

  @TempDir Path dir;
  private Path layout;
  private ImageManifest image;

  @BeforeEach
  void image() throws Exception {
    layout = dir.resolve("layout");
    image = TestImages.push(OciLayout.open(layout), "net-monitor", "v1");
    Files.deleteIfExists(layout.resolve("ingest"));
  }

  /** Every file and folder below {@code root} with its size and modification time. */
  static Map<String, String> snapshot(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        out.put(
            root.relativize(p).toString(),
            Files.isDirectory(p) ? "dir" : Files.size(p) + "@" + Files.getLastModifiedTime(p));
      }
    }
    return out;
  }

  @Test
  void readOnlyCommandsMakeNoLayout() throws Exception {
    Path missing = dir.resolve("missing");
    MainTest.Result discover = MainTest.run("discover", "--oci-layout", missing + ":v1");
    assertThat(discover.status()).isEqualTo(1);
    assertThat(discover.err()).isEqualTo("Error: " + missing + ": no such OCI image layout\n");
    assertThat(MainTest.run("purge", "--dry-run", "--oci-layout", missing + ":v1").status())
        .isEqualTo(1);
    assertThat(MainTest.run("resolve", "--oci-layout", missing + ":v1").status()).isEqualTo(1);
    Path config = new CliFixture(dir.resolve("parties")).config;
    MainTest.Result verify =
        MainTest.run("verify", "--oci-layout", missing + ":v1", "--config", config.toString());
    assertThat(verify.status()).as(verify.err()).isEqualTo(1);
    assertThat(
            MainTest.run("attach", "--oci-layout", missing + ":v1", "--artifact-type", "a/b")
                .status())
        .isEqualTo(1);
    assertThat(missing).doesNotExist();
  }

  @Test
  void readOnlyCommandsChangeNothingInALayout() throws Exception {
    Map<String, String> before = snapshot(layout);
    assertThat(MainTest.run("discover", "--oci-layout", layout + ":v1").status()).isZero();
    assertThat(MainTest.run("purge", "--dry-run", "--oci-layout", layout + ":v1").status())
        .isZero();
    assertThat(MainTest.run("discover", "--oci-layout", layout + ":nope").status()).isEqualTo(1);
    assertThat(snapshot(layout)).isEqualTo(before);
  }

  @Test
  void aFolderThatIsNotALayoutIsNamedAndLeftAlone() throws Exception {
    Path plain = Files.createDirectories(dir.resolve("plain"));
    Files.writeString(plain.resolve("notes.txt"), "hello");
    Map<String, String> before = snapshot(plain);
    MainTest.Result r = MainTest.run("discover", "--oci-layout", plain + ":v1");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err())
        .isEqualTo("Error: " + plain + " is not an OCI image layout: it has no oci-layout file\n");
    MainTest.Result copy =
        MainTest.run("copy", "--from-oci-layout", "--to-oci-layout", layout + ":v1", plain + ":v1");
    assertThat(copy.status()).isEqualTo(1);
    assertThat(copy.err()).contains(plain + " is not an OCI image layout");
    assertThat(snapshot(plain)).isEqualTo(before);
  }

  @Test
  void usageErrorsLeaveNothingBehind() {
    Path target = dir.resolve("target");
    String[][] runs = {
      {"discover", "--oci-layout", "-o", "xml", target + ":v1"},
      {"copy", "--from-oci-layout", "--to-oci-layout", layout.toString(), target + ":v1"},
      {"copy", "--from-oci-layout", "--to-oci-layout", layout + ":nope", target + ":v1"},
      {"copy", "--from-oci-layout", "--to-oci-layout", layout + ":v1", target + "@garbage"},
      {"copy", "--from-oci-layout", "--to-oci-layout", layout + ":v1", target + "@" + ZEROS},
      {"copy", "--from-oci-layout", "--to-oci-layout", "--bogus", layout + ":v1", target + ":v1"},
      {"push", "--oci-layout", target + ":v1", dir.resolve("no-such-file").toString()},
      {"push", "--oci-layout", "--artifact-type", "nope", target + ":v1"},
    };
    for (String[] args : runs) {
      MainTest.Result r = MainTest.run(args);
      assertThat(r.status()).as(String.join(" ", args)).isNotZero();
      assertThat(target).as(String.join(" ", args)).doesNotExist();
    }
  }

  @Test
  void aDestinationDigestMustBeTheSources() throws Exception {
    MainTest.Result wrong =
        MainTest.run(
            "copy",
            "--from-oci-layout",
            "--to-oci-layout",
            layout + ":v1",
            dir.resolve("wrong") + "@" + ZEROS);
    assertThat(wrong.status()).isEqualTo(2);
    assertThat(wrong.err())
        .contains("names the digest " + ZEROS)
        .contains("is " + image.descriptor().digest());
    MainTest.Result garbage =
        MainTest.run(
            "copy",
            "--from-oci-layout",
            "--to-oci-layout",
            layout + ":v1",
            dir.resolve("garbage") + "@garbage");
    assertThat(garbage.status()).isEqualTo(2);
    assertThat(garbage.err()).contains("'garbage' after '@' is not a digest");

    Path right = dir.resolve("right");
    MainTest.Result ok =
        MainTest.run(
            "copy",
            "--from-oci-layout",
            "--to-oci-layout",
            layout + ":v1",
            right + "@" + image.descriptor().digest());
    assertThat(ok.status()).as(ok.err()).isZero();
    assertThat(OciLayout.read(right).resolve(image.descriptor().digest().toString()))
        .isEqualTo(image.descriptor());
  }

  @Test
  void aLayoutPathWithAnAtIsParsedFromTheRight() throws Exception {
    Path at = dir.resolve("x/at@dir/L");
    MainTest.Result r =
        MainTest.run("copy", "--from-oci-layout", "--to-oci-layout", layout + ":v1", at + ":v2");
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(OciLayout.read(at).resolve("v2")).isEqualTo(image.descriptor());
    assertThat(dir.resolve("x/at")).doesNotExist();
  }

  @Test
  void attachTakesRegularFilesAndMediaTypesOnly() throws Exception {
    Map<String, String> before = snapshot(layout);
    MainTest.Result device =
        assertTimeoutPreemptively(
            Duration.ofSeconds(30),
            () ->
                MainTest.run(
                    "attach",
                    "--oci-layout",
                    layout + ":v1",
                    "--artifact-type",
                    "a/b",
                    "/dev/zero"));
    assertThat(device.status()).isEqualTo(2);
    assertThat(device.err()).isEqualTo("Error: /dev/zero is not a regular file\n");
    Path sbom = Files.writeString(dir.resolve("sbom.json"), "{}");
    MainTest.Result type =
        MainTest.run(
            "attach",
            "--oci-layout",
            layout + ":v1",
            "--artifact-type",
            "not a type",
            sbom.toString());
    assertThat(type.status()).isEqualTo(2);
    assertThat(type.err()).contains("--artifact-type 'not a type' is not a media type");
    MainTest.Result layer =
        MainTest.run(
            "attach",
            "--oci-layout",
            layout + ":v1",
            "--artifact-type",
            "a/b",
            sbom + ":application/");
    assertThat(layer.status()).isEqualTo(2);
    assertThat(layer.err()).contains("is not a media type");
    assertThat(snapshot(layout)).isEqualTo(before);
  }
}
