package dev.ocitrust.client.internal.remote;

import java.io.IOException;
import java.util.List;
import okhttp3.ConnectionSpec;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * TLS set up on the first HTTPS request instead of when the client is built. OkHttp reads the JDK's
 * trust store and makes an {@code SSLContext} as soon as a client that may speak TLS is built
 * (about a tenth of a second and a few hundred classes), which a process that only talks plain HTTP
 * to a local registry, or only reads a layout, never needs. A registry client without TLS settings
 * of its own is therefore built cleartext-only, with this as its last application interceptor: a
 * plain-HTTP request goes on down its chain, an HTTPS one (a registry, a token realm, a redirect to
 * blob storage) is sent by the TLS client, built once on demand from the same connection pool,
 * dispatcher, timeouts and network interceptors, with the JDK's default trust and OkHttp's default
 * TLS connection specs, exactly what the client would have had when built eagerly.
 *
 * <p>Thread-safe.
 */
public final class TlsOnDemand implements Interceptor {
  private final OkHttpClient cleartext;
  private @Nullable OkHttpClient tls;

  /**
   * Creates the interceptor for a client whose network side is {@code cleartext}: its pool,
   * dispatcher, socket factory, timeouts and network interceptors; redirects off.
   */
  public TlsOnDemand(OkHttpClient cleartext) {
    this.cleartext = cleartext;
  }

  /** {@code builder} made cleartext-only: building it sets up no TLS. */
  public static OkHttpClient.Builder cleartextOnly(OkHttpClient.Builder builder) {
    return builder.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT));
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    if (!request.url().isHttps()) {
      return chain.proceed(request);
    }
    return tls().newCall(request).execute();
  }

  /** Whether the TLS client has been built (tests). */
  synchronized boolean tlsReady() {
    return tls != null;
  }

  private synchronized OkHttpClient tls() {
    if (tls == null) {
      tls =
          cleartext
              .newBuilder()
              .connectionSpecs(List.of(ConnectionSpec.MODERN_TLS, ConnectionSpec.CLEARTEXT))
              .build();
    }
    return tls;
  }
}
