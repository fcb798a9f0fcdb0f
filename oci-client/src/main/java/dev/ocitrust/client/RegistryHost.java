package dev.ocitrust.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The configuration of one registry namespace, as one {@code [[registry]]} table of containers'
 * {@code registries.conf} v2: the {@code prefix} of the references it applies to, the physical
 * {@code location} that replaces that prefix, ordered mirrors, and whether the namespace is {@code
 * insecure} (plain HTTP) or {@code blocked}.
 *
 * <p>A prefix is {@code host[:port]}, {@code host[:port]/namespace...}, a repository, a repository
 * with {@code :tag} or {@code @digest}, or {@code *.domain} for every subdomain of {@code domain}
 * (such an entry has no location of its own). See {@link RegistryHosts} for how an entry is chosen.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * RegistryHost acme = RegistryHost.builder("registry.acme.example/apps")
 *     .location("registry.internal.example/acme-apps")
 *     .mirror(RegistryMirror.of("mirror-eu.acme.example/apps"))
 *     .mirror(new RegistryMirror("cache.local:5000/apps", true, PullFromMirror.DIGEST_ONLY))
 *     .build();
 * }</pre>
 */
public final class RegistryHost {
  private final String prefix;
  private final @Nullable String location;
  private final boolean insecure;
  private final boolean blocked;
  private final List<RegistryMirror> mirrors;

  private RegistryHost(Builder b) {
    this.prefix = b.prefix;
    this.location = b.location;
    this.insecure = b.insecure;
    this.blocked = b.blocked;
    this.mirrors = List.copyOf(b.mirrors);
  }

  /**
   * A builder for the entry of {@code prefix}.
   *
   * @throws IllegalArgumentException when {@code prefix} is not a valid prefix
   */
  public static Builder builder(String prefix) {
    return new Builder(checkPrefix(prefix));
  }

  /** A builder starting from this entry. */
  public Builder toBuilder() {
    Builder b = new Builder(prefix);
    b.location = location;
    b.insecure = insecure;
    b.blocked = blocked;
    b.mirrors.addAll(mirrors);
    return b;
  }

  /** The prefix of the references this entry applies to. */
  public String prefix() {
    return prefix;
  }

  /** The physical location replacing the prefix; empty when it is the prefix itself. */
  public Optional<String> location() {
    return Optional.ofNullable(location);
  }

  /** INSECURE: whether the location's host may be spoken to over plain HTTP. */
  public boolean insecure() {
    return insecure;
  }

  /** Whether references of this namespace are refused. */
  public boolean blocked() {
    return blocked;
  }

  /** The mirrors, in the order they are tried (before the location). */
  public List<RegistryMirror> mirrors() {
    return mirrors;
  }

  /** Whether {@code prefix} is a wildcard, {@code *.domain}. */
  boolean wildcard() {
    return prefix.startsWith("*.");
  }

  @Override
  public String toString() {
    return "RegistryHost[prefix="
        + prefix
        + (location != null ? ", location=" + location : "")
        + (insecure ? ", insecure" : "")
        + (blocked ? ", blocked" : "")
        + ", mirrors="
        + mirrors
        + "]";
  }

  static String checkPrefix(String prefix) {
    Objects.requireNonNull(prefix, "prefix");
    if (prefix.startsWith("*.")) {
      String domain = prefix.substring(2);
      if (domain.isEmpty() || domain.contains("/") || domain.contains("*")) {
        throw new IllegalArgumentException(
            "a wildcard prefix is *.domain, without a path, not '" + prefix + "'");
      }
      return prefix.toLowerCase(Locale.ROOT);
    }
    return checkLocation(prefix, "prefix");
  }

  static String checkLocation(String location, String what) {
    Objects.requireNonNull(location, what);
    String s = location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
    if (s.isBlank() || s.contains("://") || s.contains("*") || s.startsWith("/")) {
      throw new IllegalArgumentException(
          "a " + what + " is host[:port][/namespace...] without a scheme, not '" + location + "'");
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c <= ' ' || c >= 0x7f) {
        throw new IllegalArgumentException(
            "a " + what + " has no spaces or control characters: '" + location + "'");
      }
    }
    int slash = s.indexOf('/');
    String host = slash < 0 ? s : s.substring(0, slash);
    return host.toLowerCase(Locale.ROOT) + (slash < 0 ? "" : s.substring(slash));
  }

  /** Builds a {@link RegistryHost}. Not thread-safe. */
  public static final class Builder {
    private final String prefix;
    private @Nullable String location;
    private boolean insecure;
    private boolean blocked;
    private final List<RegistryMirror> mirrors = new ArrayList<>();

    private Builder(String prefix) {
      this.prefix = prefix;
    }

    /** The physical location that replaces the prefix (by default the prefix itself). */
    public Builder location(String location) {
      this.location = checkLocation(location, "location");
      return this;
    }

    /** INSECURE: plain HTTP to the location's host. */
    public Builder insecure(boolean insecure) {
      this.insecure = insecure;
      return this;
    }

    /** Refuses every reference of this namespace. */
    public Builder blocked(boolean blocked) {
      this.blocked = blocked;
      return this;
    }

    /** Adds a mirror, tried after those added before and before the location. */
    public Builder mirror(RegistryMirror mirror) {
      mirrors.add(Objects.requireNonNull(mirror, "mirror"));
      return this;
    }

    /**
     * Builds the entry.
     *
     * @throws IllegalStateException when a wildcard prefix has a location
     */
    public RegistryHost build() {
      if (prefix.startsWith("*.") && location != null) {
        throw new IllegalStateException(
            "the wildcard prefix " + prefix + " cannot have a location (" + location + ")");
      }
      return new RegistryHost(this);
    }
  }
}
