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

  @Test
  void anHttpLoggerSeesHeadersWithSecretsRedacted() throws Exception {
    java.util.List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      ImageManifest m = image("log");
      RegistryClient c =
          client()
              .credentials(
                  CredentialsProvider.of(
                      host(server), Credential.basic("alice", "hunter2-password")))
              .httpLogger(lines::add)
              .build();
      server.enqueue(
          status(401)
              .setHeader(
                  "WWW-Authenticate", "Bearer realm=\"" + server.url("/token") + "\",service=\"s\"")
              .build());
      server.enqueue(text(200, "{\"token\":\"tok-SECRET-123\"}"));
      server.enqueue(manifest(m));
      byte[] blob = "blob".getBytes(StandardCharsets.UTF_8);
      server.enqueue(text(200, "{\"token\":\"tok-SECRET-456\"}"));
      server.enqueue(status(202).setHeader("Location", "/up/1?_state=STATE-SECRET").build());
      server.enqueue(status(201).setHeader("Set-Cookie", "session=COOKIE-SECRET").build());
      repo(c, server).fetchManifest("v1");
      repo(c, server).push(Descriptor.of("application/octet-stream", blob), blob);
    }
    String log = String.join("\n", lines);
    assertThat(log)
        .contains("--> GET http://")
        .contains("<-- 401 http://")
        .contains("    Authorization: Bearer <redacted>")
        .contains("    Authorization: Basic <redacted>") // the token request
        .contains("    WWW-Authenticate: Bearer realm=")
        .contains("    Location: http://")
        .contains("_state=%3Credacted%3E")
        .contains("    Set-Cookie: <redacted>");
    assertThat(log)
        .doesNotContain("hunter2")
        .doesNotContain("tok-SECRET")
        .doesNotContain("STATE-SECRET")
        .doesNotContain("COOKIE-SECRET")
        .doesNotContain(okhttp3.Credentials.basic("alice", "hunter2-password").substring(6));
  }

  @Test
  void headerRedactionRules() {
    okhttp3.HttpUrl base = okhttp3.HttpUrl.get("https://r.example/v2/x/blobs/uploads/");
    assertThat(
            dev.ocitrust.client.internal.remote.LoggingInterceptor.redactHeader(
                "proxy-authorization", "Basic abc", base))
        .isEqualTo("Basic <redacted>");
    assertThat(
            dev.ocitrust.client.internal.remote.LoggingInterceptor.redactHeader(
                "Cookie", "a=b", base))
        .isEqualTo("<redacted>");
    assertThat(
            dev.ocitrust.client.internal.remote.LoggingInterceptor.redactHeader(
                "Link", "</v2/x/tags/list?n=10&last=b&token=T>; rel=\"next\"", base))
        .isEqualTo(
            "<https://r.example/v2/x/tags/list?n=10&last=b&token=%3Credacted%3E>; rel=\"next\"");
    assertThat(
            dev.ocitrust.client.internal.remote.LoggingInterceptor.redactHeader(
                "Content-Type", "application/json", base))
        .isEqualTo("application/json");
  }
}
