package dev.ocitrust.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocitrust.client.internal.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Credentials from the files Docker, Podman and oras keep: {@code config.json} / {@code auth.json}
 * with {@code auths} entries ({@code auth} as base64 {@code user:password}, or {@code
 * identitytoken}), {@code credHelpers} per registry and a default {@code credsStore}, both run as
 * {@code docker-credential-<name> get} with a timeout. Docker Hub is found under any of its names
 * ({@code docker.io}, {@code index.docker.io}, {@code registry-1.docker.io}, {@code
 * https://index.docker.io/v1/}).
 *
 * <p>Files are read on every lookup ({@link RegistryClient} remembers the answer per registry), so
 * a login after the client was built is seen by the next client. Secrets never appear in messages
 * or logs.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * RegistryClient client = RegistryClient.builder()
 *     .credentials(DockerCredentials.fromEnvironment())
 *     .build();
 * }</pre>
 */
public final class DockerCredentials implements CredentialsProvider {
  private static final long MAX_FILE = 4L * 1024 * 1024;
  private static final int MAX_HELPER_OUTPUT = 1024 * 1024;
  private static final Pattern HELPER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final List<String> DOCKER_HUB =
      List.of("docker.io", "index.docker.io", "registry-1.docker.io");
  private static final String DOCKER_HUB_SERVER = "https://index.docker.io/v1/";

  private final List<Path> files;
  private final Duration helperTimeout;
  private final @Nullable Path helperDirectory;

  private DockerCredentials(
      List<Path> files, Duration helperTimeout, @Nullable Path helperDirectory) {
    this.files = List.copyOf(files);
    this.helperTimeout = helperTimeout;
    this.helperDirectory = helperDirectory;
  }

  /**
   * The files of this process's environment, searched in this order: {@code $REGISTRY_AUTH_FILE},
   * {@code $XDG_RUNTIME_DIR/containers/auth.json}, {@code $DOCKER_CONFIG/config.json} (else {@code
   * ~/.docker/config.json}). Missing files are skipped.
   */
  public static DockerCredentials fromEnvironment() {
    return fromEnvironment(System.getenv(), Path.of(System.getProperty("user.home")));
  }

  /** As {@link #fromEnvironment()}, with the environment and home folder given. */
  public static DockerCredentials fromEnvironment(Map<String, String> env, Path home) {
    List<Path> files = new ArrayList<>();
    String authFile = env.get("REGISTRY_AUTH_FILE");
    if (authFile != null && !authFile.isBlank()) {
      files.add(Path.of(authFile));
    }
    String runtime = env.get("XDG_RUNTIME_DIR");
    if (runtime != null && !runtime.isBlank()) {
      files.add(Path.of(runtime, "containers", "auth.json"));
    }
    String dockerConfig = env.get("DOCKER_CONFIG");
    files.add(
        dockerConfig != null && !dockerConfig.isBlank()
            ? Path.of(dockerConfig, "config.json")
            : home.resolve(".docker").resolve("config.json"));
    return new DockerCredentials(files, Duration.ofSeconds(10), null);
  }

  /** Exactly these files, searched in order. */
  public static DockerCredentials fromFiles(List<Path> files) {
    return new DockerCredentials(files, Duration.ofSeconds(10), null);
  }

  /** The files searched, in order (some may not exist). */
  public List<Path> files() {
    return files;
  }

  /** This provider with a different credential-helper timeout (10 s by default). */
  public DockerCredentials withHelperTimeout(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive");
    }
    return new DockerCredentials(files, timeout, helperDirectory);
  }

  /**
   * This provider running credential helpers from {@code directory} instead of finding them on the
   * {@code PATH}.
   */
  public DockerCredentials withHelperDirectory(Path directory) {
    return new DockerCredentials(files, helperTimeout, Objects.requireNonNull(directory));
  }

  @Override
  public Optional<Credential> credentialFor(String registry) throws IOException {
    String wanted = normalize(registry);
    for (Path file : files) {
      if (!Files.isRegularFile(file)) {
        continue;
      }
      Optional<Credential> found = lookup(file, wanted);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private Optional<Credential> lookup(Path file, String registry) throws IOException {
    if (Files.size(file) > MAX_FILE) {
      throw new OciException(file + " is larger than " + MAX_FILE + " bytes");
    }
    JsonNode root;
    try {
      root = Json.read(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new OciException(file + " is not valid JSON: " + e.getMessage(), e);
    }
    JsonNode helpers = root.get("credHelpers");
    if (helpers != null && helpers.isObject()) {
      String helper = find(helpers, registry);
      if (helper != null) {
        return runHelper(helper, registry, file);
      }
    }
    JsonNode auths = root.get("auths");
    if (auths != null && auths.isObject()) {
      for (Map.Entry<String, JsonNode> e : auths.properties()) {
        if (normalize(e.getKey()).equals(registry) && e.getValue().isObject()) {
          Optional<Credential> c = fromEntry(e.getValue(), file, registry);
          if (c.isPresent()) {
            return c;
          }
        }
      }
    }
    JsonNode store = root.get("credsStore");
    if (store != null && store.isTextual() && !store.asText().isEmpty()) {
      return runHelper(store.asText(), registry, file);
    }
    return Optional.empty();
  }

  private static Optional<Credential> fromEntry(JsonNode entry, Path file, String registry)
      throws OciException {
    String identity = text(entry, "identitytoken");
    if (identity != null && !identity.isEmpty()) {
      return Optional.of(Credential.identityToken(identity));
    }
    String auth = text(entry, "auth");
    if (auth != null && !auth.isEmpty()) {
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(auth.trim()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new OciException(file + ": the auth of " + registry + " is not base64", e);
      }
      int colon = decoded.indexOf(':');
      if (colon <= 0) {
        throw new OciException(file + ": the auth of " + registry + " is not user:password");
      }
      return Optional.of(
          Credential.basic(decoded.substring(0, colon), decoded.substring(colon + 1)));
    }
    String user = text(entry, "username");
    String password = text(entry, "password");
    if (user != null && !user.isEmpty() && password != null) {
      return Optional.of(Credential.basic(user, password));
    }
    return Optional.empty();
  }

  private Optional<Credential> runHelper(String name, String registry, Path file)
      throws IOException {
    if (!HELPER_NAME.matcher(name).matches()) {
      throw new OciException(file + ": invalid credential helper name '" + name + "'");
    }
    String server = DOCKER_HUB.contains(registry) ? DOCKER_HUB_SERVER : registry;
    String command = "docker-credential-" + name;
    if (helperDirectory != null) {
      command = helperDirectory.resolve(command).toString();
    }
    // Output goes to a file, never a pipe, so a helper that hangs cannot block the read.
    Path output = Files.createTempFile("ocitrust-credential", ".json");
    Process process;
    try {
      process =
          new ProcessBuilder(command, "get")
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .redirectOutput(output.toFile())
              .start();
    } catch (IOException e) {
      Files.deleteIfExists(output);
      throw new OciException(
          "credential helper " + command + " cannot be run: " + e.getMessage(), e);
    }
    try {
      try (OutputStream in = process.getOutputStream()) {
        in.write(server.getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        // a helper that does not read its input fails below with its exit status
      }
      if (!process.waitFor(helperTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new OciException(
            "credential helper docker-credential-" + name + " did not finish in " + helperTimeout);
      }
      byte[] out;
      try (InputStream stdout = Files.newInputStream(output)) {
        out = stdout.readNBytes(MAX_HELPER_OUTPUT);
      }
      if (process.exitValue() != 0) {
        String text = new String(out, StandardCharsets.UTF_8);
        if (text.toLowerCase(Locale.ROOT).contains("credentials not found")) {
          return Optional.empty();
        }
        throw new OciException(
            "credential helper docker-credential-"
                + name
                + " failed with exit "
                + process.exitValue()
                + " for "
                + registry);
      }
      JsonNode json;
      try {
        json = Json.read(out);
      } catch (IOException e) {
        throw new OciException(
            "credential helper docker-credential-"
                + name
                + " printed something other than JSON for "
                + registry,
            e);
      }
      String user = text(json, "Username");
      String secret = text(json, "Secret");
      if (secret == null || secret.isEmpty()) {
        return Optional.empty();
      }
      if (user == null || user.isEmpty() || user.equals("<token>")) {
        return Optional.of(Credential.identityToken(secret));
      }
      return Optional.of(Credential.basic(user, secret));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while running a credential helper");
    } finally {
      process.destroyForcibly();
      Files.deleteIfExists(output);
    }
  }

  private static @Nullable String find(JsonNode helpers, String registry) {
    for (Map.Entry<String, JsonNode> e : helpers.properties()) {
      if (normalize(e.getKey()).equals(registry) && e.getValue().isTextual()) {
        return e.getValue().asText();
      }
    }
    return null;
  }

  /** {@code host[:port]} in lower case, scheme and path dropped, Docker Hub's names folded. */
  static String normalize(String key) {
    String k = Objects.requireNonNull(key).trim().toLowerCase(Locale.ROOT);
    if (k.startsWith("https://")) {
      k = k.substring(8);
    } else if (k.startsWith("http://")) {
      k = k.substring(7);
    }
    int slash = k.indexOf('/');
    if (slash >= 0) {
      k = k.substring(0, slash);
    }
    return DOCKER_HUB.contains(k) ? "docker.io" : k;
  }

  private static @Nullable String text(JsonNode node, String field) {
    JsonNode n = node.get(field);
    return n != null && n.isTextual() ? n.asText() : null;
  }

  @Override
  public String toString() {
    return "DockerCredentials" + files;
  }
}
