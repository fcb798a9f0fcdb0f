package dev.ocitrust.client.internal.remote;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import okhttp3.Authenticator;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.Route;
import org.jspecify.annotations.Nullable;

/**
 * Picks the proxy of a request (HTTPS or plain HTTP, {@code NO_PROXY} applied) and answers a
 * proxy's {@code 407} with that proxy's own credential, never another's and never a registry's: the
 * proxy authenticator OkHttp calls for {@code CONNECT} and for proxied plain-HTTP requests.
 *
 * <p>Immutable and thread-safe.
 */
public final class ProxyRouting extends ProxySelector implements Authenticator {
  /** One proxy and the {@code Proxy-Authorization} value for it, if it has credentials. */
  public record Server(Proxy proxy, @Nullable String authorization) {
    /** {@code host:port} of the proxy. */
    String name() {
      InetSocketAddress a = (InetSocketAddress) proxy.address();
      return a.getHostString() + ":" + a.getPort();
    }
  }

  private final @Nullable Server https;
  private final @Nullable Server http;
  private final NoProxy noProxy;

  /** Routes HTTPS requests to {@code https}, plain HTTP to {@code http}, except {@code noProxy}. */
  public ProxyRouting(@Nullable Server https, @Nullable Server http, NoProxy noProxy) {
    this.https = https;
    this.http = http;
    this.noProxy = noProxy;
  }

  @Override
  public List<Proxy> select(URI uri) {
    Server s = serverFor(uri.getScheme(), uri.getHost(), uri.getPort());
    return List.of(s == null ? Proxy.NO_PROXY : s.proxy());
  }

  /** The proxy ({@code host:port}) a request to {@code url} goes through, if any. */
  public Optional<String> proxyOf(HttpUrl url) {
    return Optional.ofNullable(serverFor(url.scheme(), url.host(), url.port())).map(Server::name);
  }

  private @Nullable Server serverFor(@Nullable String scheme, @Nullable String host, int port) {
    if (scheme == null || host == null) {
      return null;
    }
    boolean secure = scheme.equalsIgnoreCase("https");
    Server s = secure ? https : scheme.equalsIgnoreCase("http") ? http : null;
    int p = port >= 0 ? port : secure ? 443 : 80;
    return s == null || noProxy.bypass(host, p) ? null : s;
  }

  @Override
  public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
    // nothing to learn: the request fails and names the proxy
  }

  @Override
  public @Nullable Request authenticate(@Nullable Route route, Response response) {
    if (route == null) {
      return null;
    }
    String authorization = null;
    for (Server s : new Server[] {https, http}) {
      if (s != null && s.proxy().equals(route.proxy())) {
        authorization = s.authorization();
      }
    }
    if (authorization == null || response.request().header("Proxy-Authorization") != null) {
      // no credential for this proxy, or it refused the one sent: the 407 stands
      return null;
    }
    return response.request().newBuilder().header("Proxy-Authorization", authorization).build();
  }
}
