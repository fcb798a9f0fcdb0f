package dev.ocitrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ocitrust.testkit.PeerCli;
import dev.ocitrust.testkit.PeerResult;
import dev.ocitrust.testkit.RegistryExtension;
import dev.ocitrust.testkit.RegistryServer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The oras habits against a real docker-registry with htpasswd auth, with oras on the other side:
 * login writes a config oras uses, what ocitrust pushes oras pulls byte-identical and the other way
 * round, resolve, tag, repo tags and manifest fetch agree with oras, and {@code --debug} shows the
 * exchanges without the password.
 */
class RegistryCommandsIT {
  @RegisterExtension static RegistryExtension registry = RegistryExtension.htpasswd();

  @TempDir Path tmp;
  private RegistryServer server;
  private Path config;
  private PeerCli oras;
  private Path small;
  private Path big;

  @BeforeEach
  void setUp(RegistryServer server) throws Exception {
    this.server = server;
    config = tmp.resolve("docker/config.json");
    oras = PeerCli.of("oras").withDirectory(tmp);
    small = Files.writeString(tmp.resolve("a.txt"), "net-monitor v1\n");
    byte[] random = new byte[6 * 1024 * 1024 + 7];
    new Random(12).nextBytes(random);
    big = Files.write(tmp.resolve("big.bin"), random);
  }

  private String ref(String repoAndTag) {
    return server.host() + "/" + repoAndTag;
  }

  private MainTest.Result ocitrust(String stdin, String... args) {
    InputStream old = System.in;
    try {
      System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
      return MainTest.run(args);
    } finally {
      System.setIn(old);
    }
  }

  private MainTest.Result ok(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--plain-http", "--registry-config", config.toString()));
    MainTest.Result r = ocitrust("", all.toArray(String[]::new));
    assertThat(r.status()).as(String.join(" ", all) + "\n" + r.out() + r.err()).isZero();
    return r;
  }

  private PeerResult orasOk(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--plain-http", "--registry-config", config.toString()));
    return oras.runOk(all.toArray(String[]::new));
  }

  private void login() {
    MainTest.Result r =
        ocitrust(
            server.password() + "\n",
            "login",
            server.host(),
            "--plain-http",
            "-u",
            server.username(),
            "--password-stdin",
            "--registry-config",
            config.toString());
    assertThat(r.status()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("Login Succeeded");
  }

  @Test
  void loginWritesAConfigOrasUsesAndLogoutRemovesIt() throws Exception {
    login();
    assertThat(Files.readString(config)).contains(server.host()).doesNotContain(server.password());
    assertThat(
            java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(config)))
        .isEqualTo("rw-------");
    orasOk("push", ref("login:v1"), "a.txt");
    assertThat(orasOk("repo", "tags", server.host() + "/login").stdout()).contains("v1");

    MainTest.Result out =
        MainTest.run("logout", server.host(), "--registry-config", config.toString());
    assertThat(out.status()).isZero();
    assertThat(out.out()).contains("Removed the credentials for " + server.host());
    PeerResult denied =
        oras.run(
            "repo",
            "tags",
            "--plain-http",
            "--registry-config",
            config.toString(),
            server.host() + "/login");
    assertThat(denied.ok()).as(denied.describe()).isFalse();
  }

  @Test
  void aRejectedPasswordFailsTheLoginAndStoresNothing() {
    MainTest.Result r =
        ocitrust(
            "not-the-password\n",
            "login",
            server.host(),
            "--plain-http",
            "-u",
            server.username(),
            "--password-stdin",
            "--registry-config",
            config.toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err())
        .contains(
            "login to "
                + server.host()
                + " failed: the registry rejected the credentials of "
                + server.username());
    assertThat(config).doesNotExist();
  }

