package dev.ocitrust.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryLifecycleIT {

  @Test
  void closeStopsTheProcessAndDeletesTheFolder() throws Exception {
    RegistryServer server = RegistryServer.builder().start();
    ProcessHandle handle = server.processHandle();
    Path storage = server.storageDir();
    assertThat(handle.isAlive()).isTrue();
    assertThat(storage).isDirectory();
    assertThat(handle.info().command())
        .hasValueSatisfying(c -> assertThat(c).endsWith("docker-registry"));

    server.close();

    assertThat(handle.isAlive()).isFalse();
    assertThat(storage).doesNotExist();
    assertThat(storage.getParent()).doesNotExist();
    assertThat(server.log()).contains("listening on 127.0.0.1:" + server.port());
    server.close(); // idempotent
  }

  @Test
  void twoServersGetDistinctPortsAndFolders() throws Exception {
    try (RegistryServer a = RegistryServer.builder().start();
        RegistryServer b = RegistryServer.builder().start()) {
      assertThat(a.port()).isNotEqualTo(b.port());
      assertThat(a.storageDir()).isNotEqualTo(b.storageDir());
    }
  }

  @Test
  void aProcessThatDiesFailsWithItsOutput(@TempDir Path dir) throws Exception {
    Path fake = dir.resolve("fake-registry");
    Files.writeString(fake, "#!/bin/sh\necho 'fake registry: config rejected' >&2\nexit 3\n");
    assertThat(fake.toFile().setExecutable(true)).isTrue();
    assertThatThrownBy(() -> RegistryServer.builder().binary(fake).parentDir(dir).start())
        .isInstanceOf(IOException.class)
        .hasMessageContaining("exited before answering")
        .hasMessageContaining("exit 3")
        .hasMessageContaining("fake registry: config rejected");
    try (var left = Files.list(dir)) {
      assertThat(left).containsExactly(fake); // the temp folder was removed
    }
  }

  @Test
  void aProcessThatNeverAnswersTimesOutAndIsKilled(@TempDir Path dir) throws Exception {
    Path fake = dir.resolve("silent-registry");
    Path pidFile = dir.resolve("pid");
    Files.writeString(
        fake, "#!/bin/sh\necho \"silent $$\"\necho $$ > '" + pidFile + "'\nexec sleep 60\n");
    assertThat(fake.toFile().setExecutable(true)).isTrue();
    assertThatThrownBy(
            () ->
                RegistryServer.builder()
                    .binary(fake)
                    .parentDir(dir)
                    .startTimeout(Duration.ofMillis(700))
                    .start())
        .isInstanceOf(IOException.class)
        .hasMessageContaining("no 200/401 within")
        .hasMessageContaining("silent ");
    long pid = Long.parseLong(Files.readString(pidFile).strip());
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive))
        .isNotEqualTo(java.util.Optional.of(true));
  }

  @Test
  void htpasswdAndTokenTogetherAreRejected(@TempDir Path dir) throws Exception {
    Path bundle = Files.writeString(dir.resolve("bundle.pem"), "x");
    RegistryServer.Builder builder =
        RegistryServer.builder()
            .htpasswd()
            .tokenAuth(
                new TokenAuthConfig(
                    java.net.URI.create("http://127.0.0.1:1/token"), "svc", "iss", bundle));
    assertThatThrownBy(builder::start).isInstanceOf(IllegalStateException.class);
  }
}
