package dev.ocitrust.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;

/**
 * Fetches OCSP responses (HTTP POST {@code application/ocsp-request}) and CRLs (HTTP GET) with an
 * injected {@link HttpClient}, with per-request timeouts (default 2 s for OCSP and 5 s for CRLs, as
 * notation) and size caps (64 KiB per OCSP response, 32 MiB per CRL). Only {@code http} and {@code
 * https} URLs are fetched.
 *
 * <p>Immutable and thread-safe; share one {@link HttpClient}.
 *
 * <pre>{@code
 * HttpRevocationFetcher http = HttpRevocationFetcher.create(HttpClient.newHttpClient());
 * RevocationChecker checker = OcspCrlRevocationChecker.builder().ocspFetcher(http).crlFetcher(http).build();
 * }</pre>
 */
public final class HttpRevocationFetcher implements OcspFetcher, CrlFetcher {
  private static final long MAX_OCSP_BYTES = 64 * 1024;
  private static final long MAX_CRL_BYTES = 32L * 1024 * 1024;

  private final HttpClient client;
  private final Duration ocspTimeout;
  private final Duration crlTimeout;

  private HttpRevocationFetcher(HttpClient client, Duration ocspTimeout, Duration crlTimeout) {
    this.client = Objects.requireNonNull(client, "client");
    this.ocspTimeout = Objects.requireNonNull(ocspTimeout, "ocspTimeout");
    this.crlTimeout = Objects.requireNonNull(crlTimeout, "crlTimeout");
  }

  /** A fetcher with notation's timeouts (2 s OCSP, 5 s CRL). */
  public static HttpRevocationFetcher create(HttpClient client) {
    return create(client, Duration.ofSeconds(2), Duration.ofSeconds(5));
  }

  /** A fetcher with the given timeouts. */
  public static HttpRevocationFetcher create(
      HttpClient client, Duration ocspTimeout, Duration crlTimeout) {
    return new HttpRevocationFetcher(client, ocspTimeout, crlTimeout);
  }

  @Override
  public byte[] fetchOcsp(URI responder, byte[] request) throws IOException {
    HttpRequest r =
        HttpRequest.newBuilder(checked(responder))
            .timeout(ocspTimeout)
            .header("Content-Type", "application/ocsp-request")
            .header("Accept", "application/ocsp-response")
            .POST(HttpRequest.BodyPublishers.ofByteArray(request))
            .build();
    return send(r, MAX_OCSP_BYTES);
  }

  @Override
  public byte[] fetchCrl(URI distributionPoint) throws IOException {
    HttpRequest r =
        HttpRequest.newBuilder(checked(distributionPoint)).timeout(crlTimeout).GET().build();
    return send(r, MAX_CRL_BYTES);
  }

  private static URI checked(URI uri) throws IOException {
    String scheme = uri.getScheme();
    if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
      throw new IOException("refusing to fetch revocation data from non-HTTP URL " + uri);
    }
    return uri;
  }

  private byte[] send(HttpRequest request, long max) throws IOException {
    HttpResponse<InputStream> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while fetching " + request.uri());
    }
    try (InputStream in = response.body()) {
      if (response.statusCode() != 200) {
        throw new IOException(request.uri() + " answered HTTP " + response.statusCode());
      }
      byte[] body = in.readNBytes((int) max + 1);
      if (body.length > max) {
        throw new IOException(request.uri() + " answered more than " + max + " bytes");
      }
      return body;
    }
  }

  @Override
  public String toString() {
    return "HttpRevocationFetcher{ocsp " + ocspTimeout + ", crl " + crlTimeout + "}";
  }
}
