package dev.ocitrust.client.internal.remote;

import dev.ocitrust.client.HttpLogger;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets {@code User-Agent} and logs each request at DEBUG: method, URL (query secrets redacted),
 * status and time. Never logs headers or bodies, so no credential or token reaches the log. With an
 * {@link HttpLogger}, also hands it every exchange with its headers, secrets redacted (see {@link
 * #redactHeader}).
 *
 * <p>Thread-safe.
 */
public final class LoggingInterceptor implements Interceptor {
  private static final Logger LOG = LoggerFactory.getLogger("dev.ocitrust.client.http");
  private static final Set<String> SECRET_HEADERS =
      Set.of("authorization", "proxy-authorization", "cookie", "set-cookie");
  private static final Set<String> URL_HEADERS = Set.of("location", "content-location");

  private final String userAgent;
  private final @Nullable HttpLogger exchanges;

  /** Creates the interceptor. */
  public LoggingInterceptor(String userAgent) {
    this(userAgent, null);
  }

  /** Creates the interceptor, handing every exchange to {@code exchanges} when not null. */
  public LoggingInterceptor(String userAgent, @Nullable HttpLogger exchanges) {
    this.userAgent = userAgent;
    this.exchanges = exchanges;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request().newBuilder().header("User-Agent", userAgent).build();
    HttpLogger out = exchanges;
    if (out != null) {
      out.log("--> " + request.method() + " " + Responses.redact(request.url()));
      headers(out, request.headers(), request.url());
    }
    long start = System.nanoTime();
    Response response;
    try {
      response = chain.proceed(request);
    } catch (IOException e) {
      if (out != null) {
        out.log("<-- failed " + Responses.redact(request.url()) + ": " + e);
      }
      throw e;
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    if (out != null) {
      out.log(
          "<-- "
              + response.code()
              + " "
              + Responses.redact(request.url())
              + " ("
              + millis
              + " ms, "
              + response.protocol()
              + ")");
      headers(out, response.headers(), request.url());
    }
    if (LOG.isDebugEnabled()) {
      LOG.debug(
          "{} {} -> {} {} ({} ms, {})",
          request.method(),
          Responses.redact(request.url()),
          response.code(),
          response.protocol(),
          millis,
          request.header("Authorization") == null ? "anonymous" : "authorization <redacted>");
    }
    return response;
  }

  private static void headers(HttpLogger out, Headers headers, HttpUrl url) {
    for (int i = 0; i < headers.size(); i++) {
      out.log(
          "    " + headers.name(i) + ": " + redactHeader(headers.name(i), headers.value(i), url));
    }
  }

  /**
   * The value of header {@code name} as it may be shown: credentials reduced to their scheme, URLs
   * redacted as {@link Responses#redact} does (relative ones resolved against {@code base}), a
   * {@code Link} header's URL likewise.
   */
  public static String redactHeader(String name, String value, HttpUrl base) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (SECRET_HEADERS.contains(lower)) {
      int space = value.indexOf(' ');
      return lower.endsWith("authorization") && space > 0
          ? value.substring(0, space) + " <redacted>"
          : "<redacted>";
    }
    if (URL_HEADERS.contains(lower)) {
      HttpUrl url = base.resolve(value);
      return url == null ? "<redacted>" : Responses.redact(url);
    }
    if (lower.equals("link")) {
      int open = value.indexOf('<');
      int close = value.indexOf('>', open + 1);
      if (open < 0 || close < 0) {
        return "<redacted>";
      }
      HttpUrl url = base.resolve(value.substring(open + 1, close));
      return value.substring(0, open + 1)
          + (url == null ? "redacted" : Responses.redact(url))
          + value.substring(close);
    }
    return value;
  }
}
