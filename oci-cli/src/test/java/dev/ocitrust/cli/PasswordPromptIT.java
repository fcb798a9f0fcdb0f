package dev.ocitrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ocitrust.testkit.RegistryExtension;
import dev.ocitrust.testkit.RegistryServer;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code login} without {@code -p}/{@code --password-stdin} on a terminal (a pseudo-terminal made
 * by util-linux {@code script}) against a docker-registry with htpasswd auth: it asks for the user
 * name and the password, does not echo the password, and stores the credentials.
 */
class PasswordPromptIT {
  private static final long DEADLINE_MS = 60_000;

  @RegisterExtension static RegistryExtension registry = RegistryExtension.htpasswd();

  @TempDir Path tmp;

  @Test
  void asksForUserAndPasswordWithoutEcho(RegistryServer server) throws Exception {
    Path config = tmp.resolve("config.json");
    String command =
        Checkout.root().resolve("bin/ocitrust")
            + " login --plain-http "
            + server.host()
            + " --registry-config "
            + config;
    Process p =
        new ProcessBuilder("script", "-qec", command, "/dev/null")
            .redirectErrorStream(true)
            .start();
    ByteArrayOutputStream seen = new ByteArrayOutputStream();
    try (OutputStream keys = p.getOutputStream();
        InputStream screen = p.getInputStream()) {
      awaitText(screen, seen, "Username: ");
      keys.write((server.username() + "\n").getBytes(StandardCharsets.UTF_8));
      keys.flush();
      awaitText(screen, seen, "Password: ");
      keys.write((server.password() + "\n").getBytes(StandardCharsets.UTF_8));
      keys.flush();
      awaitText(screen, seen, "Login Succeeded");
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      p.destroyForcibly();
    }
    String text = seen.toString(StandardCharsets.UTF_8);
    assertThat(text).contains("Username: " + server.username()).doesNotContain(server.password());
    assertThat(p.exitValue()).as(text).isZero();
    assertThat(Files.readString(config)).contains("\"" + server.host() + "\"");
  }

  /** Reads {@code screen} into {@code seen} until it holds {@code text}, within the deadline. */
  private static void awaitText(InputStream screen, ByteArrayOutputStream seen, String text)
      throws Exception {
    long end = System.currentTimeMillis() + DEADLINE_MS;
    while (!seen.toString(StandardCharsets.UTF_8).contains(text)) {
      if (System.currentTimeMillis() > end) {
        throw new AssertionError("no '" + text + "' on the terminal; it shows: " + seen);
      }
      int n = screen.available();
      if (n > 0) {
        seen.write(screen.readNBytes(n));
      } else {
        Thread.sleep(20);
      }
    }
  }
}
