package dev.ocitrust.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class PeerCliIT {
  @RegisterExtension static RegistryExtension registry = RegistryExtension.plain();

  @Test
  void orasPushesAndCraneReadsBack(RegistryServer server, @TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("file.txt"), "pushed by oras\n");
    PeerResult push =
        PeerCli.of("oras")
            .withDirectory(dir)
            .withEnv("HOME", dir.toString())
            .runOk(
                "push",
                "--plain-http",
                "--artifact-type",
                "application/vnd.ocitrust.test",
                server.host() + "/testkit/peer:v1",
                "file.txt");
    Matcher pushed = Pattern.compile("Digest: (sha256:[0-9a-f]{64})").matcher(push.stdout());
    assertThat(pushed.find()).as(push.describe()).isTrue();

    PeerCli crane = PeerCli.of("crane").withEnv("HOME", dir.toString());
    String digest = crane.runOk("digest", server.host() + "/testkit/peer:v1").stdout().strip();
    assertThat(digest).isEqualTo(pushed.group(1));
    assertThat(crane.runOk("manifest", server.host() + "/testkit/peer:v1").stdout())
        .contains("application/vnd.ocitrust.test");
    assertThat(crane.runOk("ls", server.host() + "/testkit/peer").stdout().strip()).isEqualTo("v1");
  }

  @Test
  void runReportsExitCodeAndOutput(@TempDir Path dir) throws Exception {
    PeerResult result =
        PeerCli.of("sh")
            .withDirectory(dir)
            .withEnv("OCITRUST_X", "from env")
            .withInput("from stdin".getBytes(StandardCharsets.UTF_8))
            .run("-c", "pwd; echo \"$OCITRUST_X\"; cat; echo oops >&2; exit 7");
    assertThat(result.exitCode()).isEqualTo(7);
    assertThat(result.ok()).isFalse();
    assertThat(result.stdout()).isEqualTo(dir.toRealPath() + "\nfrom env\nfrom stdin");
    assertThat(result.stderr()).isEqualTo("oops\n");
  }

  @Test
  void runOkFailsWithCommandLineAndOutput() {
    assertThatThrownBy(() -> PeerCli.of("sh").runOk("-c", "echo visible; exit 2"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("sh -c 'echo visible; exit 2'")
        .hasMessageContaining("exit 2")
        .hasMessageContaining("visible");
  }

  @Test
  void timeoutKillsTheProcessTree(@TempDir Path dir) throws Exception {
    Path pids = dir.resolve("pids");
    assertThatThrownBy(
            () ->
                PeerCli.of("sh")
                    .withTimeout(Duration.ofMillis(800))
                    .run(
                        "-c",
                        "sleep 60 & echo $! > '" + pids + "'; echo $$ >> '" + pids + "'; wait"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("timed out");
    for (String pid : Files.readAllLines(pids)) {
      ProcessHandle.of(Long.parseLong(pid.strip()))
          .ifPresent(p -> assertThat(p.isAlive()).as("pid %s", pid).isFalse());
    }
  }

  @Test
  void envCanBeRemoved() {
    PeerResult result =
        PeerCli.of("sh")
            .withEnv("OCITRUST_Y", "1")
            .withoutEnv("OCITRUST_Y")
            .runOk("-c", "echo \"[${OCITRUST_Y-unset}]\"");
    assertThat(result.stdout()).isEqualTo("[unset]\n");
  }
}
