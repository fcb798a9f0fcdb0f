package dev.ocitrust.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okio.Buffer;

/** Helpers for tests that play a registry with MockWebServer. */
final class MockRegistry {
  private MockRegistry() {}

  /** A client that may use plain HTTP on loopback and retries quickly. */
  static RegistryClient.Builder client() {
    return RegistryClient.builder()
        .insecurePlainHttpForLoopback(true)
        .retryPolicy(
            RetryPolicy.builder()
                .maxAttempts(3)
                .initialBackoff(Duration.ofMillis(10))
                .maxBackoff(Duration.ofMillis(50))
                .build());
  }

  /** {@code host:port} of {@code server}. */
  static String host(MockWebServer server) {
    return server.url("/").host() + ":" + server.getPort();
  }

  /** The repository {@code repo} of {@code server}. */
  static Repository repo(RegistryClient client, MockWebServer server) {
    return client.repository(host(server) + "/repo");
  }

  static MockResponse.Builder status(int code) {
    return new MockResponse.Builder().code(code);
  }

  static MockResponse bytes(int code, byte[] body, String... headers) {
    MockResponse.Builder b = new MockResponse.Builder().code(code).body(new Buffer().write(body));
    for (int i = 0; i < headers.length; i += 2) {
      b.setHeader(headers[i], headers[i + 1]);
    }
    return b.build();
  }

  static MockResponse text(int code, String body, String... headers) {
    return bytes(code, body.getBytes(StandardCharsets.UTF_8), headers);
  }

  /** A manifest response as a registry sends it. */
  static MockResponse manifest(Manifest m) {
    return bytes(
        200,
        m.bytes(),
        "Content-Type",
        m.mediaType(),
        "Docker-Content-Digest",
        m.descriptor().digest().toString());
  }

  static MockResponse errorBody(int code, String errorCode, String message) {
    return text(
        code,
        "{\"errors\":[{\"code\":\""
            + errorCode
            + "\",\"message\":\""
            + message
            + "\",\"detail\":{\"x\":1}}]}",
        "Content-Type",
        "application/json");
  }

  /** A small image manifest. */
  static ImageManifest image(String seed) {
    byte[] config = ("{\"seed\":\"" + seed + "\"}").getBytes(StandardCharsets.UTF_8);
    return ImageManifest.builder(Descriptor.of(MediaTypes.OCI_CONFIG, config)).build();
  }

  /** A referrer of {@code subject} of {@code type}. */
  static ImageManifest referrer(Descriptor subject, String type, String seed) {
    byte[] layer = seed.getBytes(StandardCharsets.UTF_8);
    return ImageManifest.builder(Descriptor.EMPTY_JSON_DESCRIPTOR)
        .artifactType(type)
        .layer(Descriptor.of("application/octet-stream", layer))
        .subject(subject)
        .build();
  }
}
