package dev.ocitrust.client;

import static dev.ocitrust.client.MockRegistry.client;
import static dev.ocitrust.client.MockRegistry.host;
import static dev.ocitrust.client.MockRegistry.image;
import static dev.ocitrust.client.MockRegistry.manifest;
import static dev.ocitrust.client.MockRegistry.repo;
import static dev.ocitrust.client.MockRegistry.status;
import static dev.ocitrust.client.MockRegistry.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

/** DEBUG logs name requests but never credentials, tokens or upload state. */
class RemoteLoggingTest {
  @Test
  void debugLogsCarryNoSecrets() throws Exception {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      ImageManifest m = image("log");
      RegistryClient c =
          client()
              .credentials(
                  CredentialsProvider.of(
                      host(server), Credential.basic("alice", "hunter2-password")))
              .build();
      server.enqueue(
          status(401)
              .setHeader(
                  "WWW-Authenticate", "Bearer realm=\"" + server.url("/token") + "\",service=\"s\"")
              .build());
      server.enqueue(text(200, "{\"token\":\"tok-SECRET-123\"}"));
      server.enqueue(manifest(m));
      byte[] blob = "blob".getBytes(StandardCharsets.UTF_8);
      server.enqueue(text(200, "{\"token\":\"tok-SECRET-456\"}")); // push scope
      // the mount request that asks whether the small blob is there opens the upload session
      server.enqueue(status(202).setHeader("Location", "/up/1?_state=STATE-SECRET").build());
      server.enqueue(status(201).build());
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      repo(c, server).fetchManifest("v1");
      repo(c, server).push(Descriptor.of("application/octet-stream", blob), blob);
    } finally {
      System.setErr(original);
    }
    String log = captured.toString(StandardCharsets.UTF_8);
    assertThat(log)
        .contains("GET http://")
        .contains("/v2/repo/manifests/v1")
        .contains("authorization <redacted>")
        .contains("_state=%3Credacted%3E");
    assertThat(log)
        .doesNotContain("hunter2")
        .doesNotContain("tok-SECRET")
        .doesNotContain("STATE-SECRET")
        .doesNotContain(okhttp3.Credentials.basic("alice", "hunter2-password").substring(6));
  }
}
