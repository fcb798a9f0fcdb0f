package dev.ocitrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ocitrust.testkit.RegistryExtension;
import dev.ocitrust.testkit.RegistryServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker's {@code credsStore} and {@code credHelpers} with real helper executables, as {@code
 * bin/ocitrust} runs them from the {@code PATH}, against a docker-registry with htpasswd auth:
 * {@code login} stores through the helper (nothing in {@code config.json}), a push and a pull get
 * the credentials from it, {@code logout} erases them; a helper that fails, is missing or hangs is
 * named in one line (the hanging one after its deadline).
 */
class CredentialHelperIT {
  @RegisterExtension static RegistryExtension registry = RegistryExtension.htpasswd();

  @TempDir Path tmp;

  /** One run of {@code bin/ocitrust}. */
  record Run(int status, String out, String err, Duration took) {}

  @Test
  void loginStoresThroughTheHelperPullUsesItAndLogoutErases(RegistryServer server)
      throws Exception {
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path store = Files.createDirectories(tmp.resolve("store"));
    storingHelper(bin, "ocitest", store);
    Path config = tmp.resolve("docker");
    Files.createDirectories(config);
    Files.writeString(config.resolve("config.json"), "{\"credsStore\":\"ocitest\"}");
    String host = server.host();

    Run login =
        run(
            bin,
            config,
            server.password() + "\n",
            "login",
            "--plain-http",
            host,
            "-u",
            server.username(),
            "--password-stdin");
    assertThat(login.status()).as(login.err()).isZero();
    assertThat(login.out()).isEqualTo("Login Succeeded\n");
    assertThat(login.err())
        .contains("for " + host + " in the credential helper docker-credential-ocitest");
    assertThat(Files.readString(config.resolve("config.json"))).doesNotContain("auths\":{\"");
    try (var files = Files.list(store)) {
      assertThat(files.toList()).hasSize(1);
    }

    Path file = Files.writeString(tmp.resolve("a.txt"), "from the helper");
    Run push = run(bin, config, "", "push", "--plain-http", host + "/helped:v1", file.toString());
    assertThat(push.status()).as(push.err()).isZero();
    Path out = tmp.resolve("pulled");
    Run pull =
        run(bin, config, "", "pull", "--plain-http", host + "/helped:v1", "-o", out.toString());
    assertThat(pull.status()).as(pull.err()).isZero();
    assertThat(out.resolve("a.txt")).hasContent("from the helper");

    Run logout = run(bin, config, "", "logout", host);
    assertThat(logout.status()).as(logout.err()).isZero();
    assertThat(logout.out()).startsWith("Removed the credentials for " + host);
    try (var files = Files.list(store)) {
      assertThat(files.toList()).isEmpty();
    }
    Run anonymous = run(bin, config, "", "resolve", "--plain-http", host + "/helped:v1");
    assertThat(anonymous.status()).isEqualTo(1);
    assertThat(anonymous.err()).startsWith("Error: no credentials for " + host + " in ");
  }

  @Test
  void aFailingMissingOrHangingHelperIsNamed(RegistryServer server) throws Exception {
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    helper(bin, "broken", "echo 'keychain locked' >&2; exit 3");
    helper(bin, "slow", "exec sleep 60");
    Path config = Files.createDirectories(tmp.resolve("docker"));
    String ref = server.host() + "/helped:v1";

    Files.writeString(
        config.resolve("config.json"), "{\"credHelpers\":{\"" + server.host() + "\":\"broken\"}}");
    Run broken = run(bin, config, "", "resolve", "--plain-http", ref);
    assertThat(broken.status()).isEqualTo(1);
    assertThat(broken.err().lines().toList()).hasSize(1);
    assertThat(broken.err())
        .contains("credential helper docker-credential-broken failed with exit 3 for")
        .contains(server.host());

    Files.writeString(config.resolve("config.json"), "{\"credsStore\":\"ocitrust-absent\"}");
    Run missing = run(bin, config, "", "resolve", "--plain-http", ref);
    assertThat(missing.status()).isEqualTo(1);
    assertThat(missing.err()).contains("docker-credential-ocitrust-absent cannot be run");
    Run loginMissing =
        run(
            bin,
            config,
            server.password() + "\n",
            "login",
            "--plain-http",
            server.host(),
            "-u",
            server.username(),
            "--password-stdin");
    assertThat(loginMissing.status()).isEqualTo(1);
    assertThat(loginMissing.err())
        .startsWith("Error: credential helper docker-credential-ocitrust-absent cannot be run");

    Files.writeString(config.resolve("config.json"), "{\"credsStore\":\"slow\"}");
    Run slow = run(bin, config, "", "resolve", "--plain-http", ref);
    assertThat(slow.status()).isEqualTo(1);
    assertThat(slow.err()).contains("credential helper docker-credential-slow did not finish in");
    assertThat(slow.took()).isLessThan(Duration.ofSeconds(40));
  }

  /**
   * A helper keeping one file per server in {@code store}: {@code store} saves its input as is,
   * {@code get} prints it, {@code erase} removes it (docker-credential-helpers protocol).
   */
  private static void storingHelper(Path bin, String name, Path store) throws IOException {
    helper(
        bin,
        name,
        String.join(
            "\n",
            "store='" + store + "'",
            "case \"$1\" in",
            "  store) input=$(cat)",
            "    server=$(printf '%s' \"$input\" | sed 's/.*\"ServerURL\":\"\\([^\"]*\\)\".*/\\1/')",
            "    printf '%s' \"$input\" > \"$store/$(printf '%s' \"$server\" | tr ':/' '__')\" ;;",
            "  get) server=$(cat); f=\"$store/$(printf '%s' \"$server\" | tr ':/' '__')\"",
            "    if [ -f \"$f\" ]; then cat \"$f\"; else echo 'credentials not found in native"
                + " keychain'; exit 1; fi ;;",
            "  erase) server=$(cat); f=\"$store/$(printf '%s' \"$server\" | tr ':/' '__')\"",
            "    if [ -f \"$f\" ]; then rm \"$f\"; else echo 'credentials not found in native"
                + " keychain'; exit 1; fi ;;",
            "  *) echo \"unknown action $1\" >&2; exit 2 ;;",
            "esac"));
  }

  private static void helper(Path bin, String name, String script) throws IOException {
    Path p = bin.resolve("docker-credential-" + name);
    Files.writeString(p, "#!/bin/sh\n" + script + "\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
  }

  /**
   * Runs {@code bin/ocitrust} with {@code bin} first on the PATH and DOCKER_CONFIG={@code config}.
   */
  private Run run(Path bin, Path config, String stdin, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>();
    command.add(Checkout.root().resolve("bin/ocitrust").toString());
    command.addAll(List.of(args));
    Path out = Files.createTempFile(tmp, "out", ".txt");
    Path err = Files.createTempFile(tmp, "err", ".txt");
    ProcessBuilder pb =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    pb.environment().put("DOCKER_CONFIG", config.toString());
    pb.environment().put("HOME", tmp.toString());
    pb.environment().remove("REGISTRY_AUTH_FILE");
    pb.environment().remove("XDG_RUNTIME_DIR");
    long start = System.nanoTime();
    Process p = pb.start();
    try (OutputStream in = p.getOutputStream()) {
      in.write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError("ocitrust " + String.join(" ", args) + " did not end in 90 s");
    }
    return new Run(
        p.exitValue(),
        Files.readString(out),
        Files.readString(err),
        Duration.ofNanos(System.nanoTime() - start));
  }
}
