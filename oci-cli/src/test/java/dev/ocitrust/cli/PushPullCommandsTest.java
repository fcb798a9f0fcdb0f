package dev.ocitrust.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.Digest;
import dev.ocitrust.client.OciLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** push, pull, resolve, tag, repo tags and manifest fetch on OCI layouts; their argument rules. */
class PushPullCommandsTest {
  @TempDir Path tmp;

  private static MainTest.Result ok(String... args) {
    MainTest.Result r = MainTest.run(args);
    assertThat(r.status()).as(String.join(" ", args) + "\n" + r.out() + r.err()).isZero();
    return r;
  }

  @Test
  void pushThenPullGivesTheSameFilesAndTheOtherCommandsAgree() throws Exception {
    Path a = Files.writeString(tmp.resolve("a.txt"), "hello");
    Path b = Files.writeString(tmp.resolve("sbom.json"), "{}");
    String layout = tmp.resolve("L").toString();
    MainTest.Result pushed =
        ok(
            "push",
            "--oci-layout",
            layout + ":v1",
            a.toString(),
            b + ":application/spdx+json",
            "-a",
            "org.example=1");
    String digest = CliFixture.digestOf(pushed);
    assertThat(pushed.out()).contains("ArtifactType: application/vnd.unknown.artifact.v1");

    Path out = tmp.resolve("out");
    ok("pull", "--oci-layout", layout + ":v1", "-o", out.toString());
    assertThat(out.resolve("a.txt")).hasContent("hello");
    assertThat(out.resolve("sbom.json")).hasContent("{}");

    assertThat(ok("resolve", "--oci-layout", layout + ":v1").out().trim()).isEqualTo(digest);
    ok("tag", "--oci-layout", layout + ":v1", "v2");
    assertThat(ok("repo", "tags", "--oci-layout", layout).out().lines())
        .containsExactly("v1", "v2");
    String manifest = ok("manifest", "fetch", "--oci-layout", layout + "@" + digest).out();
    assertThat(Digest.sha256(manifest.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString())
        .isEqualTo(digest);
    assertThat(manifest)
        .contains("\"mediaType\":\"application/spdx+json\"")
        .contains("\"org.example\":\"1\"");
    Descriptor d = OciLayout.open(Path.of(layout)).resolve("v2");
    assertThat(d.digest().toString()).isEqualTo(digest);
  }

  @Test
  void pushRefusesWhatIsNotARegularFileOrNotAMediaType() throws Exception {
    String layout = tmp.resolve("L").toString() + ":v1";
    MainTest.Result dir = MainTest.run("push", "--oci-layout", layout, tmp.toString());
    assertThat(dir.status()).isEqualTo(2);
    assertThat(dir.err()).contains(tmp + " is not a regular file");
    MainTest.Result dev = MainTest.run("push", "--oci-layout", layout, "/dev/zero");
    assertThat(dev.err()).contains("/dev/zero is not a regular file");
    Path a = Files.writeString(tmp.resolve("a.txt"), "x");
    MainTest.Result type = MainTest.run("push", "--oci-layout", layout, a + ":not a/type");
    assertThat(type.err()).contains("'not a/type' is not a media type");
    MainTest.Result artifact =
        MainTest.run("push", "--oci-layout", layout, "--artifact-type", "bogus", a.toString());
    assertThat(artifact.err()).contains("--artifact-type 'bogus' is not a media type");
  }

  @Test
  void pullRefusesTitlesThatLeaveTheOutputFolder() {
    Path dir = tmp.resolve("out").toAbsolutePath();
    Descriptor layer = Descriptor.of("text/plain", new byte[] {1});
    assertThat(PullCommand.destination(dir, "sub/a.txt", layer))
        .isEqualTo(dir.resolve("sub/a.txt"));
    for (String bad : new String[] {"../escape", "/etc/passwd", "a/../../b", "", "."}) {
      assertThatThrownBy(() -> PullCommand.destination(dir, bad, layer))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("would be written outside " + dir);
    }
  }

  @Test
  void loginTakesAHostOrAUrl() {
    assertThat(LoginCommand.hostOf("localhost:5000")).isEqualTo("localhost:5000");
    assertThat(LoginCommand.hostOf("https://Registry.Example/")).isEqualTo("registry.example");
    assertThat(LoginCommand.hostOf("https://index.docker.io/v1/")).isEqualTo("index.docker.io");
    assertThatThrownBy(() -> LoginCommand.hostOf("registry.example/repo"))
        .hasMessageContaining("is not a registry: expected host[:port]");
  }

  @Test
  void loginWithoutAPasswordOffATerminalSaysToUsePasswordStdin(@TempDir Path dir) {
    Path config = dir.resolve("config.json");
    for (String[] args :
        new String[][] {
          {"login", "localhost:5000", "--registry-config", config.toString()},
          {"login", "localhost:5000", "-u", "alice", "--registry-config", config.toString()}
        }) {
      MainTest.Result r = MainTest.run(args);
      assertThat(r.status()).as(r.err()).isEqualTo(2);
      assertThat(r.err())
          .startsWith(
              "Error: login to localhost:5000 needs a password and standard input is not a"
                  + " terminal: pass -u USER with --password-stdin");
    }
    assertThat(config).doesNotExist();
  }

  @Test
  void helpAndCompletionListEveryCommandAndTheRegistryOptions() {
    String help = ok("--help").out();
    for (String c :
        new String[] {
          "push",
          "pull",
          "resolve",
          "tag",
          "manifest",
          "repo",
          "login",
          "logout",
          "completion",
          "copy",
          "discover",
          "verify"
        }) {
      assertThat(help).as(c).containsPattern("(?m)^  " + c + "\\b");
    }
    String push = ok("push", "--help").out();
    for (String o :
        new String[] {
          "--username",
          "--password",
          "--password-stdin",
          "--registry-config",
          "--ca-file",
          "--cert-file",
          "--key-file",
          "--insecure",
          "--plain-http",
          "--debug",
          "--no-progress",
          "--artifact-type",
          "--annotation"
        }) {
      assertThat(push).as(o).contains(o);
    }
    assertThat(ok("copy", "--help").out()).contains("--registry-config").contains("--insecure");
    assertThat(ok("discover", "--help").out()).contains("--format");
    String bash = ok("completion", "bash").out();
    assertThat(bash).contains("complete -F").contains("push").contains("--registry-config");
    assertThat(ok("completion", "zsh").out()).contains("bashcompinit");
    assertThat(MainTest.run("completion", "fish").err()).contains("unknown shell 'fish'");
  }
}
