package dev.ocitrust.client.internal.remote;

import java.io.IOException;
import java.util.List;
import okhttp3.Interceptor;
import okhttp3.Request;

/**
 * Tags a request without an {@link AuthScope} with one for its own origin and no token scopes, so
 * that {@link AuthInterceptor} gives it the credentials held for that {@code host[:port]}: how
 * requests to services beside registries (a transparency service) are authenticated.
 *
 * <p>Thread-safe: stateless.
 */
public final class OriginScopeInterceptor implements Interceptor {
  @Override
  public okhttp3.Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    if (request.tag(AuthScope.class) != null) {
      return chain.proceed(request);
    }
    String origin = HostPolicy.registryOf(request.url());
    return chain.proceed(
        request
            .newBuilder()
            .tag(AuthScope.class, new AuthScope(origin, origin, List.of()))
            .build());
  }
}
