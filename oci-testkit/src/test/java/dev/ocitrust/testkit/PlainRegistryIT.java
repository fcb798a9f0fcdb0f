package dev.ocitrust.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PlainRegistryIT {
  @RegisterExtension static RegistryExtension registry = RegistryExtension.plain();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void answersV2With200(RegistryServer server) throws Exception {
    assertThat(server.baseUrl()).isEqualTo("http://127.0.0.1:" + server.port());
    assertThat(server.host()).isEqualTo("127.0.0.1:" + server.port());
    assertThat(server.isTls()).isFalse();
    HttpResponse<String> response = send(HttpRequest.newBuilder(server.uri("/v2/")).GET());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Docker-Distribution-API-Version"))
        .hasValue("registry/2.0");
  }

  @Test
  void blobUploadRoundTrip(RegistryServer server) throws Exception {
    byte[] blob = "hello from ocitrust testkit\n".getBytes(StandardCharsets.UTF_8);
    String digest =
        "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(blob));

    HttpResponse<String> post =
        send(
            HttpRequest.newBuilder(server.uri("/v2/testkit/plain/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(post.statusCode()).isEqualTo(202);
    URI location = server.uri("/v2/").resolve(post.headers().firstValue("Location").orElseThrow());

    String separator = location.getRawQuery() == null ? "?" : "&";
    HttpResponse<String> put =
        send(
            HttpRequest.newBuilder(URI.create(location + separator + "digest=" + digest))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(blob)));
    assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
    assertThat(put.headers().firstValue("Docker-Content-Digest")).hasValue(digest);

    HttpResponse<byte[]> get =
        http.send(
            HttpRequest.newBuilder(server.uri("/v2/testkit/plain/blobs/" + digest))
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(get.body()).isEqualTo(blob);
    assertThat(server.storageDir()).isDirectoryRecursivelyContaining("glob:**/data");
    assertThat(server.log()).contains("/v2/testkit/plain/blobs/");
  }

  @Test
  void extensionAndParameterAreTheSameServer(RegistryServer server) {
    assertThat(registry.server()).isSameAs(server);
    assertThat(server.processHandle().isAlive()).isTrue();
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(
        request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
