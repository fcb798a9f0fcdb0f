package dev.ocitrust.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HtpasswdRegistryIT {
  @RegisterExtension static RegistryExtension registry = RegistryExtension.htpasswd();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void unauthorizedWithoutCredentials(RegistryServer server) throws Exception {
    HttpResponse<String> response = get(server, null);
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Basic realm="));
  }

  @Test
  void okWithCredentials(RegistryServer server) throws Exception {
    assertThat(server.username()).isEqualTo("ocitrust");
    assertThat(server.password()).isNotBlank();
    assertThat(get(server, server.basicAuthorization()).statusCode()).isEqualTo(200);
  }

  @Test
  void unauthorizedWithWrongPassword(RegistryServer server) throws Exception {
    String wrong =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((server.username() + ":nope").getBytes(StandardCharsets.UTF_8));
    assertThat(get(server, wrong).statusCode()).isEqualTo(401);
  }

  @Test
  void explicitCredentialsWork() throws Exception {
    try (RegistryServer server =
        RegistryServer.builder().htpasswd("alice", "s3cret with spaces").start()) {
      assertThat(server.username()).isEqualTo("alice");
      assertThat(get(server, server.basicAuthorization()).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void plainServerHasNoCredentials() throws Exception {
    try (RegistryServer server = RegistryServer.builder().start()) {
      assertThatThrownBy(server::username).isInstanceOf(IllegalStateException.class);
    }
  }

  private HttpResponse<String> get(RegistryServer server, String authorization) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.uri("/v2/")).timeout(Duration.ofSeconds(10)).GET();
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
