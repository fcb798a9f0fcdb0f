package dev.ocitrust.policy.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ocitrust.policy.PluginException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One notation plugin's executable and the protocol around a call: checks the executable (a regular
 * file, not a link, executable), writes the JSON request, runs it with a deadline and output caps
 * ({@link PluginProcess}), and turns the answer into JSON or a {@link PluginException} (exit 1 with
 * a JSON error response on stderr → its code and message; anything else → a general failure quoting
 * the start of stderr).
 *
 * <p>Immutable and thread-safe (the mapper is only read after construction).
 */
public final class PluginCalls {
  private static final int QUOTED_STDERR = 500;

  private final String name;
  private final Path executable;
  private final Duration timeout;
  private final int maxOutputBytes;
  private final ObjectMapper json =
      new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  /** Calls to {@code executable}, the plugin {@code name}. */
  public PluginCalls(String name, Path executable, Duration timeout, int maxOutputBytes) {
    this.name = name;
    this.executable = executable;
    this.timeout = timeout;
    this.maxOutputBytes = maxOutputBytes;
  }

  /** The plugin's name. */
  public String name() {
    return name;
  }

  /** A new request object with {@code contractVersion} set (not for get-plugin-metadata). */
  public ObjectNode request(String contractVersion) {
    ObjectNode request = json.createObjectNode();
    request.put("contractVersion", contractVersion);
    return request;
  }

  /** A new empty request object. */
  public ObjectNode emptyRequest() {
    return json.createObjectNode();
  }

  /** Adds {@code pluginConfig} to a request when it is not empty. */
  public static void putConfig(ObjectNode request, Map<String, String> config) {
    if (!config.isEmpty()) {
      ObjectNode c = request.putObject("pluginConfig");
      new java.util.TreeMap<>(config).forEach(c::put);
    }
  }

  /**
   * Runs {@code command} with {@code request} and returns the parsed JSON object it answered.
   *
   * @throws PluginException if the plugin cannot be run, fails, times out, floods its output, or
   *     answers something other than a JSON object
   */
  public JsonNode call(String command, ObjectNode request) throws PluginException {
    checkExecutable(command);
    byte[] body;
    try {
      body = json.writeValueAsBytes(request);
    } catch (JsonProcessingException e) {
      throw new PluginException(name, command, "cannot encode the request", e);
    }
    PluginProcess.Outcome outcome;
    try {
      outcome = PluginProcess.run(executable, command, body, Map.of(), timeout, maxOutputBytes);
    } catch (IOException e) {
      throw new PluginException(
          name, command, "cannot run " + executable + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PluginException(name, command, "interrupted", e);
    }
    switch (outcome.ending()) {
      case TIMED_OUT:
        throw new PluginException(
            name,
            command,
            "no answer within " + timeout.toMillis() + " ms: the plugin was stopped",
            null);
      case TOO_MUCH_OUTPUT:
        throw new PluginException(
            name,
            command,
            "wrote more than "
                + maxOutputBytes
                + " bytes to stdout or stderr: the plugin was stopped",
            null);
      default:
        break;
    }
    if (outcome.exitCode() != 0) {
      throw failure(command, outcome);
    }
    JsonNode answer = parse(command, outcome.stdout(), "stdout");
    if (!answer.isObject()) {
      throw malformed(command, "the response on stdout is not a JSON object");
    }
    return answer;
  }

  private void checkExecutable(String command) throws PluginException {
    BasicFileAttributes attributes;
    try {
      attributes =
          Files.readAttributes(executable, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw new PluginException(
          name,
          command,
          "plugin executable file is either not found or inaccessible: " + executable,
          e);
    }
    if (attributes.isSymbolicLink()) {
      throw new PluginException(
          name, command, executable + " is a symbolic link: plugins must be regular files", null);
    }
    if (!attributes.isRegularFile()) {
      throw new PluginException(name, command, executable + " is not a regular file", null);
    }
    if (!Files.isExecutable(executable)) {
      throw new PluginException(name, command, executable + " is not executable", null);
    }
  }

  private PluginException failure(String command, PluginProcess.Outcome outcome) {
    byte[] stderr = outcome.stderr();
    if (outcome.exitCode() == 1 && stderr.length > 0) {
      try {
        JsonNode error = json.readTree(stderr);
        if (error != null && error.isObject() && error.path("errorCode").isTextual()) {
          Map<String, String> metadata = new LinkedHashMap<>();
          error
              .path("errorMetadata")
              .properties()
              .forEach(e -> metadata.put(e.getKey(), e.getValue().asText()));
          return new PluginException(
              name,
              command,
              error.path("errorMessage").asText("(no errorMessage)"),
              error.get("errorCode").asText(),
              metadata,
              null);
        }
      } catch (IOException e) {
        // not an error response: quoted below
      }
    }
    String text = new String(stderr, StandardCharsets.UTF_8).strip();
    if (text.length() > QUOTED_STDERR) {
      text = text.substring(0, QUOTED_STDERR) + "...";
    }
    return new PluginException(
        name,
        command,
        "exited with code "
            + outcome.exitCode()
            + (text.isEmpty() ? " and nothing on stderr" : ", stderr: " + text),
        null);
  }

  private JsonNode parse(String command, byte[] bytes, String stream) throws PluginException {
    try {
      JsonNode node = json.readTree(bytes);
      if (node == null) {
        throw malformed(command, "nothing on " + stream);
      }
      return node;
    } catch (JsonProcessingException e) {
      throw malformed(
          command, "the response on " + stream + " is not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw malformed(command, "the response on " + stream + " cannot be read: " + e.getMessage());
    }
  }

  /** A protocol violation by the plugin. */
  public PluginException malformed(String command, String why) {
    return new PluginException(name, command, "malformed response: " + why, null);
  }

  /** The required string field {@code field} of a response. */
  public String text(String command, JsonNode response, String field) throws PluginException {
    JsonNode node = response.get(field);
    if (node == null || !node.isTextual() || node.asText().isEmpty()) {
      throw malformed(command, "\"" + field + "\" is missing, empty or not a string");
    }
    return node.asText();
  }

  /** The required base64 (standard alphabet, padded, as Go's encoding/json writes bytes) field. */
  public byte[] bytes(String command, JsonNode response, String field) throws PluginException {
    String text = text(command, response, field);
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw malformed(command, "\"" + field + "\" is not base64: " + e.getMessage());
    }
  }

  /** Base64 as Go's encoding/json writes {@code []byte}. */
  public static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}
