package dev.ocitrust.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * notation's list of signing keys, {@code signingkeys.json} in its configuration folder, as {@code
 * notation key list} shows it:
 *
 * <pre>{@code
 * {"default": "wabbit-networks.io",
 *  "keys": [{"name": "wabbit-networks.io", "keyPath": ".../wabbit-networks.io.key",
 *            "certPath": ".../wabbit-networks.io.crt"}]}
 * }</pre>
 *
 * <p>Read as notation-go's {@code config.SigningKeys} reads it: a missing file is an empty list;
 * names must be non-empty and unique; the default, when set, must name a key. A key held by a
 * plugin ({@code notation key add --plugin NAME --id ID}) has {@code id}, {@code pluginName} and an
 * optional {@code pluginConfig} map of strings instead of the two paths:
 *
 * <pre>{@code
 * {"name": "kms", "id": "arn:...", "pluginName": "com.amazonaws.signer.notation.plugin",
 *  "pluginConfig": {"region": "eu-west-1"}}
 * }</pre>
 *
 * <p>Paths are used as written (notation writes absolute ones).
 */
final class SigningKeys {
  /** The file name in notation's configuration folder. */
  static final String FILE_NAME = "signingkeys.json";

  /** A key held by a notation plugin: the plugin's name, the key's id and the plugin config. */
  record PluginKey(String plugin, String id, Map<String, String> config) {
    PluginKey {
      config = Map.copyOf(config);
    }
  }

  /** A named key: its key and certificate files, or (with null paths) the plugin that holds it. */
  record Entry(
      String name, @Nullable Path keyPath, @Nullable Path certPath, @Nullable PluginKey plugin) {}

  private SigningKeys() {}

  /**
   * The key named {@code name}, or the default key when {@code name} is null, from the {@code
   * signingkeys.json} in {@code configDirectory}.
   *
   * @throws IllegalArgumentException if there is no such key (or no default), naming what to pass
   * @throws IOException if the file cannot be read or is malformed
   */
  static Entry resolve(Path configDirectory, @Nullable String name) throws IOException {
    Path file = configDirectory.resolve(FILE_NAME);
    JsonNode root = read(file);
    JsonNode keys = root.path("keys");
    if (!keys.isMissingNode() && !keys.isNull() && !keys.isArray()) {
      throw malformed(file, "\"keys\" is not an array");
    }
    Set<String> names = new HashSet<>();
    JsonNode chosen = null;
    for (JsonNode key : keys) {
      if (!key.isObject()) {
        throw malformed(file, "an entry of \"keys\" is not an object");
      }
      String keyName = text(file, key, "name");
      if (keyName == null || keyName.isEmpty()) {
        throw malformed(file, "key name cannot be empty");
      }
      if (!names.add(keyName)) {
        throw malformed(file, "multiple keys with name '" + keyName + "' found");
      }
      if (keyName.equals(name)) {
        chosen = key;
      }
    }
    JsonNode defaultNode = root.path("default");
    String defaultName = null;
    if (!defaultNode.isMissingNode() && !defaultNode.isNull()) {
      if (!defaultNode.isTextual() || defaultNode.asText().isEmpty()) {
        throw malformed(file, "default key name cannot be empty");
      }
      defaultName = defaultNode.asText();
      if (!names.contains(defaultName)) {
        throw malformed(file, "default key '" + defaultName + "' not found");
      }
    }
    if (name == null) {
      if (defaultName == null) {
        throw new IllegalArgumentException(
            "no signing key given and "
                + (Files.exists(file) ? file + " sets no default key" : file + " does not exist")
                + ": pass --key FILE --cert FILE, or --key NAME of a key in "
                + file
                + " (notation cert generate-test --default NAME makes one)");
      }
      for (JsonNode key : keys) {
        if (defaultName.equals(key.get("name").asText())) {
          chosen = key;
        }
      }
    }
    String shown = name != null ? name : Objects.requireNonNull(defaultName, "defaultName");
    if (chosen == null) {
      String hint =
          Files.exists(Path.of(shown))
              ? " (" + shown + " is a file: pass its certificate chain with --cert FILE)"
              : " (notation key list shows the names)";
      throw new IllegalArgumentException(
          "--key "
              + shown
              + ": no signing key of that name in "
              + (Files.exists(file) ? file : file + ", which does not exist")
              + hint);
    }
    String keyPath = text(file, chosen, "keyPath");
    String certPath = text(file, chosen, "certPath");
    String plugin = text(file, chosen, "pluginName");
    if (plugin != null && !plugin.isEmpty()) {
      String id = text(file, chosen, "id");
      if (id == null || id.isEmpty()) {
        throw malformed(file, "key '" + shown + "' names plugin " + plugin + " but has no id");
      }
      return new Entry(shown, null, null, new PluginKey(plugin, id, config(file, chosen)));
    }
    if (keyPath == null || certPath == null || keyPath.isEmpty() || certPath.isEmpty()) {
      throw new IllegalArgumentException(
          "signing key "
              + shown
              + " in "
              + file
              + " has neither keyPath and certPath nor pluginName and id; pass --key FILE --cert"
              + " FILE");
    }
    return new Entry(shown, Path.of(keyPath), Path.of(certPath), null);
  }

  private static Map<String, String> config(Path file, JsonNode key) throws IOException {
    JsonNode node = key.get("pluginConfig");
    Map<String, String> config = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return config;
    }
    if (!node.isObject()) {
      throw malformed(file, "\"pluginConfig\" is not an object");
    }
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (!e.getValue().isTextual()) {
        throw malformed(file, "pluginConfig \"" + e.getKey() + "\" is not a string");
      }
      config.put(e.getKey(), e.getValue().asText());
    }
    return config;
  }

  private static JsonNode read(Path file) throws IOException {
    if (!Files.exists(file)) {
      return new ObjectMapper().createObjectNode(); // notation: a missing file is an empty list
    }
    byte[] bytes = PemFiles.read(file, PemFiles.MAX_PEM_BYTES, FILE_NAME);
    ObjectMapper json = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    JsonNode root;
    try {
      root = json.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw malformed(file, e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw malformed(file, "the document is not a JSON object");
    }
    return root;
  }

  private static @Nullable String text(Path file, JsonNode object, String field)
      throws IOException {
    JsonNode node = object.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw malformed(file, "\"" + field + "\" is not a string");
    }
    return node.asText();
  }

  private static IOException malformed(Path file, String why) {
    return new IOException("malformed " + file + ": " + why);
  }
}
