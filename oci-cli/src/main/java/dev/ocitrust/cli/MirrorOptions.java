package dev.ocitrust.cli;

import dev.ocitrust.client.InvalidRegistriesConfException;
import dev.ocitrust.client.ProxySettings;
import dev.ocitrust.client.ReferrerSource;
import dev.ocitrust.client.RegistryClient;
import dev.ocitrust.client.RegistryHosts;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * Where registries are reached: mirrors and locations from a {@code registries.conf} ({@code
 * --registries-conf FILE}, or containers' own files with {@code --system-registries-conf}; none by
 * default), where referrers are listed from ({@code --referrer-source}), and HTTP proxies from
 * {@code HTTPS_PROXY}, {@code HTTP_PROXY} and {@code NO_PROXY} as oras and notation read them (the
 * JVM's proxy properties when none is set). Mixed into {@link RegistryOptions}.
 */
final class MirrorOptions {
  @Option(
      names = "--registries-conf",
      paramLabel = "FILE",
      description =
          "containers' registries.conf (v2): locations, mirrors tried before the registry,"
              + " insecure and blocked namespaces (default: none)")
  @Nullable Path registriesConf;

  @Option(
      names = "--system-registries-conf",
      description =
          "read containers' own registries.conf: $CONTAINERS_REGISTRIES_CONF, else"
              + " ~/.config/containers/registries.conf, else /etc/containers/registries.conf")
  boolean systemRegistriesConf;

  @Option(
      names = "--referrer-source",
      paramLabel = "SOURCE",
      description =
          "where signatures and claims are listed when a registry has mirrors: primary-required"
              + " (default: fail when the registry is down), union (the registry and its mirrors)"
              + " or any-available (first that answers: a stale mirror can hide a revocation)")
  @Nullable String referrerSource;

  /** The host configuration these options name (checked once, before any client is made). */
  RegistryHosts hosts(Map<String, String> env, Path home) throws IOException {
    if (registriesConf != null && systemRegistriesConf) {
      throw new IllegalArgumentException(
          "--registries-conf and --system-registries-conf exclude each other");
    }
    if (registriesConf != null) {
      return RegistryHosts.load(registriesConf);
    }
    if (systemRegistriesConf) {
      Optional<Path> file = RegistryHosts.standardLocation(env, home);
      if (file.isEmpty()) {
        throw new InvalidRegistriesConfException(
            "--system-registries-conf: no registries.conf in ~/.config/containers or"
                + " /etc/containers, and $CONTAINERS_REGISTRIES_CONF is not set");
      }
      return RegistryHosts.load(file.get());
    }
    return RegistryHosts.none();
  }

  /** The referrer source named by {@code --referrer-source}. */
  ReferrerSource referrerSource() {
    if (referrerSource == null) {
      return ReferrerSource.PRIMARY_REQUIRED;
    }
    String name = referrerSource.toUpperCase(Locale.ROOT).replace('-', '_');
    for (ReferrerSource s : ReferrerSource.values()) {
      if (s.name().equals(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "--referrer-source must be primary-required, union or any-available, not '"
            + referrerSource
            + "'");
  }

  /**
   * A function that sets hosts, referrer source and the environment's proxies on a builder. The
   * host configuration and the referrer source are checked now; the proxy variables when a registry
   * client is first made (a command on layouts only never reads them).
   */
  java.util.function.UnaryOperator<RegistryClient.Builder> settings(
      Map<String, String> env, Path home) throws IOException {
    RegistryHosts hosts = hosts(env, home);
    ReferrerSource source = referrerSource();
    return b -> b.registryHosts(hosts).referrerSource(source).proxy(proxy(env));
  }

  private static ProxySettings proxy(Map<String, String> env) {
    try {
      return ProxySettings.fromEnvironment(env);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("proxy environment: " + e.getMessage(), e);
    }
  }
}
