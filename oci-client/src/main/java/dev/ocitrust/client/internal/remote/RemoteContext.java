package dev.ocitrust.client.internal.remote;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.Digest;
import dev.ocitrust.client.RegistryConnectionException;
import dev.ocitrust.client.TransferListener;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * Everything a repository's collaborators need: the HTTP client, the registry's base URL and auth
 * scope, the repository name, and state shared by all repositories of one client.
 *
 * <p>Thread-safe.
 */
public final class RemoteContext {
  /** Docker Hub's API host. */
  static final String DOCKER_HUB_API = "registry-1.docker.io";

  /** The most repositories one client remembers a {@link RepositoryState} of (least recent go). */
  static final int MAX_REPOSITORIES = 1024;

  /** What all repositories of one client share. */
  public static final class Shared {
    final OkHttpClient http;
    final HostPolicy hosts;
    final TransferListener listener;
    final long chunkSize;
    final int maxPages;
    final int maxAttempts;
    final LruCache<String, RepositoryState> states = new LruCache<>(MAX_REPOSITORIES);
    final GroupCommit indexUpdates = new GroupCommit();
    final @Nullable ProxyRouting proxies;

    /** Creates the shared part. */
    public Shared(
        OkHttpClient http,
        HostPolicy hosts,
        TransferListener listener,
        long chunkSize,
        int maxPages,
        int maxAttempts) {
      this(http, hosts, listener, chunkSize, maxPages, maxAttempts, null);
    }

    /** Creates the shared part, with the proxy routing the client was built with. */
    public Shared(
        OkHttpClient http,
        HostPolicy hosts,
        TransferListener listener,
        long chunkSize,
        int maxPages,
        int maxAttempts,
        @Nullable ProxyRouting proxies) {
      this.proxies = proxies;
      this.http = http;
      this.hosts = hosts;
      this.listener = listener;
      this.chunkSize = chunkSize;
      this.maxPages = maxPages;
      this.maxAttempts = maxAttempts;
    }
  }

  /** What one client knows about one repository; forgetting it costs a request, no more. */
  static final class RepositoryState {
    /** Whether the referrers API works here: null while unknown. */
    volatile @Nullable Boolean referrersApi;

    /** The fallback-index entries this client wrote here (see {@link OwnReferrers}). */
    final OwnReferrers ownReferrers = new OwnReferrers();
  }

  private final Shared shared;
  private final String registry;
  private final @Nullable String repository;
  private final HttpUrl base;
  private final AuthScope scope;

  /** A fresh heartbeat for one long transfer on this client (see {@link TimeoutHeartbeat}). */
  TimeoutHeartbeat heartbeat() {
    long read = shared.http.readTimeoutMillis();
    long write = shared.http.writeTimeoutMillis();
    long shortest = read == 0 ? write : write == 0 ? read : Math.min(read, write);
    return new TimeoutHeartbeat(shortest);
  }

  /** A context for {@code repository} (null for registry-wide requests) of {@code registry}. */
  public RemoteContext(Shared shared, String registry, @Nullable String repository) {
    this.shared = shared;
    this.registry = registry;
    this.repository = repository;
    String apiHost = registry.equals("docker.io") ? DOCKER_HUB_API : registry;
    HttpUrl parsed = HttpUrl.parse(shared.hosts.scheme(apiHost) + "://" + apiHost + "/v2/");
    if (parsed == null) {
      throw new IllegalArgumentException("invalid registry '" + registry + "'");
    }
    this.base = parsed;
    this.scope = new AuthScope(registry, HostPolicy.registryOf(parsed), java.util.List.of());
  }

  /** The registry name, {@code host[:port]}. */
  public String registry() {
    return registry;
  }

  /** The repository name. */
  public String repository() {
    if (repository == null) {
      throw new IllegalStateException("registry-wide context");
    }
    return repository;
  }

  /** {@code scheme://host[:port]/v2/}. */
  public HttpUrl base() {
    return base;
  }

  /** The registry's auth scope without scopes. */
  public AuthScope scope() {
    return scope;
  }

  /** The client's transfer listener. */
  public TransferListener listener() {
    return shared.listener;
  }

