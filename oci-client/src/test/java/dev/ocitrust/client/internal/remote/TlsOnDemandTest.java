package dev.ocitrust.client.internal.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLException;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** Plain HTTP never sets TLS up; the first HTTPS request does, with the JDK's default trust. */
class TlsOnDemandTest {
  @Test
  void plainHttpSetsUpNoTlsAndHttpsGoesThroughTls() throws Exception {
    OkHttpClient cleartext = TlsOnDemand.cleartextOnly(new OkHttpClient.Builder()).build();
    TlsOnDemand tls = new TlsOnDemand(cleartext);
    OkHttpClient client = cleartext.newBuilder().addInterceptor(tls).build();
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      server.enqueue(new MockResponse.Builder().code(200).body("plain").build());
      try (Response r =
          client.newCall(new Request.Builder().url(server.url("/v2/")).build()).execute()) {
        assertThat(r.body().string()).isEqualTo("plain");
      }
      assertThat(tls.tlsReady()).isFalse();

      // The same port spoken to over HTTPS: a TLS handshake is attempted (and fails against a
      // plain-HTTP server), where the cleartext-only client alone refuses to try.
      Request https =
          new Request.Builder()
              .url(server.url("/v2/").newBuilder().scheme("https").port(server.getPort()).build())
              .build();
      assertThatThrownBy(() -> cleartext.newCall(https).execute())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("CLEARTEXT-only");
      assertThat(tls.tlsReady()).isFalse();
    }
    // A server that answers any bytes with a plain-HTTP line and closes: a TLS handshake attempted
    // against it fails at once with an SSLException (MockWebServer would wait for a request line).
    try (ServerSocket plain = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread answer =
          new Thread(
              () -> {
                try (Socket s = plain.accept()) {
                  s.getOutputStream()
                      .write(
                          "HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException ignored) {
                  // the client saw what it saw
                }
              });
      answer.setDaemon(true);
      answer.start();
      Request https =
          new Request.Builder().url("https://127.0.0.1:" + plain.getLocalPort() + "/v2/").build();
      assertThatThrownBy(() -> client.newCall(https).execute()).isInstanceOf(SSLException.class);
      assertThat(tls.tlsReady()).isTrue();
    }
  }
}
