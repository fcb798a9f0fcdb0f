package dev.ocitrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The progress display of {@code bin/ocitrust} for reads from a layout (a layout-to-layout copy and
 * a pull of a 6 MiB file): shown when standard error is a terminal (a pseudo-terminal made by
 * util-linux {@code script}), absent when it is not and with {@code --no-progress}.
 */
class TerminalProgressIT {
  @TempDir Path tmp;

  @Test
  void layoutCopiesAndPullsShowProgressOnATerminalOnly() throws Exception {
    byte[] data = new byte[6 * 1024 * 1024];
    new Random(12).nextBytes(data);
    Path file = Files.write(tmp.resolve("big.bin"), data);
    Path source = tmp.resolve("source");
    String bin = Checkout.root().resolve("bin/ocitrust").toString();
    assertThat(
            run(bin + " push --oci-layout " + source + ":v1 " + file.getFileName(), false).exit())
        .isZero();

    Out copied =
        run(
            bin + " copy --from-oci-layout --to-oci-layout " + source + ":v1 " + tmp.resolve("c1"),
            true);
    assertThat(copied.exit()).as(copied.text()).isZero();
    assertThat(copied.text()).contains("Downloading 6.0 MiB / 6.0 MiB");

    Out pulled = run(bin + " pull --oci-layout " + source + ":v1 -o " + tmp.resolve("out"), true);
    assertThat(pulled.exit()).as(pulled.text()).isZero();
    assertThat(pulled.text()).contains("Downloading 6.0 MiB / 6.0 MiB");
    assertThat(tmp.resolve("out/big.bin")).hasBinaryContent(data);

    Out quiet =
        run(
            bin
                + " copy --no-progress --from-oci-layout --to-oci-layout "
                + source
                + ":v1 "
                + tmp.resolve("c2"),
            true);
    assertThat(quiet.exit()).as(quiet.text()).isZero();
    assertThat(quiet.text()).doesNotContain("Downloading");

    Out piped =
        run(
            bin + " copy --from-oci-layout --to-oci-layout " + source + ":v1 " + tmp.resolve("c3"),
            false);
    assertThat(piped.exit()).as(piped.text()).isZero();
    assertThat(piped.text()).doesNotContain("Downloading");
  }

  record Out(int exit, String text) {}

  /** Runs {@code command} in {@code tmp}, on a pseudo-terminal when {@code terminal}. */
  private Out run(String command, boolean terminal) throws Exception {
    ProcessBuilder pb =
        terminal
            ? new ProcessBuilder("script", "-qec", command, "/dev/null")
            : new ProcessBuilder("sh", "-c", command);
    Path log = Files.createTempFile(tmp, "run", ".log");
    Process p =
        pb.directory(tmp.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!terminal) {
      p.getOutputStream().close(); // script would pass the end of its input on to the command
    }
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError(command + " did not end in 60 s");
    }
    p.getOutputStream().close();
    return new Out(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }
}
