package dev.ocitrust.client.internal.hosts;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.ocitrust.client.InvalidRegistriesConfException;
import dev.ocitrust.client.PullFromMirror;
import dev.ocitrust.client.RegistryHost;
import dev.ocitrust.client.RegistryMirror;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Parses containers' {@code registries.conf} version 2 (TOML) into {@link RegistryHost} entries.
 * Top-level keys that only short-name resolution uses are accepted and ignored; unknown keys in a
 * {@code [[registry]]} or {@code [[registry.mirror]]} table, a version 1 file, and values of the
 * wrong type are errors naming the file and the table.
 *
 * <p>Thread-safe: stateless (a mapper per call).
 */
public final class RegistriesConf {
  private static final Set<String> IGNORED_TOP =
      Set.of(
          "unqualified-search-registries",
          "short-name-mode",
          "aliases",
          "credential-helpers",
          "additional-layer-store-auth-helper");
  private static final Set<String> REGISTRY_KEYS =
      Set.of("prefix", "location", "insecure", "blocked", "mirror-by-digest-only", "mirror");
  private static final Set<String> MIRROR_KEYS = Set.of("location", "insecure", "pull-from-mirror");

  private RegistriesConf() {}

  /** The entries of {@code toml}; {@code source} names it in messages. */
  public static List<RegistryHost> parse(String toml, String source)
      throws InvalidRegistriesConfException {
    JsonNode root;
    try {
      root = new TomlMapper().readTree(toml);
    } catch (JacksonException e) {
      throw new InvalidRegistriesConfException(
          source + ": not valid TOML: " + e.getOriginalMessage(), e);
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return List.of();
    }
    for (Map.Entry<String, JsonNode> field : root.properties()) {
      String key = field.getKey();
      if (key.equals("registries")) {
        throw new InvalidRegistriesConfException(
            source
                + ": a version 1 file ([registries.search], [registries.insecure],"
                + " [registries.block]); write it as version 2 [[registry]] tables");
      }
      if (!key.equals("registry") && !IGNORED_TOP.contains(key)) {
        throw new InvalidRegistriesConfException(source + ": unknown top-level key '" + key + "'");
      }
    }
    JsonNode registries = root.path("registry");
    if (registries.isMissingNode()) {
      return List.of();
    }
    if (!registries.isArray()) {
      throw new InvalidRegistriesConfException(
          source + ": 'registry' must be an array of tables ([[registry]])");
    }
    List<RegistryHost> hosts = new ArrayList<>();
    Set<String> prefixes = new HashSet<>();
    int n = 0;
    for (JsonNode table : registries) {
      n++;
      RegistryHost host = registry(table, source + ": [[registry]] #" + n);
      if (!prefixes.add(host.prefix())) {
        throw new InvalidRegistriesConfException(
            source + ": two [[registry]] tables with the prefix " + host.prefix());
      }
      hosts.add(host);
    }
    return List.copyOf(hosts);
  }

  private static RegistryHost registry(JsonNode table, String where)
      throws InvalidRegistriesConfException {
    requireTable(table, where, REGISTRY_KEYS);
    String location = string(table, "location", where);
    String prefix = string(table, "prefix", where);
    if (prefix == null) {
      prefix = location;
    }
    if (prefix == null) {
      throw new InvalidRegistriesConfException(where + ": neither prefix nor location is set");
    }
    where = where + " (prefix " + prefix + ")";
    boolean digestOnly = bool(table, "mirror-by-digest-only", where);
    try {
      RegistryHost.Builder b = RegistryHost.builder(prefix);
      if (location != null && !location.equals(prefix)) {
        b.location(location);
      }
      b.insecure(bool(table, "insecure", where)).blocked(bool(table, "blocked", where));
      JsonNode mirrors = table.path("mirror");
      if (!mirrors.isMissingNode() && !mirrors.isArray()) {
        throw new InvalidRegistriesConfException(
            where + ": 'mirror' must be an array of tables ([[registry.mirror]])");
      }
      int m = 0;
      for (JsonNode mirror : mirrors) {
        m++;
        b.mirror(mirror(mirror, where + " [[registry.mirror]] #" + m, digestOnly));
      }
      return b.build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new InvalidRegistriesConfException(where + ": " + e.getMessage(), e);
    }
  }

  private static RegistryMirror mirror(JsonNode table, String where, boolean digestOnly)
      throws InvalidRegistriesConfException {
    requireTable(table, where, MIRROR_KEYS);
    String location = string(table, "location", where);
    if (location == null) {
      throw new InvalidRegistriesConfException(where + ": a mirror needs a location");
    }
    String pull = string(table, "pull-from-mirror", where);
    if (digestOnly && pull != null) {
      throw new InvalidRegistriesConfException(
          where
              + ": mirror-by-digest-only on the registry and pull-from-mirror on the mirror"
              + " exclude each other");
    }
    PullFromMirror p =
        digestOnly
            ? PullFromMirror.DIGEST_ONLY
            : pull == null ? PullFromMirror.ALL : PullFromMirror.of(pull);
    return new RegistryMirror(location, bool(table, "insecure", where), p);
  }

  private static void requireTable(JsonNode table, String where, Set<String> keys)
      throws InvalidRegistriesConfException {
    if (!table.isObject()) {
      throw new InvalidRegistriesConfException(where + ": not a table");
    }
    for (Map.Entry<String, JsonNode> field : table.properties()) {
      String key = field.getKey();
      if (!keys.contains(key)) {
        throw new InvalidRegistriesConfException(
            where + ": unknown key '" + key + "' (known: " + new java.util.TreeSet<>(keys) + ")");
      }
    }
  }

  private static @Nullable String string(JsonNode table, String key, String where)
      throws InvalidRegistriesConfException {
    JsonNode v = table.get(key);
    if (v == null) {
      return null;
    }
    if (!v.isTextual()) {
      throw new InvalidRegistriesConfException(where + ": '" + key + "' must be a string");
    }
    return v.textValue();
  }

  private static boolean bool(JsonNode table, String key, String where)
      throws InvalidRegistriesConfException {
    JsonNode v = table.get(key);
    if (v == null) {
      return false;
    }
    if (!v.isBoolean()) {
      throw new InvalidRegistriesConfException(where + ": '" + key + "' must be true or false");
    }
    return v.booleanValue();
  }
}
