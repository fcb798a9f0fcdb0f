package dev.ocitrust.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A registry that cannot be talked to is named, with what went wrong: an unknown host, a refused
 * connection, HTTPS spoken to a plain-HTTP registry. (An untrusted certificate: RegistryAuthIT.)
 */
class RegistryConnectionExceptionTest {
  private static RegistryClient client() {
    return RegistryClient.builder().retryPolicy(RetryPolicy.none()).build();
  }

  @Test
  void anUnknownHostIsNamed() {
    try (RegistryClient client = client()) {
      assertThatThrownBy(() -> client.repository("no-such-host.invalid/app").resolve("v1"))
          .isInstanceOfSatisfying(
              RegistryConnectionException.class,
              e -> {
                assertThat(e.reason()).isEqualTo(RegistryConnectionException.Reason.UNKNOWN_HOST);
                assertThat(e.host()).isEqualTo("no-such-host.invalid");
              })
          .hasMessage("no-such-host.invalid: unknown host (the name does not resolve)");
    }
  }

  @Test
  void aRefusedConnectionIsNamed() throws IOException {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    String host = "127.0.0.1:" + port;
    try (RegistryClient client =
        RegistryClient.builder().retryPolicy(RetryPolicy.none()).insecurePlainHttp(host).build()) {
      assertThatThrownBy(() -> client.repository(host + "/app").resolve("v1"))
          .isInstanceOfSatisfying(
              RegistryConnectionException.class,
              e -> assertThat(e.reason()).isEqualTo(RegistryConnectionException.Reason.REFUSED))
          .hasMessage(host + ": connection refused (is the registry running there?)");
    }
  }

  @Test
  void httpsToAPlainHttpRegistrySaysItMayServePlainHttp() throws Exception {
    // what a plain-HTTP server answers to a TLS client hello: an HTTP error, then it closes
    try (ServerSocket plain = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        RegistryClient client = client()) {
      Thread answer =
          new Thread(
              () -> {
                try (Socket s = plain.accept()) {
                  s.getInputStream().read(new byte[512]);
                  s.getOutputStream()
                      .write(
                          "HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n"
                              .getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                  // the client went away: the assertion below says what it saw
                }
              });
      answer.start();
      String host = "127.0.0.1:" + plain.getLocalPort();
      assertThatThrownBy(() -> client.repository(host + "/app").resolve("v1"))
          .isInstanceOfSatisfying(
              RegistryConnectionException.class,
              e -> {
                assertThat(e.reason()).isEqualTo(RegistryConnectionException.Reason.NOT_TLS);
                assertThat(e.host()).isEqualTo(host);
              })
          .hasMessageStartingWith(host + " did not answer in TLS (HTTPS): it may serve plain HTTP");
      answer.join(10_000);
    }
  }

  @Test
  void otherFailuresAreNotRenamed() {
    assertThat(RegistryConnectionException.of("h", new IOException("reset"))).isEmpty();
  }
}
