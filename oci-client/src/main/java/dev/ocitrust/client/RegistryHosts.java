package dev.ocitrust.client;

import dev.ocitrust.client.internal.hosts.RegistriesConf;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Registry host configuration: {@link RegistryHost} entries (location rewriting, ordered mirrors,
 * insecure, blocked), from containers' {@code registries.conf} version 2 ({@link #load}) or built
 * in code. Given to {@link RegistryClient.Builder#registryHosts}, it makes {@link
 * RegistryClient#target} read through the mirrors.
 *
 * <p>As containers/image does: one entry applies to a reference, the one with the longest prefix
 * that the reference starts with followed by {@code /}, {@code :}, {@code @} or its end ({@code
 * *.domain} matches every subdomain); its {@code location} replaces the prefix; mirrors are tried
 * in order and the location last; mirrors serve reads only. Unlike containers/image, an unknown key
 * in a {@code [[registry]]} table is an error (a misspelled {@code blocked} must not be ignored),
 * and {@code unqualified-search-registries}, {@code [aliases]} and {@code short-name-mode} are read
 * but not used (references are always fully qualified or Docker Hub's).
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * RegistryHosts hosts = RegistryHosts.load(Path.of("registries.conf"));
 * // or
 * RegistryHosts hosts = RegistryHosts.builder()
 *     .host(RegistryHost.builder("ghcr.io/acme")
 *         .mirror(RegistryMirror.of("mirror.acme.example/ghcr-acme"))
 *         .build())
 *     .build();
 * RegistryRoute route = hosts.route(Reference.parse("ghcr.io/acme/app:v1"));
 * }</pre>
 */
public final class RegistryHosts {
  /** The environment variable naming the file that {@link #standardLocation} reads first. */
  public static final String CONF_VARIABLE = "CONTAINERS_REGISTRIES_CONF";

  private static final RegistryHosts NONE = new RegistryHosts(List.of());

  private final List<RegistryHost> hosts;

  private RegistryHosts(List<RegistryHost> hosts) {
    this.hosts = List.copyOf(hosts);
  }

  /** No configuration: every reference is read from where it names. */
  public static RegistryHosts none() {
    return NONE;
  }

  /** A builder without entries. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these entries. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.hosts.addAll(hosts);
    return b;
  }

  /**
   * Reads a {@code registries.conf} version 2 file.
   *
   * @throws InvalidRegistriesConfException when it is not a usable version 2 file (the message
   *     names the file and the entry)
   * @throws IOException when it cannot be read
   */
  public static RegistryHosts load(Path file) throws IOException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new InvalidRegistriesConfException(file + ": no such registries.conf file", e);
    }
    return parse(text, file.toString());
  }

  /**
   * Parses {@code registries.conf} version 2 text; {@code source} names it in error messages.
   *
   * @throws InvalidRegistriesConfException when it is not a usable version 2 file
   */
  public static RegistryHosts parse(String toml, String source) throws IOException {
    return new RegistryHosts(RegistriesConf.parse(toml, source));
  }

  /**
   * The file containers' tools read, if there is one: {@code $CONTAINERS_REGISTRIES_CONF}, else
   * {@code $HOME/.config/containers/registries.conf}, else {@code /etc/containers/registries.conf}.
   * Drop-in folders ({@code registries.conf.d}) are not read.
   */
  public static Optional<Path> standardLocation(Map<String, String> env, Path home) {
    String named = env.get(CONF_VARIABLE);
    if (named != null && !named.isBlank()) {
      return Optional.of(Path.of(named));
    }
    for (Path p :
        List.of(
            home.resolve(".config/containers/registries.conf"),
            Path.of("/etc/containers/registries.conf"))) {
      if (Files.isRegularFile(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** The entries, in the order given. */
  public List<RegistryHost> hosts() {
    return hosts;
  }

  /** The entry that applies to {@code reference}, if any. */
  public Optional<RegistryHost> hostFor(Reference reference) {
    return match(reference.toString()).map(m -> m.host);
  }

  /**
   * Where {@code reference} is read from: its entry's location and mirrors, or the reference itself
   * when no entry applies.
   *
   * @throws BlockedRegistryException when its entry is blocked
   * @throws InvalidReferenceException when a location makes it an invalid reference
   */
  public RegistryRoute route(Reference reference) throws BlockedRegistryException {
    String ref = reference.toString();
    Optional<Match> found = match(ref);
    if (found.isEmpty()) {
      return new RegistryRoute(reference, reference, List.of());
    }
    Match m = found.get();
    if (m.host.blocked()) {
      throw new BlockedRegistryException(ref, m.host.prefix());
    }
    String rest = ref.substring(m.matched.length());
    Reference primary =
        m.host.location().isPresent()
            ? Reference.parseStrict(m.host.location().get() + rest)
            : reference;
    List<RegistryRoute.Mirror> mirrors = new ArrayList<>();
    for (RegistryMirror mirror : m.host.mirrors()) {
      mirrors.add(
          new RegistryRoute.Mirror(
              Reference.parseStrict(mirror.location() + rest), mirror.pullFromMirror()));
    }
    return new RegistryRoute(reference, primary, mirrors);
  }

  /**
   * INSECURE: whether the configuration allows plain HTTP to {@code registry} ({@code
   * host[:port]}): an {@code insecure} entry or mirror located there.
   */
  public boolean insecure(String registry) {
    String r = registry.toLowerCase(Locale.ROOT);
    for (RegistryHost h : hosts) {
      if (h.insecure()) {
        if (h.wildcard()) {
          String host = r.indexOf(':') >= 0 ? r.substring(0, r.lastIndexOf(':')) : r;
          if (host.endsWith(h.prefix().substring(1))) {
            return true;
          }
        } else if (hostOf(h.location().orElse(h.prefix())).equals(r)) {
          return true;
        }
      }
      for (RegistryMirror mirror : h.mirrors()) {
        if (mirror.insecure() && hostOf(mirror.location()).equals(r)) {
          return true;
        }
      }
    }
    return false;
  }

  private static String hostOf(String location) {
    int slash = location.indexOf('/');
    return slash < 0 ? location : location.substring(0, slash);
  }

  private Optional<Match> match(String ref) {
    @Nullable Match best = null;
    for (RegistryHost h : hosts) {
      int end = matchEnd(ref, h.prefix());
      if (end >= 0 && (best == null || h.prefix().length() > best.host.prefix().length())) {
        best = new Match(h, ref.substring(0, end));
      }
    }
    return Optional.ofNullable(best);
  }

  /** Where the part of {@code ref} that {@code prefix} matches ends, or -1 (containers' rule). */
  static int matchEnd(String ref, String prefix) {
    int end;
    if (prefix.startsWith("*.")) {
      int at = ref.indexOf(prefix.substring(1));
      if (at < 0 || ref.substring(0, at).contains("/")) {
        return -1;
      }
      end = at + prefix.length() - 1;
    } else {
      if (!ref.startsWith(prefix)) {
        return -1;
      }
      end = prefix.length();
    }
    if (end == ref.length()) {
      return end;
    }
    char c = ref.charAt(end);
    return c == '/' || c == ':' || c == '@' ? end : -1;
  }

  private record Match(RegistryHost host, String matched) {}

  @Override
  public String toString() {
    return "RegistryHosts" + hosts;
  }

  /** Builds {@link RegistryHosts}. Not thread-safe. */
  public static final class Builder {
    private final List<RegistryHost> hosts = new ArrayList<>();

    private Builder() {}

    /**
     * Adds an entry.
     *
     * @throws IllegalArgumentException when an entry with the same prefix is there already
     */
    public Builder host(RegistryHost host) {
      Objects.requireNonNull(host, "host");
      for (RegistryHost h : hosts) {
        if (h.prefix().equals(host.prefix())) {
          throw new IllegalArgumentException("two entries with the prefix " + host.prefix());
        }
      }
      hosts.add(host);
      return this;
    }

    /** Builds the configuration. */
    public RegistryHosts build() {
      return new RegistryHosts(hosts);
    }
  }
}
