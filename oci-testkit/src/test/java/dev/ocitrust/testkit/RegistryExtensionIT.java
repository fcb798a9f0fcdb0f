package dev.ocitrust.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RegistryExtensionIT {
  @RegisterExtension
  static RegistryExtension shared = RegistryExtension.configured(b -> b.tls().htpasswd());

  @Test
  void tlsWithHtpasswd(RegistryServer server) throws Exception {
    HttpClient http = server.httpClientBuilder().build();
    HttpRequest.Builder v2 =
        HttpRequest.newBuilder(server.uri("/v2/")).timeout(Duration.ofSeconds(10));
    assertThat(http.send(v2.build(), HttpResponse.BodyHandlers.discarding()).statusCode())
        .isEqualTo(401);
    assertThat(
            http.send(
                    v2.header("Authorization", server.basicAuthorization()).build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode())
        .isEqualTo(200);
    assertThat(server.baseUrl()).startsWith("https://");
  }

  @Test
  void unstartedExtensionSaysSo() {
    assertThatThrownBy(() -> RegistryExtension.plain().server())
        .isInstanceOf(IllegalStateException.class);
  }

  @Nested
  class NestedTests {
    @RegisterExtension RegistryExtension perTest = RegistryExtension.plain();

    @Test
    void nestedClassSeesTheOuterRegistryAndItsOwnPerTestOne() {
      RegistryServer outer = shared.server();
      RegistryServer own = perTest.server();
      assertThat(outer.processHandle().isAlive()).isTrue();
      assertThat(own.processHandle().isAlive()).isTrue();
      assertThat(own.port()).isNotEqualTo(outer.port());
      assertThat(own.isTls()).isFalse();
    }
  }
}
