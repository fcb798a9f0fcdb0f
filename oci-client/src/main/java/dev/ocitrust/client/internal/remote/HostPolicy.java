package dev.ocitrust.client.internal.remote;

import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import okhttp3.HttpUrl;

/**
 * Which registries may be spoken to over plain HTTP: the hosts the user named, and loopback
 * addresses when the user allowed them. Everything else is HTTPS.
 *
 * @param plainHttpHosts {@code host[:port]} (or bare {@code host}, meaning any port) the user named
 * @param plainHttpLoopback whether loopback hosts may use plain HTTP
 * @param configuredInsecure the registries a registry configuration marks {@code insecure}
 */
public record HostPolicy(
    Set<String> plainHttpHosts, boolean plainHttpLoopback, Predicate<String> configuredInsecure) {
  /** Copies the host set. */
  public HostPolicy {
    plainHttpHosts = Set.copyOf(plainHttpHosts);
  }

  /** Without hosts made insecure by a registry configuration. */
  public HostPolicy(Set<String> plainHttpHosts, boolean plainHttpLoopback) {
    this(plainHttpHosts, plainHttpLoopback, registry -> false);
  }

  /** Whether {@code registry} ({@code host[:port]}) may be spoken to over plain HTTP. */
  public boolean allowsPlainHttp(String registry) {
    String r = registry.toLowerCase(Locale.ROOT);
    if (plainHttpHosts.contains(r)
        || plainHttpHosts.contains(hostOf(r))
        || configuredInsecure.test(r)) {
      return true;
    }
    return plainHttpLoopback && isLoopback(hostOf(r));
  }

  /** The scheme for {@code registry}. */
  public String scheme(String registry) {
    return allowsPlainHttp(registry) ? "http" : "https";
  }

  /** {@code host[:port]} of {@code url}, the port only when it is not the scheme's default. */
  public static String registryOf(HttpUrl url) {
    String host = url.host().indexOf(':') >= 0 ? "[" + url.host() + "]" : url.host();
    return url.port() == HttpUrl.defaultPort(url.scheme()) ? host : host + ":" + url.port();
  }

  static String hostOf(String registry) {
    if (registry.startsWith("[")) {
      int end = registry.indexOf(']');
      return end < 0 ? registry : registry.substring(0, end + 1);
    }
    int colon = registry.lastIndexOf(':');
    return colon < 0 ? registry : registry.substring(0, colon);
  }

  static boolean isLoopback(String host) {
    return host.equals("localhost")
        || host.equals("[::1]")
        || host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
  }
}
