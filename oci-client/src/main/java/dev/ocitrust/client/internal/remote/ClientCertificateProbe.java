package dev.ocitrust.client.internal.remote;

import dev.ocitrust.client.RegistryConnectionException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import okhttp3.ConnectionSpec;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Finds out why a TLS 1.3 connection broke right after its handshake. A server that requires a
 * client certificate (and got none, or one it does not accept) sends its alert after the client's
 * handshake has already completed, so the client's first write fails with a bare "Broken pipe",
 * "Connection reset" or an HTTP/2 connection shutdown. The probe makes one more TLS connection with
 * the same socket factory, reads, and names the server's alert ("Received fatal alert:
 * bad_certificate") when there is one, saying whether the handshake carried a client certificate.
 * Only used on a failure path; bounded by a short deadline. Stateless and thread-safe.
 */
final class ClientCertificateProbe {
  private static final Duration DEADLINE = Duration.ofSeconds(3);
  private static final Pattern CERTIFICATE_ALERT =
      Pattern.compile(
          "alert: (certificate_required|bad_certificate|unknown_ca|certificate_unknown"
              + "|unsupported_certificate|certificate_expired|certificate_revoked|access_denied)");

  private ClientCertificateProbe() {}

  /**
   * The exception for {@code failure} (a request to {@code url} that broke) when the server at
   * {@code url} refuses a fresh connection for want of an acceptable client certificate; empty
   * otherwise or when the probe itself fails.
   */
  static Optional<RegistryConnectionException> clientCertificateRefusal(
      OkHttpClient http, HttpUrl url, IOException failure) {
    // a broken pipe, a reset, an HTTP/2 connection shut down under the first stream; not a timeout
    if (!url.isHttps() || failure instanceof InterruptedIOException) {
      return Optional.empty();
    }
    Proxy proxy = http.proxy();
    if (proxy != null && proxy.type() != Proxy.Type.DIRECT) {
      return Optional.empty();
    }
    int timeout = (int) DEADLINE.toMillis();
    boolean handshook = false;
    boolean sent = false;
    try (Socket raw = http.socketFactory().createSocket()) {
      raw.connect(new InetSocketAddress(url.host(), url.port()), timeout);
      raw.setSoTimeout(timeout);
      try (SSLSocket tls =
          (SSLSocket) socketFactory(http).createSocket(raw, url.host(), url.port(), true)) {
        tls.startHandshake();
        handshook = true;
        sent = tls.getSession().getLocalCertificates() != null;
        int ignored = tls.getInputStream().read();
        return Optional.empty();
      }
    } catch (SSLException alert) {
      String message = String.valueOf(alert.getMessage());
      if (!CERTIFICATE_ALERT.matcher(message).find()) {
        return Optional.empty();
      }
      alert.addSuppressed(failure);
      String host = HostPolicy.registryOf(url);
      // after a completed handshake the client knows whether it sent a certificate; when the
      // alert came first, TLS 1.3's certificate_required says that none was (RFC 8446 §4.4.2.4)
      boolean noneSent = (handshook && !sent) || message.contains("certificate_required");
      return Optional.of(RegistryConnectionException.clientCertificate(host, !noneSent, alert));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static SSLSocketFactory socketFactory(OkHttpClient http) {
    boolean tls = http.connectionSpecs().stream().anyMatch(ConnectionSpec::isTls);
    // a cleartext-only client (TLS on demand) sends HTTPS with the JDK's default TLS
    return tls ? http.sslSocketFactory() : (SSLSocketFactory) SSLSocketFactory.getDefault();
  }
}