  /** The configured chunk size (0: monolithic uploads). */
  public long chunkSize() {
    return shared.chunkSize;
  }

  /** The most pages read by a listing. */
  public int maxPages() {
    return shared.maxPages;
  }

  /** How many times a request may be sent. */
  public int maxAttempts() {
    return shared.maxAttempts;
  }

  /** {@code /v2/<name>/<segments...>}; a segment may hold slashes. */
  public HttpUrl url(String... segments) {
    HttpUrl.Builder b = base.newBuilder().addPathSegments(repository());
    for (String s : segments) {
      b.addPathSegments(s);
    }
    return b.build();
  }

  /** Whether two contexts talk to the same registry origin through the same client. */
  public boolean sameRegistryAs(RemoteContext other) {
    return shared == other.shared
        && scope.origin().equals(other.scope.origin())
        && registry.equals(other.registry);
  }

  RepositoryState state() {
    return shared.states.computeIfAbsent(registry + "/" + repository(), k -> new RepositoryState());
  }

  /**
   * Changes the fallback referrers index of {@code subject} in this repository through {@code
   * write}, grouped with concurrent changes of the same index by this client ({@link GroupCommit}).
   */
  void updateIndex(
      Digest subject, List<Descriptor> add, Set<Digest> remove, GroupCommit.Write write)
      throws IOException {
    shared.indexUpdates.update(registry + "/" + repository() + "@" + subject, add, remove, write);
  }

  /** Sends {@code request} tagged with {@code auth}. The caller closes the response. */
  public Response execute(Request.Builder request, AuthScope auth) throws IOException {
    Request built = request.tag(AuthScope.class, auth).build();
    try {
      return send(shared.http, built);
    } catch (IOException e) {
      throw throughProxy(built.url(), e);
    }
  }

  /**
   * {@code e} as a {@link RegistryConnectionException} naming the proxy, when the request went
   * through one and failed there (refused, tunnel refused, proxy credentials wanted); else {@code
   * e}.
   */
  private IOException throughProxy(HttpUrl url, IOException e) {
    ProxyRouting proxies = shared.proxies;
    if (proxies == null) {
      return e;
    }
    Optional<String> proxy = proxies.proxyOf(url);
    if (proxy.isEmpty()) {
      return e;
    }
    Throwable cause =
        e instanceof RegistryConnectionException && e.getCause() != null ? e.getCause() : e;
    String message = String.valueOf(cause.getMessage());
    boolean atProxy =
        cause instanceof java.net.ConnectException
            || message.contains("CONNECT")
            || message.contains("authenticate with proxy");
    return atProxy && cause instanceof IOException io
        ? RegistryConnectionException.throughProxy(HostPolicy.registryOf(url), proxy.get(), io)
        : e;
  }

  /**
   * Sends {@code request} through {@code http}; a registry that cannot be talked to (unknown host,
   * refused, not TLS, untrusted certificate) is a {@link RegistryConnectionException} naming the
   * request's host. The caller closes the response.
   */
  static Response send(OkHttpClient http, Request request) throws IOException {
    try {
      return http.newCall(request).execute();
    } catch (IOException e) {
      Optional<RegistryConnectionException> named =
          RegistryConnectionException.of(HostPolicy.registryOf(request.url()), e);
      if (named.isPresent()) {
        throw named.get();
      }
      Optional<RegistryConnectionException> refused =
          ClientCertificateProbe.clientCertificateRefusal(http, request.url(), e);
      if (refused.isPresent()) {
        throw refused.get();
      }
      throw e;
    }
  }

  /**
   * Checks that {@code location} (a {@code Location} header) resolves against {@code from} to an
   * HTTP(S) URL that the host policy permits.
   */
  public @Nullable HttpUrl resolveLocation(HttpUrl from, @Nullable String location) {
    if (location == null) {
      return null;
    }
    HttpUrl url = from.resolve(location);
    if (url == null) {
      return null;
    }
    if (!url.isHttps() && !shared.hosts.allowsPlainHttp(HostPolicy.registryOf(url))) {
      return null;
    }
    return url;
  }
}
