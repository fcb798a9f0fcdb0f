package dev.ocitrust.client.internal.remote;

import dev.ocitrust.client.RegistryException;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Follows redirects (301, 302, 303, 307, 308) for a client whose own redirect following is off: at
 * most {@value #MAX_REDIRECTS} hops, a loop is an error, HTTPS never goes down to plain HTTP unless
 * the target host is allowed plain HTTP, and {@code Authorization} is never carried to another
 * origin (the {@link AuthInterceptor} below adds credentials only for the registry's own origin). A
 * 303, or a 301/302 of a request other than GET/HEAD, becomes a GET without body; 307 and 308 keep
 * method and body, if the body can be sent again.
 *
 * <p>Thread-safe.
 */
public final class RedirectInterceptor implements Interceptor {
  /** The most redirects followed for one request. */
  public static final int MAX_REDIRECTS = 10;

  private final HostPolicy hosts;

  /** Creates the interceptor. */
  public RedirectInterceptor(HostPolicy hosts) {
    this.hosts = hosts;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    Set<HttpUrl> seen = new HashSet<>();
    seen.add(request.url());
    for (int hop = 0; ; hop++) {
      Response response = chain.proceed(request);
      int code = response.code();
      if (!isRedirect(code)) {
        return response;
      }
      String location = response.header("Location");
      if (location == null) {
        return response;
      }
      HttpUrl next = request.url().resolve(location);
      if (next == null) {
        throw Responses.violation(response, null, null, "redirect to an invalid Location");
      }
      if (hop >= MAX_REDIRECTS) {
        response.close();
        throw redirectError(request, "more than " + MAX_REDIRECTS + " redirects");
      }
      if (!seen.add(next)) {
        response.close();
        throw redirectError(request, "redirect loop back to " + Responses.redact(next));
      }
      if (request.url().isHttps()
          && !next.isHttps()
          && !hosts.allowsPlainHttp(HostPolicy.registryOf(next))) {
        response.close();
        throw redirectError(request, "redirect from HTTPS to plain HTTP " + Responses.redact(next));
      }
      Request.Builder b = request.newBuilder().url(next);
      if (!sameOrigin(request.url(), next)) {
        b.removeHeader("Authorization");
      }
      boolean keepBody = code == 307 || code == 308;
      if (!keepBody && !(request.method().equals("GET") || request.method().equals("HEAD"))) {
        b.method("GET", null).removeHeader("Content-Type").removeHeader("Content-Length");
      } else if (keepBody && request.body() != null && request.body().isOneShot()) {
        return response; // cannot send the body again: the caller sees the redirect
      }
      response.close();
      request = b.build();
    }
  }

  static boolean isRedirect(int code) {
    return code == 301 || code == 302 || code == 303 || code == 307 || code == 308;
  }

  /** Whether two URLs have the same scheme, host and port. */
  public static boolean sameOrigin(HttpUrl a, HttpUrl b) {
    return a.scheme().equals(b.scheme()) && a.host().equals(b.host()) && a.port() == b.port();
  }

  private static RegistryException redirectError(Request request, String what) {
    return new RegistryException(
        0, request.method(), Responses.redact(request.url()), null, null, List.of(), what);
  }
}
