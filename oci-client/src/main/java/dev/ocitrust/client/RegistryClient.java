package dev.ocitrust.client;

import dev.ocitrust.client.internal.remote.AuthInterceptor;
import dev.ocitrust.client.internal.remote.Authenticator;
import dev.ocitrust.client.internal.remote.DeadlineInterceptor;
import dev.ocitrust.client.internal.remote.HostPolicy;
import dev.ocitrust.client.internal.remote.LoggingInterceptor;
import dev.ocitrust.client.internal.remote.NoDelaySocketFactory;
import dev.ocitrust.client.internal.remote.NoProxy;
import dev.ocitrust.client.internal.remote.OriginScopeInterceptor;
import dev.ocitrust.client.internal.remote.Pager;
import dev.ocitrust.client.internal.remote.ProxyRouting;
import dev.ocitrust.client.internal.remote.RedirectInterceptor;
import dev.ocitrust.client.internal.remote.RemoteContext;
import dev.ocitrust.client.internal.remote.Responses;
import dev.ocitrust.client.internal.remote.RetryInterceptor;
import dev.ocitrust.client.internal.remote.TlsOnDemand;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.ConnectionPool;
import okhttp3.Credentials;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * A client for OCI registries (distribution-spec v1.1): hands out {@link Repository} targets and
 * lists a registry's catalog. Holds the configuration (credentials, retry policy, {@link Timeouts},
 * plain-HTTP hosts, user agent, transfer listener) and one shared {@link OkHttpClient}, so create
 * one client per configuration and share it: every repository of a client reuses its connections,
 * its token cache and its knowledge of which registries support the referrers API.
 *
 * <p>HTTPS is used for every registry except those named with {@link
 * Builder#insecurePlainHttp(String)} and, when {@link
 * Builder#insecurePlainHttpForLoopback(boolean)} is set, loopback addresses.
 *
 * <p>Immutable and thread-safe. {@link #close()} releases the connection pool and threads only when
 * the client built its own {@code OkHttpClient}; an injected one is left to its owner.
 *
 * <pre>{@code
 * try (RegistryClient client = RegistryClient.builder()
 *     .credentials(DockerCredentials.fromEnvironment())
 *     .build()) {
 *   Repository repo = client.repository("ghcr.io/acme/net-monitor");
 *   Descriptor v1 = repo.resolve("v1");
 * }
 * }</pre>
 */
public final class RegistryClient implements AutoCloseable {
  private final Builder config;
  private final OkHttpClient base;
  private final boolean ownsBase;
  private final RemoteContext.Shared shared;
  private final Timeouts timeouts;
  private final OkHttpClient serviceHttp;

  private RegistryClient(Builder b) {
    this.config = b.copy();
    this.ownsBase = b.okHttpClient == null;
    // A client of its own without TLS settings sets TLS up on its first HTTPS request only.
    boolean tlsOnDemand = ownsBase && b.sslSocketFactory == null && b.hostnameVerifier == null;
    OkHttpClient own =
        b.okHttpClient != null
            ? b.okHttpClient
            : tlsOnDemand
                ? TlsOnDemand.cleartextOnly(defaultOkHttpClientBuilder()).build()
                : defaultOkHttpClient();
    ProxyRouting proxies = proxyRouting(b.proxy);
    this.base = withProxy(withTls(own, b), proxies);
    HostPolicy hosts =
        new HostPolicy(b.plainHttpHosts, b.plainHttpLoopback, b.registryHosts::insecure);
    OkHttpClient.Builder sockets = base.newBuilder();
    if (b.timeouts != null || ownsBase) {
      Timeouts t = b.timeouts != null ? b.timeouts : Timeouts.defaults();
      sockets.connectTimeout(t.connect()).readTimeout(t.read()).writeTimeout(t.write());
    }
    OkHttpClient timed = sockets.build();
    // the limits in force: the socket timeouts of the OkHttp client (an injected one keeps its own
    // unless timeouts were set), the deadline and stall rule of the builder
    Timeouts limits =
        (b.timeouts != null ? b.timeouts : Timeouts.defaults())
            .toBuilder()
                .connect(Duration.ofMillis(timed.connectTimeoutMillis()))
                .read(Duration.ofMillis(timed.readTimeoutMillis()))
                .write(Duration.ofMillis(timed.writeTimeoutMillis()))
                .build();
    this.timeouts = limits;
    DeadlineInterceptor deadlines = new DeadlineInterceptor(limits);
    OkHttpClient network =
        timed
            .newBuilder()
            .followRedirects(false)
            .followSslRedirects(false)
            .addNetworkInterceptor(new LoggingInterceptor(b.userAgent, b.httpLogger))
            .build();
    RetryInterceptor retry = new RetryInterceptor(b.retryPolicy, b.clock, b.sleeper);
    RedirectInterceptor redirect = new RedirectInterceptor(hosts);
    TlsOnDemand tls = tlsOnDemand ? new TlsOnDemand(network) : null;
    OkHttpClient.Builder token =
        network
            .newBuilder()
            .addInterceptor(deadlines)
            .addInterceptor(retry)
            .addInterceptor(redirect);
    if (tls != null) {
      token.addInterceptor(tls);
    }
    OkHttpClient tokenHttp = token.build();
    Authenticator authenticator =
        new Authenticator(b.credentials, tokenHttp, hosts, b.clock, b.oauth2PasswordGrant);
    // the same chain with authentication added (the token client must not authenticate itself)
    OkHttpClient.Builder api =
        network
            .newBuilder()
            .addInterceptor(deadlines)
            .addInterceptor(retry)
            .addInterceptor(redirect)
            .addInterceptor(new AuthInterceptor(authenticator));
    if (tls != null) {
      api.addInterceptor(tls);
    }
    // beside registries (a transparency service): the same stack, redirects left to the caller
    OkHttpClient.Builder service =
        network
            .newBuilder()
            .addInterceptor(deadlines)
            .addInterceptor(retry)
            .addInterceptor(new OriginScopeInterceptor())
            .addInterceptor(new AuthInterceptor(authenticator));
    if (tls != null) {
      service.addInterceptor(tls);
    }
    this.serviceHttp = service.build();
    this.shared =
        new RemoteContext.Shared(
            api.build(),
            hosts,
            b.transferListener,
            b.chunkSize,
            b.maxPages,
            b.retryPolicy.maxAttempts(),
            proxies);
  }

  /**
   * A builder with the defaults: anonymous, HTTPS only, default retry policy, own OkHttp client.
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder starting from this client's configuration. An injected OkHttp client is shared; a
   * client this one built is not (the new client builds its own), so closing either is safe.
   */
  public Builder toBuilder() {
    return config.copy();
  }

  /**
   * The repository named by {@code reference}, e.g. {@code localhost:5000/net-monitor} or {@code
   * ubuntu} (Docker Hub's {@code library/ubuntu}); a tag or digest in it is ignored.
   *
   * @throws InvalidReferenceException when the name breaks the reference grammar
   */
  public Repository repository(String reference) {
    return repository(Reference.parse(reference));
  }

  /** The repository of {@code reference} (its tag or digest is ignored). */
  public Repository repository(Reference reference) {
    Objects.requireNonNull(reference, "reference");
    return new Repository(context(reference.registry(), reference.repository()));
  }

  /**
   * The target that {@code reference} is read from under the client's {@link RegistryHosts}: its
   * {@link Repository} when no entry gives it mirrors (at the entry's location, if it has one),
   * else a {@link MirroredRepository} that reads through the mirrors and writes to the primary.
   * Policies should still be chosen by {@code reference}, the logical name.
   *
   * @throws BlockedRegistryException when the configuration blocks the reference
   * @throws InvalidReferenceException when a configured location makes it invalid
   */
  public Target target(Reference reference) throws BlockedRegistryException {
    RegistryRoute route =
        config.registryHosts.route(Objects.requireNonNull(reference, "reference"));
    Repository primary = repository(route.primary());
    if (route.mirrors().isEmpty()) {
      return primary;
    }
    List<Repository> mirrors = new ArrayList<>();
    for (RegistryRoute.Mirror m : route.mirrors()) {
      mirrors.add(repository(m.reference()));
    }
    return new MirroredRepository(route, primary, mirrors, config.referrerSource);
  }

  /** {@link #target(Reference)} of the parsed {@code reference}. */
  public Target target(String reference) throws BlockedRegistryException {
    return target(Reference.parse(reference));
  }

  /** The registry host configuration. */
  public RegistryHosts registryHosts() {
    return config.registryHosts;
  }

  /**
   * The repository names of {@code registry} ({@code host[:port]}), following the catalog's {@code
   * Link} pagination (same origin only, at most the client's page limit).
   */
  public List<String> catalog(String registry) throws IOException {
    RemoteContext context = context(registry, null);
    return Pager.collect(
        context,
        context.base().newBuilder().addPathSegment("_catalog").build(),
        "repositories",
        context.scope().catalog());
  }

  /**
   * Checks that {@code registry} ({@code host[:port]}) answers the distribution API's base endpoint
   * ({@code GET /v2/}) and accepts this client's credentials for it, as {@code docker login} does:
   * a registry with token authentication is asked for a token without any scope.
   *
   * @throws RegistryException when the registry refuses (401: the credentials are rejected or
   *     missing) or answers anything but success
   * @throws IOException when it cannot be reached
   */
  public void ping(String registry) throws IOException {
    RemoteContext context = context(registry, null);
    Response response =
        context.execute(new Request.Builder().get().url(context.base()), context.scope());
    if (!response.isSuccessful()) {
      throw Responses.failure(response, null, null, null);
    }
    response.close();
  }

  /**
   * The limits in force: those of {@link Builder#timeouts(Timeouts)}, with the socket timeouts of
   * an injected OkHttp client when none were set.
   */
  public Timeouts timeouts() {
    return timeouts;
  }

  /**
   * An OkHttp client for HTTP APIs beside the registries, such as a SCITT transparency service
   * (SCRAPI): it shares this client's connections, TLS settings, logging, retry policy and
   * credentials (a request gets what this client's credentials provider holds for the request's
   * {@code host[:port]}, sent as the registries' would be: Basic, or a token from a challenge). It
   * does not follow redirects, so the caller sees a 302 or 303. Closing this registry client, when
   * it owns its connections, closes them for this client too.
   */
  public OkHttpClient serviceHttpClient() {
    return serviceHttp;
  }

  /** The context of {@code registry} (host names are case-insensitive: one spelling here). */
  private RemoteContext context(String registry, @Nullable String repository) {
    return new RemoteContext(shared, registry.toLowerCase(Locale.ROOT), repository);
  }

  /** Releases the connection pool and dispatcher threads, if this client created them. */
  @Override
  public void close() {
    if (ownsBase) {
      base.dispatcher().executorService().shutdown();
      base.connectionPool().evictAll();
    }
  }

  @Override
  public String toString() {
    return "RegistryClient[plainHttp="
        + config.plainHttpHosts
        + ", loopback="
        + config.plainHttpLoopback
        + ", "
        + config.retryPolicy
        + ", "
        + timeouts
        + (config.registryHosts.hosts().isEmpty() ? "" : ", " + config.registryHosts)
        + (config.proxy.isJvm() ? "" : ", " + config.proxy)
        + "]";
  }

  /**
   * {@code client} with the builder's TLS settings, if it has any (sharing pool and dispatcher).
   */
  private static OkHttpClient withTls(OkHttpClient client, Builder b) {
    if (b.sslSocketFactory == null && b.hostnameVerifier == null) {
      return client;
    }
    OkHttpClient.Builder tls = client.newBuilder();
    if (b.sslSocketFactory != null && b.trustManager != null) {
      tls.sslSocketFactory(b.sslSocketFactory, b.trustManager);
    }
    if (b.hostnameVerifier != null) {
      tls.hostnameVerifier(b.hostnameVerifier);
    }
    return tls.build();
  }

  /** The proxy routing of {@code proxy}, or null for the JVM's (OkHttp's default). */
  private static @Nullable ProxyRouting proxyRouting(ProxySettings proxy) {
    if (proxy.isJvm()) {
      return null;
    }
    return new ProxyRouting(
        server(proxy.proxyFor("https")),
        server(proxy.proxyFor("http")),
        NoProxy.parse(proxy.noProxy(), proxy.bypassLoopback()));
  }

  private static ProxyRouting.@Nullable Server server(java.net.@Nullable URI uri) {
    if (uri == null) {
      return null;
    }
    Proxy.Type type = uri.getScheme().equals("socks5") ? Proxy.Type.SOCKS : Proxy.Type.HTTP;
    Proxy proxy = new Proxy(type, InetSocketAddress.createUnresolved(uri.getHost(), uri.getPort()));
    String authorization =
        ProxySettings.credentialOf(uri)
            .map(c -> Credentials.basic(c.username().orElse(""), c.password().orElse("")))
            .orElse(null);
    return new ProxyRouting.Server(proxy, authorization);
  }

  /** {@code client} through {@code proxies}, if set (sharing pool and dispatcher). */
  private static OkHttpClient withProxy(OkHttpClient client, @Nullable ProxyRouting proxies) {
    if (proxies == null) {
      return client;
    }
    return client.newBuilder().proxySelector(proxies).proxyAuthenticator(proxies).build();
  }

  /** The OkHttp client a {@code RegistryClient} builds when none is injected. */
  static OkHttpClient defaultOkHttpClient() {
    return defaultOkHttpClientBuilder().build();
  }

  private static OkHttpClient.Builder defaultOkHttpClientBuilder() {
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequests(256);
    dispatcher.setMaxRequestsPerHost(64);
    return new OkHttpClient.Builder()
        .dispatcher(dispatcher)
        .connectionPool(new ConnectionPool(64, 5, TimeUnit.MINUTES))
        .socketFactory(new NoDelaySocketFactory());
  }

  /** Builds a {@link RegistryClient}. Not thread-safe. */
  public static final class Builder {
    private @Nullable OkHttpClient okHttpClient;
    private CredentialsProvider credentials = CredentialsProvider.ANONYMOUS;
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private @Nullable Timeouts timeouts;
    private Set<String> plainHttpHosts = new LinkedHashSet<>();
    private boolean plainHttpLoopback;
    private String userAgent = "ocitrust";
    private TransferListener transferListener = TransferListener.NONE;
    private long chunkSize;
    private int maxPages = 1000;
    private boolean oauth2PasswordGrant;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.SYSTEM;
    private @Nullable HttpLogger httpLogger;
    private @Nullable SSLSocketFactory sslSocketFactory;
    private @Nullable X509TrustManager trustManager;
    private @Nullable HostnameVerifier hostnameVerifier;
    private RegistryHosts registryHosts = RegistryHosts.none();
    private ReferrerSource referrerSource = ReferrerSource.PRIMARY_REQUIRED;
    private ProxySettings proxy = ProxySettings.jvm();

    private Builder() {}

    private Builder copy() {
      Builder b = new Builder();
      b.okHttpClient = okHttpClient;
      b.credentials = credentials;
      b.retryPolicy = retryPolicy;
      b.timeouts = timeouts;
      b.plainHttpHosts = new LinkedHashSet<>(plainHttpHosts);
      b.plainHttpLoopback = plainHttpLoopback;
      b.userAgent = userAgent;
      b.transferListener = transferListener;
      b.chunkSize = chunkSize;
      b.maxPages = maxPages;
      b.oauth2PasswordGrant = oauth2PasswordGrant;
      b.clock = clock;
      b.sleeper = sleeper;
      b.httpLogger = httpLogger;
      b.sslSocketFactory = sslSocketFactory;
      b.trustManager = trustManager;
      b.hostnameVerifier = hostnameVerifier;
      b.registryHosts = registryHosts;
      b.referrerSource = referrerSource;
      b.proxy = proxy;
      return b;
    }

    /**
     * Where references are read from ({@link #target(Reference)}): locations, mirrors, insecure and
     * blocked namespaces; none by default. Its {@code insecure} hosts are spoken to over plain
     * HTTP.
     */
    public Builder registryHosts(RegistryHosts hosts) {
      this.registryHosts = Objects.requireNonNull(hosts, "hosts");
      return this;
    }

    /**
     * Where a {@link MirroredRepository} lists referrers from; {@link
     * ReferrerSource#PRIMARY_REQUIRED} by default.
     */
    public Builder referrerSource(ReferrerSource source) {
      this.referrerSource = Objects.requireNonNull(source, "source");
      return this;
    }

    /**
     * The HTTP proxies; {@link ProxySettings#jvm()} (the JVM's proxy properties) by default. Set on
     * the OkHttp client, injected or built, with {@code newBuilder()}.
     */
    public Builder proxy(ProxySettings proxy) {
      this.proxy = Objects.requireNonNull(proxy, "proxy");
      return this;
    }

    /**
     * The OkHttp client to share (connection pool, dispatcher, TLS settings, proxies, timeouts).
     * The registry client derives its own from it with {@code newBuilder()} (sharing the pool) and
     * never closes it. Its redirect following is replaced by ocitrust's own.
     */
    public Builder okHttpClient(OkHttpClient client) {
      this.okHttpClient = Objects.requireNonNull(client, "client");
      return this;
    }

    /** Where credentials come from; anonymous by default. */
    public Builder credentials(CredentialsProvider credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials");
      return this;
    }

    /** When to retry; {@link RetryPolicy#defaults()} by default. */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
      return this;
    }

    /**
     * How long to wait on registries: connect, read and write timeouts, the overall deadline of a
     * request and the stall rule of blob transfers; {@link Timeouts#defaults()} by default. An
     * injected {@link #okHttpClient(OkHttpClient)} keeps its own connect, read and write timeouts
     * unless this is set.
     */
    public Builder timeouts(Timeouts timeouts) {
      this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
      return this;
    }

    /**
     * INSECURE: speak plain HTTP (no TLS: no server authentication, no confidentiality) to {@code
     * registry}, {@code host[:port]} (a bare host means every port).
     */
    public Builder insecurePlainHttp(String registry) {
      if (registry.isBlank() || registry.contains("/")) {
        throw new IllegalArgumentException("expected host[:port], got '" + registry + "'");
      }
      plainHttpHosts.add(registry.toLowerCase(Locale.ROOT));
      return this;
    }

    /**
     * INSECURE on shared machines: speak plain HTTP to loopback registries ({@code localhost},
     * {@code 127.0.0.0/8}, {@code [::1]}), as local development registries usually require.
     */
    public Builder insecurePlainHttpForLoopback(boolean allow) {
      this.plainHttpLoopback = allow;
      return this;
    }

    /** The {@code User-Agent} header; {@code ocitrust} by default. */
    public Builder userAgent(String userAgent) {
      if (userAgent.isBlank() || !userAgent.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
        throw new IllegalArgumentException("invalid user agent '" + userAgent + "'");
      }
      this.userAgent = userAgent;
      return this;
    }

    /** Hears blob transfer progress. */
    public Builder transferListener(TransferListener listener) {
      this.transferListener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Uploads blobs in chunks of {@code bytes} (PATCH with {@code Content-Range}, raised to the
     * registry's {@code OCI-Chunk-Min-Length}); 0, the default, uploads each blob in one streamed
     * PUT, which is fastest. Chunks are held in memory, one per upload.
     */
    public Builder chunkSize(long bytes) {
      if (bytes < 0 || bytes > 256L * 1024 * 1024) {
        throw new IllegalArgumentException("chunk size must be 0..256 MiB, got " + bytes);
      }
      this.chunkSize = bytes;
      return this;
    }

    /** The most pages read when listing tags, the catalog or referrers; 1000 by default. */
    public Builder maxPages(int maxPages) {
      if (maxPages < 1) {
        throw new IllegalArgumentException("maxPages must be positive");
      }
      this.maxPages = maxPages;
      return this;
    }

    /**
     * Exchange user name and password for bearer tokens with the OAuth2 {@code password} grant
     * (POST) instead of the Docker token GET with Basic auth.
     */
    public Builder oauth2PasswordGrant(boolean enabled) {
      this.oauth2PasswordGrant = enabled;
      return this;
    }

    /** The clock for token expiry and {@code Retry-After} dates. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * How the client waits before it repeats a request; {@link Sleeper#SYSTEM}, real time, by
     * default.
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * Hands every HTTP exchange, with its headers and with secrets redacted, to {@code logger} (for
     * a command line's {@code --debug}); none by default.
     */
    public Builder httpLogger(HttpLogger logger) {
      this.httpLogger = Objects.requireNonNull(logger, "logger");
      return this;
    }

    /**
     * The TLS socket factory and the trust manager it was made with, for registries with a private
     * certificate authority or that ask for a client certificate; the JDK's defaults otherwise.
     * Applied to the OkHttp client, injected or built, with {@code newBuilder()}.
     *
     * <pre>{@code
     * SSLContext ctx = SSLContext.getInstance("TLS");
     * ctx.init(keyManagers, new TrustManager[] {trustManager}, null);
     * builder.tls(ctx.getSocketFactory(), trustManager);
     * }</pre>
     */
    public Builder tls(SSLSocketFactory socketFactory, X509TrustManager trustManager) {
      this.sslSocketFactory = Objects.requireNonNull(socketFactory, "socketFactory");
      this.trustManager = Objects.requireNonNull(trustManager, "trustManager");
      return this;
    }

    /**
     * How server host names are checked against their certificates; OkHttp's strict verifier by
     * default. INSECURE when it accepts names the certificate does not carry.
     */
    public Builder hostnameVerifier(HostnameVerifier verifier) {
      this.hostnameVerifier = Objects.requireNonNull(verifier, "verifier");
      return this;
    }

    /** Builds the client. */
    public RegistryClient build() {
      return new RegistryClient(this);
    }
  }
}
