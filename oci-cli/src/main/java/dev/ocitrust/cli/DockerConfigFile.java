package dev.ocitrust.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ocitrust.client.Credential;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Stores and removes registry credentials the way {@code docker login} and {@code oras login} do:
 * in the credential helper the file names for the registry ({@code credHelpers}) or for every
 * registry ({@code credsStore}), else as {@code auths.<registry>.auth} (base64 {@code
 * user:password}) in the file itself. Everything else in the file is kept; the file is replaced
 * atomically and readable by its owner only. Docker Hub is stored under {@code
 * https://index.docker.io/v1/}, as docker does.
 */
final class DockerConfigFile {
  static final long MAX_BYTES = 4L * 1024 * 1024;
  static final String DOCKER_HUB_KEY = "https://index.docker.io/v1/";
  private static final Duration HELPER_TIMEOUT = Duration.ofSeconds(10);

  private final Path file;
  private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  DockerConfigFile(Path file) {
    this.file = file;
  }

  /** {@code $DOCKER_CONFIG/config.json}, else {@code ~/.docker/config.json}. */
  static Path defaultPath(Map<String, String> env, Path home) {
    String dir = env.get("DOCKER_CONFIG");
    return dir != null && !dir.isBlank()
        ? Path.of(dir, "config.json")
        : home.resolve(".docker").resolve("config.json");
  }

  Path file() {
    return file;
  }

  /** The key a registry is stored under. */
  static String key(String registry) {
    String r = registry.toLowerCase(Locale.ROOT);
    return r.equals("docker.io") || r.equals("index.docker.io") || r.equals("registry-1.docker.io")
        ? DOCKER_HUB_KEY
        : r;
  }

  /** Stores {@code credential} for {@code registry}; returns where it went, for the user. */
  String store(String registry, Credential credential) throws IOException {
    ObjectNode root = read();
    String key = key(registry);
    String helper = helperFor(root, key);
    String user = credential.username().orElseThrow();
    String secret = credential.password().orElseThrow();
    ObjectNode auths = object(root, "auths");
    if (helper != null) {
      ObjectNode input = json.createObjectNode();
      input.put("ServerURL", key);
      input.put("Username", user);
      input.put("Secret", secret);
      CredentialHelper h = new CredentialHelper(helper, HELPER_TIMEOUT);
      CredentialHelper.Result r = h.run("store", input.toString());
      if (r.exit() != 0) {
        throw new IOException(
            h.command()
                + " store failed with exit "
                + r.exit()
                + " for "
                + key
                + ": "
                + r.output());
      }
      if (auths.has(key)) {
        auths.remove(key);
        write(root);
      }
      return "the credential helper " + h.command();
    }
    ObjectNode entry = json.createObjectNode();
    entry.put(
        "auth",
        Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8)));
    auths.set(key, entry);
    write(root);
    return file.toString();
  }

  /** Removes the credential of {@code registry}; whether there was one. */
  boolean erase(String registry) throws IOException {
    if (!Files.exists(file)) {
      return false;
    }
    ObjectNode root = read();
    String key = key(registry);
    boolean removed = false;
    String helper = helperFor(root, key);
    if (helper != null) {
      CredentialHelper h = new CredentialHelper(helper, HELPER_TIMEOUT);
      CredentialHelper.Result r = h.run("erase", key);
      if (r.exit() == 0) {
        removed = true;
      } else if (!r.output().toLowerCase(Locale.ROOT).contains("not found")) {
        throw new IOException(
            h.command()
                + " erase failed with exit "
                + r.exit()
                + " for "
                + key
                + ": "
                + r.output());
      }
    }
    JsonNode auths = root.get("auths");
    if (auths instanceof ObjectNode a && a.has(key)) {
      a.remove(key);
      write(root);
      removed = true;
    }
    return removed;
  }

  private static @Nullable String helperFor(ObjectNode root, String key) {
    JsonNode helpers = root.get("credHelpers");
    if (helpers != null && helpers.get(key) != null && helpers.get(key).isTextual()) {
      return helpers.get(key).asText();
    }
    JsonNode store = root.get("credsStore");
    return store != null && store.isTextual() && !store.asText().isEmpty() ? store.asText() : null;
  }

  private ObjectNode object(ObjectNode root, String field) {
    JsonNode n = root.get(field);
    if (n instanceof ObjectNode o) {
      return o;
    }
    if (n != null && !n.isNull()) {
      throw new IllegalArgumentException(file + ": '" + field + "' is not a JSON object");
    }
    return root.putObject(field);
  }

  private ObjectNode read() throws IOException {
    if (!Files.exists(file)) {
      return json.createObjectNode();
    }
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(file + " is not a regular file");
    }
    if (Files.size(file) > MAX_BYTES) {
      throw new IllegalArgumentException(file + " is larger than " + MAX_BYTES + " bytes");
    }
    byte[] bytes = Files.readAllBytes(file);
    if (bytes.length == 0) {
      return json.createObjectNode();
    }
    JsonNode root;
    try {
      root = json.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          file + " is not valid JSON (" + e.getOriginalMessage() + "); fix or remove it", e);
    }
    if (!(root instanceof ObjectNode o)) {
      throw new IllegalArgumentException(file + " does not hold a JSON object");
    }
    return o;
  }

  private void write(ObjectNode root) throws IOException {
    Path dir = java.util.Objects.requireNonNull(file.toAbsolutePath().getParent());
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    if (!Files.isDirectory(dir)) {
      if (posix) {
        Files.createDirectories(
            dir,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } else {
        Files.createDirectories(dir);
      }
    }
    Path tmp =
        posix
            ? Files.createTempFile(
                dir,
                ".config",
                ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
            : Files.createTempFile(dir, ".config", ".tmp");
    try {
      Files.write(tmp, (json.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8));
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
