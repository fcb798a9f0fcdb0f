package dev.ocitrust.client.internal.remote;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets {@code User-Agent} and logs each request at DEBUG: method, URL (query secrets redacted),
 * status and time. Never logs headers or bodies, so no credential or token reaches the log.
 *
 * <p>Thread-safe.
 */
public final class LoggingInterceptor implements Interceptor {
  private static final Logger LOG = LoggerFactory.getLogger("dev.ocitrust.client.http");
  private final String userAgent;

  /** Creates the interceptor. */
  public LoggingInterceptor(String userAgent) {
    this.userAgent = userAgent;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request().newBuilder().header("User-Agent", userAgent).build();
    long start = System.nanoTime();
    Response response = chain.proceed(request);
    if (LOG.isDebugEnabled()) {
      LOG.debug(
          "{} {} -> {} {} ({} ms, {})",
          request.method(),
          Responses.redact(request.url()),
          response.code(),
          response.protocol(),
          (System.nanoTime() - start) / 1_000_000,
          request.header("Authorization") == null ? "anonymous" : "authorization <redacted>");
    }
    return response;
  }
}
