package dev.ocitrust.policy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The default revocation fetcher: an {@link HttpRevocationFetcher} whose {@link HttpClient} is made
 * on the first fetch, not when the checker is built. Building an {@code HttpClient} sets up the
 * JDK's default TLS context and a second HTTP stack (about a tenth of a second and several hundred
 * classes in a fresh process), which a verification whose certificates name no OCSP responder and
 * no CRL distribution point never uses.
 *
 * <p>Thread-safe.
 */
final class LazyHttpRevocationFetcher implements OcspFetcher, CrlFetcher {
  private final Duration connectTimeout;
  private @Nullable HttpRevocationFetcher http;

  LazyHttpRevocationFetcher(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  @Override
  public byte[] fetchOcsp(URI responder, byte[] request) throws IOException {
    return http().fetchOcsp(responder, request);
  }

  @Override
  public byte[] fetchCrl(URI distributionPoint) throws IOException {
    return http().fetchCrl(distributionPoint);
  }

  /** Whether the HTTP client has been made (tests). */
  synchronized boolean started() {
    return http != null;
  }

  private synchronized HttpRevocationFetcher http() {
    if (http == null) {
      http =
          HttpRevocationFetcher.create(
              HttpClient.newBuilder().connectTimeout(connectTimeout).build());
    }
    return http;
  }

  @Override
  public String toString() {
    return "HttpRevocationFetcher (made on first use)";
  }
}
