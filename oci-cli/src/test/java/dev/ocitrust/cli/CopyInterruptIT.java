package dev.ocitrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.ImageManifest;
import dev.ocitrust.client.MediaTypes;
import dev.ocitrust.client.OciLayout;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An {@code ocitrust copy} process stopped in the middle of a blob: SIGTERM and SIGINT leave no
 * {@code ingest/*.tmp}; SIGKILL does (nothing can run then), and the next open removes it. The new
 * destination layout has {@code oci-layout} and {@code index.json} before any blob.
 *
 * <p>The source layout's layer is a named pipe that this test feeds: the copy blocks in the middle
 * of that blob for as long as the test wants.
 */
class CopyInterruptIT {
  private static final int SIZE = 4 * 1024 * 1024;

  @TempDir Path tmp;
  private Path source;
  private byte[] layer;
  private Process copy;
  private Thread feeder;

  @BeforeEach
  void sourceWithAPipedLayer() throws Exception {
    source = tmp.resolve("source");
    OciLayout layout = OciLayout.open(source);
    byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
    Descriptor configD = Descriptor.of(MediaTypes.OCI_CONFIG, config);
    layout.push(configD, config);
    layer = new byte[SIZE];
    new Random(7).nextBytes(layer);
    Descriptor layerD = Descriptor.of(MediaTypes.OCI_LAYER_TAR, layer);
    ImageManifest image = ImageManifest.builder(configD).layer(layerD).build();
    layout.push(image);
    layout.tag(image.descriptor(), "v1");
    Path blob = source.resolve("blobs/sha256/" + layerD.digest().encoded());
    Process mkfifo = new ProcessBuilder("mkfifo", blob.toString()).inheritIO().start();
    assertThat(mkfifo.waitFor()).as("mkfifo " + blob).isZero();
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (copy != null && copy.isAlive()) {
      copy.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    if (feeder != null) {
      feeder.interrupt();
      feeder.join(10_000);
    }
  }

  /** Starts a copy into {@code destination} and feeds the pipe a quarter of the layer. */
  private void startCopy(Path destination) throws IOException {
    copy =
        new ProcessBuilder(
                Checkout.root().resolve("bin/ocitrust").toString(),
                "copy",
                "--from-oci-layout",
                "--to-oci-layout",
                source + ":v1",
                destination + ":v1")
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("copy-" + destination.getFileName() + ".log").toFile())
            .start();
    Path pipe = source.resolve("blobs/sha256/" + Descriptor.of("a/b", layer).digest().encoded());
    feeder =
        new Thread(
            () -> {
              try (OutputStream out = Files.newOutputStream(pipe)) {
                out.write(layer, 0, SIZE / 4);
                out.flush();
                Thread.sleep(Duration.ofMinutes(2).toMillis()); // the copy waits for the rest
              } catch (IOException | InterruptedException e) {
                // the copy was stopped: the pipe broke, or the test ended
              }
            },
            "feeder");
    feeder.start();
  }

  /** The temporary files under {@code destination}/ingest. */
  private static List<Path> temporaries(Path destination) throws IOException {
    Path ingest = destination.resolve("ingest");
    if (!Files.isDirectory(ingest)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(ingest)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList();
    }
  }

  /**
   * Waits until the copy writes its temporary file; checks, at every look before, that the layout
   * files are there as soon as anything under {@code blobs/} or {@code ingest/} is.
   */
  private void awaitTemporary(Path destination) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (temporaries(destination).isEmpty()) {
      assertThat(copy.isAlive())
          .as(Files.readString(tmp.resolve("copy-" + destination.getFileName() + ".log")))
          .isTrue();
      assertThat(Instant.now()).as("no temporary file within 60 s").isBefore(deadline);
      if (Files.exists(destination.resolve("blobs"))
          || Files.exists(destination.resolve("ingest"))) {
        assertThat(destination.resolve("oci-layout")).isRegularFile();
        assertThat(destination.resolve("index.json")).isRegularFile();
      }
      Thread.sleep(20);
    }
    assertThat(destination.resolve("oci-layout")).isRegularFile();
    assertThat(destination.resolve("index.json")).isRegularFile();
  }

  private void signal(String name) throws Exception {
    Process kill =
        new ProcessBuilder("kill", "-" + name, Long.toString(copy.pid())).inheritIO().start();
    assertThat(kill.waitFor()).isZero();
    assertThat(copy.waitFor(60, TimeUnit.SECONDS)).as("the copy exits on " + name).isTrue();
  }

  @Test
  void sigtermLeavesNoTemporaryFile() throws Exception {
    Path destination = tmp.resolve("term");
    startCopy(destination);
    awaitTemporary(destination);
    signal("TERM");
    assertThat(temporaries(destination)).isEmpty();
  }

  @Test
  void sigintLeavesNoTemporaryFile() throws Exception {
    Path destination = tmp.resolve("int");
    startCopy(destination);
    awaitTemporary(destination);
    signal("INT");
    assertThat(temporaries(destination)).isEmpty();
  }

  @Test
  void whatSigkillLeavesTheNextOpenRemoves() throws Exception {
    Path destination = tmp.resolve("kill");
    startCopy(destination);
    awaitTemporary(destination);
    signal("KILL");
    assertThat(temporaries(destination)).as("nothing runs on SIGKILL").isNotEmpty();
    OciLayout.open(destination);
    assertThat(temporaries(destination)).isEmpty();
  }
}
