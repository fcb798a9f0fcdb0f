package dev.ocitrust.client.internal.remote;

import java.io.IOException;
import java.util.List;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * Adds credentials to requests tagged with an {@link AuthScope} whose URL is that registry's
 * origin, and answers one {@code 401} challenge per request by asking the {@link Authenticator}.
 * Requests to other origins, and requests that already carry {@code Authorization}, pass through. A
 * request whose body cannot be sent twice is not repeated after a challenge; its 401 stands.
 *
 * <p>Thread-safe.
 */
public final class AuthInterceptor implements Interceptor {
  private final Authenticator authenticator;

  /** Creates the interceptor. */
  public AuthInterceptor(Authenticator authenticator) {
    this.authenticator = authenticator;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    AuthScope scope = request.tag(AuthScope.class);
    if (scope == null) {
      return chain.proceed(request);
    }
    if (!scope.origin().equals(HostPolicy.registryOf(request.url()))) {
      return chain.proceed(request.newBuilder().removeHeader("Authorization").build());
    }
    if (request.header("Authorization") != null) {
      return chain.proceed(request);
    }
    @Nullable String sent = authenticator.preemptive(scope);
    Response response = chain.proceed(withAuthorization(request, sent));
    if (response.code() != 401) {
      return response;
    }
    if (request.body() != null && request.body().isOneShot()) {
      return response;
    }
    List<String> challenges = response.headers("WWW-Authenticate");
    if (challenges.isEmpty()) {
      return response;
    }
    @Nullable String answer;
    try {
      answer = authenticator.answer(scope, challenges, sent, response);
    } catch (IOException | RuntimeException e) {
      response.close();
      throw e;
    }
    if (answer == null) {
      return response;
    }
    response.close();
    return chain.proceed(withAuthorization(request, answer));
  }

  private static Request withAuthorization(Request request, @Nullable String value) {
    return value == null ? request : request.newBuilder().header("Authorization", value).build();
  }
}
