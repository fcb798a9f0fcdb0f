package dev.ocitrust.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Which HTTP proxy a {@link RegistryClient} reaches registries through: one for HTTPS registries
 * (tunnelled with {@code CONNECT}, so the proxy sees neither the registry's credentials nor its
 * content), one for plain-HTTP registries, and the hosts that go direct ({@code NO_PROXY}, with the
 * semantics of Go's {@code httpproxy} that oras and notation follow: host suffixes, {@code
 * .domain}, {@code *.domain}, IP addresses, CIDR ranges, {@code :port}, {@code *}). A proxy URL may
 * carry {@code user:password@}, sent to that proxy only ({@code Proxy-Authorization: Basic}, on the
 * proxy's {@code 407}); registry credentials are never sent to a proxy in the clear: over plain
 * HTTP the proxy relays every request, so use HTTPS registries through untrusted proxies.
 *
 * <p>Three sources: {@link #fromEnvironment} ({@code HTTPS_PROXY}, {@code HTTP_PROXY}, {@code
 * NO_PROXY}, upper case first, as Go reads them), {@link #jvm()} (the JVM's {@code
 * https.proxyHost}, {@code http.proxyHost}, {@code http.nonProxyHosts} properties through {@link
 * java.net.ProxySelector#getDefault()}, the default) and {@link #builder()}. As in Go, loopback
 * hosts never go through a proxy, unless {@link Builder#bypassLoopback(boolean)} says otherwise.
 * {@code socks5://} proxies are supported without authentication; {@code https://} proxies (TLS to
 * the proxy itself) are not.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * RegistryClient client = RegistryClient.builder()
 *     .proxy(ProxySettings.fromEnvironment(System.getenv()))
 *     .build();
 * // or
 * ProxySettings corporate = ProxySettings.builder()
 *     .httpsProxy("http://alice:secret@proxy.corp.example:3128")
 *     .noProxy(".corp.example,10.0.0.0/8")
 *     .build();
 * }</pre>
 */
public final class ProxySettings {
  private static final ProxySettings JVM = new ProxySettings(new Builder(), true);

  private final @Nullable URI httpsProxy;
  private final @Nullable URI httpProxy;
  private final String noProxy;
  private final boolean bypassLoopback;
  private final boolean jvm;

  private ProxySettings(Builder b, boolean jvm) {
    this.httpsProxy = b.httpsProxy;
    this.httpProxy = b.httpProxy;
    this.noProxy = b.noProxy;
    this.bypassLoopback = b.bypassLoopback;
    this.jvm = jvm;
  }

  /** The JVM's proxy properties ({@link java.net.ProxySelector#getDefault()}): the default. */
  public static ProxySettings jvm() {
    return JVM;
  }

  /** No proxy at all, whatever the JVM's properties say. */
  public static ProxySettings direct() {
    return builder().build();
  }

  /** A builder without proxies. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these settings (those of {@link #jvm()} start empty). */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.httpsProxy = httpsProxy;
    b.httpProxy = httpProxy;
    b.noProxy = noProxy;
    b.bypassLoopback = bypassLoopback;
    return b;
  }

  /**
   * The proxies named by {@code HTTPS_PROXY}, {@code HTTP_PROXY} and {@code NO_PROXY} in {@code
   * env} (each upper case first, then lower case), as Go's {@code httpproxy.FromEnvironment} reads
   * them; {@link #jvm()} when none of the proxy variables is set.
   *
   * @throws IllegalArgumentException naming the variable whose value is not a usable proxy URL
   */
  public static ProxySettings fromEnvironment(Map<String, String> env) {
    String https = either(env, "HTTPS_PROXY");
    String http = either(env, "HTTP_PROXY");
    if (https == null && http == null) {
      return JVM;
    }
    Builder b = builder();
    if (https != null) {
      b.httpsProxy = parse(https, "HTTPS_PROXY");
    }
    if (http != null) {
      b.httpProxy = parse(http, "HTTP_PROXY");
    }
    String no = either(env, "NO_PROXY");
    return b.noProxy(no == null ? "" : no).build();
  }

  private static @Nullable String either(Map<String, String> env, String name) {
    String v = env.get(name);
    if (v == null || v.isEmpty()) {
      v = env.get(name.toLowerCase(Locale.ROOT));
    }
    return v == null || v.isEmpty() ? null : v;
  }

  /** Whether these are the JVM's settings ({@link #jvm()}). */
  public boolean isJvm() {
    return jvm;
  }

  /** The proxy for HTTPS registries, without its credentials, if any. */
  public Optional<String> httpsProxy() {
    return Optional.ofNullable(httpsProxy).map(ProxySettings::redacted);
  }

  /** The proxy for plain-HTTP registries, without its credentials, if any. */
  public Optional<String> httpProxy() {
    return Optional.ofNullable(httpProxy).map(ProxySettings::redacted);
  }

  /** The {@code NO_PROXY} list as given. */
  public String noProxy() {
    return noProxy;
  }

  /** Whether loopback hosts go direct (as in Go); true by default. */
  public boolean bypassLoopback() {
    return bypassLoopback;
  }

  /** The proxy URI for {@code scheme} ({@code https} or {@code http}), credentials included. */
  @Nullable URI proxyFor(String scheme) {
    return scheme.equals("https") ? httpsProxy : httpProxy;
  }

  /** The credential in {@code proxy}'s user information, if any. */
  static Optional<Credential> credentialOf(URI proxy) {
    String info = proxy.getRawUserInfo();
    if (info == null) {
      return Optional.empty();
    }
    int colon = info.indexOf(':');
    String user = colon < 0 ? info : info.substring(0, colon);
    String password = colon < 0 ? "" : info.substring(colon + 1);
    return Optional.of(
        Credential.basic(
            URLDecoder.decode(user, StandardCharsets.UTF_8),
            URLDecoder.decode(password, StandardCharsets.UTF_8)));
  }

  private static String redacted(URI proxy) {
    return proxy.getScheme() + "://" + proxy.getHost() + ":" + proxy.getPort();
  }

  /** Parses a proxy URL as Go does: without a scheme it is {@code http://}. */
  static URI parse(String value, String what) {
    String v = value.trim();
    if (!v.contains("://")) {
      v = "http://" + v;
    }
    URI uri;
    try {
      uri = new URI(v);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(what + ": not a proxy URL: " + e.getMessage(), e);
    }
    String scheme = String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT);
    if (uri.getHost() == null) {
      throw new IllegalArgumentException(what + ": a proxy URL needs a host");
    }
    if (scheme.equals("https")) {
      throw new IllegalArgumentException(
          what + ": https:// proxies (TLS to the proxy) are not supported; use http://");
    }
    if (!scheme.equals("http") && !scheme.equals("socks5")) {
      throw new IllegalArgumentException(
          what + ": the proxy scheme must be http or socks5, not " + scheme);
    }
    if (scheme.equals("socks5") && uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException(
          what + ": socks5 proxies with credentials are not supported");
    }
    int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("http") ? 80 : 1080;
    try {
      String info = uri.getRawUserInfo() == null ? "" : uri.getRawUserInfo() + "@";
      return new URI(scheme + "://" + info + uri.getHost() + ":" + port);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(what + ": not a proxy URL: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    if (jvm) {
      return "ProxySettings[jvm]";
    }
    return "ProxySettings[https="
        + httpsProxy().orElse("none")
        + ", http="
        + httpProxy().orElse("none")
        + ", noProxy="
        + noProxy
        + "]";
  }

  /** Builds {@link ProxySettings}. Not thread-safe. */
  public static final class Builder {
    private @Nullable URI httpsProxy;
    private @Nullable URI httpProxy;
    private String noProxy = "";
    private boolean bypassLoopback = true;

    private Builder() {}

    /**
     * The proxy for HTTPS registries, {@code [http://][user:password@]host[:port]} or {@code
     * socks5://host[:port]}.
     */
    public Builder httpsProxy(String url) {
      this.httpsProxy = parse(Objects.requireNonNull(url, "url"), "https proxy");
      return this;
    }

    /** The proxy for plain-HTTP registries, in the same form. */
    public Builder httpProxy(String url) {
      this.httpProxy = parse(Objects.requireNonNull(url, "url"), "http proxy");
      return this;
    }

    /** The hosts that go direct, {@code NO_PROXY}'s comma-separated list. */
    public Builder noProxy(String noProxy) {
      this.noProxy = Objects.requireNonNull(noProxy, "noProxy");
      return this;
    }

    /**
     * Whether loopback hosts go direct; true by default, as in Go. False sends them through the
     * proxy too (a proxy on the same machine, tests).
     */
    public Builder bypassLoopback(boolean bypass) {
      this.bypassLoopback = bypass;
      return this;
    }

    /** Builds the settings. */
    public ProxySettings build() {
      return new ProxySettings(this, false);
    }
  }
}