  @Test
  void whatOcitrustPushesOrasPullsByteIdentical() throws Exception {
    login();
    MainTest.Result pushed =
        ok(
            "push",
            ref("files:v1"),
            "--artifact-type",
            "application/vnd.example+type",
            "-a",
            "org.example.k=v",
            small.toString(),
            big.toString() + ":application/octet-stream");
    String digest = CliFixture.digestOf(pushed);
    Path out = Files.createDirectories(tmp.resolve("oras-out"));
    orasOk("pull", "-o", out.toString(), ref("files:v1"));
    assertThat(out.resolve("a.txt")).hasSameBinaryContentAs(small);
    assertThat(out.resolve("big.bin")).hasSameBinaryContentAs(big);
    assertThat(orasOk("resolve", ref("files:v1")).stdout().trim()).isEqualTo(digest);
    String manifest = orasOk("manifest", "fetch", ref("files:v1")).stdout();
    assertThat(manifest)
        .contains("\"artifactType\":\"application/vnd.example+type\"")
        .contains("\"org.example.k\":\"v\"")
        .contains("\"org.opencontainers.image.title\":\"big.bin\"");
  }

  @Test
  void whatOrasPushesOcitrustPullsByteIdentical() throws Exception {
    login();
    orasOk("push", ref("from-oras:v1"), "a.txt", "big.bin");
    Path out = tmp.resolve("pulled");
    MainTest.Result r = ok("pull", ref("from-oras:v1"), "-o", out.toString(), "--no-progress");
    assertThat(r.out()).contains("Downloaded a.txt").contains("Downloaded big.bin");
    assertThat(out.resolve("a.txt")).hasSameBinaryContentAs(small);
    assertThat(out.resolve("big.bin")).hasSameBinaryContentAs(big);
    try (var files = Files.list(out)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("a.txt", "big.bin");
    }
  }

  @Test
  void resolveTagRepoTagsAndManifestFetchAgreeWithOras() throws Exception {
    login();
    orasOk("push", ref("meta:v1"), "a.txt");
    String digest = orasOk("resolve", ref("meta:v1")).stdout().trim();
    assertThat(ok("resolve", ref("meta:v1")).out().trim()).isEqualTo(digest);
    assertThat(ok("resolve", "--full-reference", ref("meta:v1")).out().trim())
        .isEqualTo(server.host() + "/meta@" + digest);
    ok("tag", ref("meta:v1"), "v2", "stable");
    assertThat(orasOk("resolve", ref("meta:stable")).stdout().trim()).isEqualTo(digest);
    assertThat(ok("repo", "tags", ref("meta")).out().lines()).containsExactly("stable", "v1", "v2");
    assertThat(ok("manifest", "fetch", ref("meta:v1")).out())
        .isEqualTo(orasOk("manifest", "fetch", ref("meta:v1")).stdout());
    assertThat(ok("manifest", "fetch", "--descriptor", ref("meta@" + digest)).out())
        .contains("\"digest\":\"" + digest + "\"");
  }

  @Test
  void debugShowsTheExchangesWithoutThePassword() {
    orasOk("push", "-u", server.username(), "-p", server.password(), ref("debug:v1"), "a.txt");
    MainTest.Result r =
        ocitrust(
            "",
            "resolve",
            ref("debug:v1"),
            "--plain-http",
            "--debug",
            "-u",
            server.username(),
            "-p",
            server.password());
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.err())
        .contains("debug: --> HEAD http://" + server.host() + "/v2/debug/manifests/v1")
        .contains("debug:     Authorization: Basic <redacted>")
        .contains("debug: <-- 200");
    assertThat(r.err())
        .doesNotContain(server.password())
        .doesNotContain(server.basicAuthorization().substring("Basic ".length()));
  }

  @Test
  void withoutCredentialsTheRegistrySaysUnauthorized() {
    MainTest.Result r =
        ocitrust(
            "",
            "resolve",
            ref("none:v1"),
            "--plain-http",
            "--registry-config",
            tmp.resolve("missing.json").toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).contains("401");
  }
}
