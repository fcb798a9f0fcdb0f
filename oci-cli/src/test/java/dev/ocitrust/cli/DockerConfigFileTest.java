package dev.ocitrust.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ocitrust.client.Credential;
import dev.ocitrust.client.DockerCredentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerConfigFileTest {
  @TempDir Path tmp;

  @Test
  void storeKeepsTheRestOfTheFileAndIsReadBackByTheSdk() throws Exception {
    Path file = tmp.resolve("config.json");
    Files.writeString(
        file,
        "{\"auths\":{\"other.example\":{\"auth\":\"eDp5\"}},\"proxies\":{\"default\":{}},\"x\":1}");
    String where =
        new DockerConfigFile(file).store("R.Example:5000", Credential.basic("alice", "p:w"));
    assertThat(where).isEqualTo(file.toString());
    String text = Files.readString(file);
    assertThat(text)
        .contains("\"proxies\"")
        .contains("\"x\" : 1")
        .contains("other.example")
        .doesNotContain("p:w");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    DockerCredentials sdk = DockerCredentials.fromFiles(List.of(file));
    assertThat(sdk.credentialFor("r.example:5000")).contains(Credential.basic("alice", "p:w"));
    assertThat(sdk.credentialFor("other.example")).contains(Credential.basic("x", "y"));
    try (var left = Files.list(tmp)) {
      assertThat(left.map(p -> p.getFileName().toString())).containsExactly("config.json");
    }
  }

  @Test
  void aMissingFileAndFolderAreCreatedPrivately() throws Exception {
    Path file = tmp.resolve("new/.docker/config.json");
    new DockerConfigFile(file).store("docker.io", Credential.basic("bob", "pw"));
    assertThat(Files.readString(file)).contains("\"https://index.docker.io/v1/\"");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
        .isEqualTo("rwx------");
    assertThat(DockerCredentials.fromFiles(List.of(file)).credentialFor("docker.io"))
        .contains(Credential.basic("bob", "pw"));
  }

  @Test
  void eraseRemovesOnlyThatRegistry() throws Exception {
    Path file = tmp.resolve("config.json");
    DockerConfigFile config = new DockerConfigFile(file);
    config.store("a.example", Credential.basic("a", "1"));
    config.store("b.example", Credential.basic("b", "2"));
    assertThat(config.erase("a.example")).isTrue();
    assertThat(config.erase("a.example")).isFalse();
    DockerCredentials sdk = DockerCredentials.fromFiles(List.of(file));
    assertThat(sdk.credentialFor("a.example")).isEmpty();
    assertThat(sdk.credentialFor("b.example")).isPresent();
    assertThat(new DockerConfigFile(tmp.resolve("none.json")).erase("a.example")).isFalse();
    assertThat(tmp.resolve("none.json")).doesNotExist();
  }

  @Test
  void aBrokenFileIsNamedAndLeftAlone() throws Exception {
    Path file = Files.writeString(tmp.resolve("config.json"), "{\"auths\": ");
    assertThatThrownBy(
            () -> new DockerConfigFile(file).store("a.example", Credential.basic("a", "1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(file + " is not valid JSON")
        .hasMessageEndingWith("fix or remove it");
    assertThat(Files.readString(file)).isEqualTo("{\"auths\": ");
  }

  @Test
  void aMissingCredentialHelperIsNamed() throws Exception {
    Path file = Files.writeString(tmp.resolve("config.json"), "{\"credsStore\":\"ocitrust-none\"}");
    assertThatThrownBy(
            () -> new DockerConfigFile(file).store("a.example", Credential.basic("a", "1")))
        .hasMessageStartingWith("credential helper docker-credential-ocitrust-none cannot be run");
    assertThat(Files.readString(file)).isEqualTo("{\"credsStore\":\"ocitrust-none\"}");
  }

  @Test
  void theDefaultPathFollowsDockerConfig() {
    Path home = tmp.resolve("home");
    assertThat(DockerConfigFile.defaultPath(Map.of(), home))
        .isEqualTo(home.resolve(".docker/config.json"));
    assertThat(DockerConfigFile.defaultPath(Map.of("DOCKER_CONFIG", "/etc/d"), home))
        .isEqualTo(Path.of("/etc/d/config.json"));
  }
}
