package dev.ocitrust.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerCredentialsTest {
  @TempDir Path dir;

  private Path write(String name, String json) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, json);
    return p;
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  /** A fake docker-credential-NAME that records its input and prints {@code output}. */
  private Path helper(String name, String script) throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path p = bin.resolve("docker-credential-" + name);
    Files.writeString(p, "#!/bin/sh\n" + script + "\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
    return bin;
  }

  @Test
  void readsAuthsWithBasicAuthAndIdentityTokens() throws IOException {
    Path config =
        write(
            "config.json",
            "{\"auths\":{"
                + "\"registry.example.com:5000\":{\"auth\":\""
                + b64("alice:pa:ss")
                + "\"},"
                + "\"https://ghcr.io\":{\"identitytoken\":\"refresh-123\"}}}");
    DockerCredentials creds = DockerCredentials.fromFiles(List.of(config));
    assertThat(creds.credentialFor("registry.example.com:5000"))
        .contains(Credential.basic("alice", "pa:ss"));
    assertThat(creds.credentialFor("ghcr.io")).contains(Credential.identityToken("refresh-123"));
    assertThat(creds.credentialFor("registry.example.com")).isEmpty();
  }

  @Test
  void dockerHubIsFoundUnderAnyOfItsNames() throws IOException {
    Path config =
        write(
            "config.json",
            "{\"auths\":{\"https://index.docker.io/v1/\":{\"auth\":\"" + b64("bob:pw") + "\"}}}");
    DockerCredentials creds = DockerCredentials.fromFiles(List.of(config));
    for (String name : List.of("docker.io", "index.docker.io", "registry-1.docker.io")) {
      assertThat(creds.credentialFor(name)).as(name).contains(Credential.basic("bob", "pw"));
    }
  }

  @Test
  void credentialHelpersGetTheServerOnStandardInput() throws IOException {
    Path bin =
        helper(
            "fake",
            "read server; echo \"$server\" > \"$(dirname \"$0\")/asked\"; "
                + "echo '{\"ServerURL\":\"x\",\"Username\":\"carol\",\"Secret\":\"s3\"}'");
    Path config =
        write(
            "config.json",
            "{\"credHelpers\":{\"registry.example.com\":\"fake\"},"
                + "\"auths\":{\"registry.example.com\":{\"auth\":\""
                + b64("wrong:wrong")
                + "\"}}}");
    DockerCredentials creds = DockerCredentials.fromFiles(List.of(config)).withHelperDirectory(bin);
    assertThat(creds.credentialFor("registry.example.com"))
        .contains(Credential.basic("carol", "s3"));
    assertThat(Files.readString(bin.resolve("asked")).strip()).isEqualTo("registry.example.com");
  }

  @Test
  void theCredsStoreServesEveryOtherRegistryAndTokenUsersAreIdentityTokens() throws IOException {
    Path bin =
        helper(
            "store",
            "read server; "
                + "if [ \"$server\" = https://index.docker.io/v1/ ]; then "
                + "echo '{\"Username\":\"<token>\",\"Secret\":\"idt\"}'; "
                + "else echo 'credentials not found in native keychain'; exit 1; fi");
    Path config = write("config.json", "{\"credsStore\":\"store\"}");
    DockerCredentials creds = DockerCredentials.fromFiles(List.of(config)).withHelperDirectory(bin);
    assertThat(creds.credentialFor("docker.io")).contains(Credential.identityToken("idt"));
    assertThat(creds.credentialFor("other.example")).isEmpty();
  }

  @Test
  void aHangingHelperTimesOut() throws IOException {
    Path bin = helper("slow", "sleep 30");
    Path config = write("config.json", "{\"credsStore\":\"slow\"}");
    DockerCredentials creds =
        DockerCredentials.fromFiles(List.of(config))
            .withHelperDirectory(bin)
            .withHelperTimeout(Duration.ofMillis(500));
    // "did not finish" is the timeout's message, not the 30 s sleep ending
    assertThatThrownBy(() -> creds.credentialFor("docker.io"))
        .isInstanceOf(OciException.class)
        .hasMessageContaining("did not finish");
  }

  @Test
  void helperNamesCannotBePaths() throws IOException {
    Path config = write("config.json", "{\"credsStore\":\"../../bin/sh\"}");
    assertThatThrownBy(() -> DockerCredentials.fromFiles(List.of(config)).credentialFor("x.io"))
        .isInstanceOf(OciException.class)
        .hasMessageContaining("invalid credential helper");
  }

  @Test
  void theEnvironmentDecidesWhichFilesAreReadAndInWhatOrder() throws IOException {
    Path authFile =
        write(
            "auth.json",
            "{\"auths\":{\"r.example\":{\"auth\":\"" + b64("from-auth-file:1") + "\"}}}");
    Path dockerDir = Files.createDirectories(dir.resolve("docker"));
    Files.writeString(
        dockerDir.resolve("config.json"),
        "{\"auths\":{\"r.example\":{\"auth\":\""
            + b64("from-docker:2")
            + "\"},\"only.docker\":{\"auth\":\""
            + b64("d:3")
            + "\"}}}");
    DockerCredentials creds =
        DockerCredentials.fromEnvironment(
            Map.of(
                "REGISTRY_AUTH_FILE", authFile.toString(), "DOCKER_CONFIG", dockerDir.toString()),
            dir.resolve("home"));
    assertThat(creds.credentialFor("r.example")).contains(Credential.basic("from-auth-file", "1"));
    assertThat(creds.credentialFor("only.docker")).contains(Credential.basic("d", "3"));
    DockerCredentials home =
        DockerCredentials.fromEnvironment(Map.of(), dockerDir.getParent().resolve("nohome"));
    assertThat(home.credentialFor("r.example")).isEmpty();
  }

  @Test
  void brokenFilesAreTypedErrorsWithoutSecrets() throws IOException {
    Path config = write("config.json", "{\"auths\":{\"r.example\":{\"auth\":\"!!notbase64\"}}}");
    assertThatThrownBy(
            () -> DockerCredentials.fromFiles(List.of(config)).credentialFor("r.example"))
        .isInstanceOf(OciException.class)
        .hasMessageContaining("not base64");
    Path dup = write("dup.json", "{\"auths\":{},\"auths\":{}}");
    assertThatThrownBy(() -> DockerCredentials.fromFiles(List.of(dup)).credentialFor("r.example"))
        .isInstanceOf(OciException.class);
  }

  @Test
  void credentialsNeverPrintTheirSecrets() {
    assertThat(Credential.basic("alice", "hunter2").toString()).doesNotContain("hunter2");
    assertThat(Credential.identityToken("tok").toString())
        .doesNotContain("tok>")
        .doesNotContain("tok]");
  }
}
