package dev.ocitrust.cose;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * An RFC 3161 time stamping authority reached over HTTP (POST {@code application/timestamp-query},
 * answer {@code application/timestamp-reply}), on an injected {@link HttpClient}. Responses are
 * capped at 1 MiB.
 *
 * <p>Immutable and thread-safe; share one {@link HttpClient} between instances.
 *
 * <pre>{@code
 * TimestampAuthority tsa =
 *     HttpTimestampAuthority.create(HttpClient.newHttpClient(), URI.create("http://timestamp.example/tsa"));
 * }</pre>
 */
public final class HttpTimestampAuthority implements TimestampAuthority {
  private static final int MAX_RESPONSE = 1 << 20;

  private final HttpClient client;
  private final URI uri;
  private final Duration timeout;

  private HttpTimestampAuthority(HttpClient client, URI uri, Duration timeout) {
    this.client = client;
    this.uri = uri;
    this.timeout = timeout;
  }

  /**
   * An authority at {@code uri} with a 10 s request timeout.
   *
   * @throws IllegalArgumentException if {@code uri} is not http or https
   */
  public static HttpTimestampAuthority create(HttpClient client, URI uri) {
    return create(client, uri, Duration.ofSeconds(10));
  }

  /**
   * An authority at {@code uri} with the given request timeout.
   *
   * @throws IllegalArgumentException if {@code uri} is not http or https
   */
  public static HttpTimestampAuthority create(HttpClient client, URI uri, Duration timeout) {
    String scheme = uri.getScheme();
    if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
      throw new IllegalArgumentException("time stamp authority URI must be http(s): " + uri);
    }
    return new HttpTimestampAuthority(client, uri, timeout);
  }

  @Override
  public byte[] timestamp(byte[] timeStampRequest) throws IOException, TimestampException {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Content-Type", "application/timestamp-query")
            .header("Accept", "application/timestamp-reply")
            .POST(HttpRequest.BodyPublishers.ofByteArray(timeStampRequest))
            .build();
    HttpResponse<InputStream> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for " + uri, e);
    }
    try (InputStream body = response.body()) {
      if (response.statusCode() != 200) {
        throw new TimestampException(
            "time stamp authority " + uri + " answered HTTP " + response.statusCode());
      }
      String type = response.headers().firstValue("Content-Type").orElse("");
      if (!type.toLowerCase(java.util.Locale.ROOT).startsWith("application/timestamp-reply")) {
        throw new TimestampException(
            "time stamp authority "
                + uri
                + " answered Content-Type \""
                + type
                + "\", expected application/timestamp-reply");
      }
      byte[] bytes = body.readNBytes(MAX_RESPONSE + 1);
      if (bytes.length > MAX_RESPONSE) {
        throw new TimestampException("time stamp response from " + uri + " exceeds 1 MiB");
      }
      return bytes;
    }
  }

  @Override
  public String toString() {
    return "HttpTimestampAuthority[" + uri + "]";
  }
}
