package dev.ocitrust.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ocitrust.cose.ExternalSigner;
import dev.ocitrust.cose.TargetArtifact;
import dev.ocitrust.policy.internal.PluginCalls;
import dev.ocitrust.policy.internal.PluginSigner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A notation plugin, run as notation runs it: the executable {@code notation-<name>} in {@code
 * {NOTATION_CONFIG}/plugins/<name>/} ({@link NotationPaths#pluginDirectory()}), one process per
 * command with the JSON request on stdin and the answer on stdout (plugin contract 1.0 of the
 * Notary Project plugin extensibility specification). Existing plugins (AWS Signer, Azure Key
 * Vault, HashiCorp Vault) work unchanged.
 *
 * <p>Every call has a deadline ({@link Builder#callTimeout(Duration)}, default {@link
 * #DEFAULT_CALL_TIMEOUT}) after which the process and its children are killed, and stdout and
 * stderr are each capped ({@link Builder#maxOutputBytes(int)}, default 64 MiB as in notation). An
 * error response (exit code 1, JSON on stderr) becomes a {@link PluginException} with its {@code
 * errorCode}; any other failure a {@link PluginException} without one.
 *
 * <p>Immutable and thread-safe; it holds no process between calls.
 *
 * <p>Security guarantees: the executable must be a regular file (symbolic links are refused, as the
 * specification requires) and its metadata must name the plugin it was found as; nothing a plugin
 * returns is trusted: signatures, chains and envelopes are verified by the caller ({@link
 * dev.ocitrust.cose.NotaryEnvelopeSigner}, {@link NotarySigner}).
 *
 * <pre>{@code
 * NotationPlugin plugin = NotationPlugin.builder(NotationPaths.userDefault(), "com.example.kms").build();
 * ExternalSigner key = plugin.signer("arn:aws:kms:...:key/1234", Map.of("region", "eu-west-1"));
 * NotarySigner signer = NotarySigner.builder(NotaryEnvelopeSigner.builder(key).build()).build();
 * }</pre>
 */
public final class NotationPlugin {
  /** The plugin contract version ocitrust speaks. */
  public static final String CONTRACT_VERSION = "1.0";

  /** Capability: raw signatures ({@code describe-key}, {@code generate-signature}). */
  public static final String SIGNATURE_GENERATOR_RAW = "SIGNATURE_GENERATOR.RAW";

  /** Capability: whole envelopes for OCI artifacts ({@code generate-envelope}). */
  public static final String SIGNATURE_GENERATOR_ENVELOPE = "SIGNATURE_GENERATOR.ENVELOPE";

  /** Capability: trusted-identity checks at verification ({@code verify-signature}). */
  public static final String SIGNATURE_VERIFIER_TRUSTED_IDENTITY =
      "SIGNATURE_VERIFIER.TRUSTED_IDENTITY";

  /** Capability: revocation checks at verification ({@code verify-signature}). */
  public static final String SIGNATURE_VERIFIER_REVOCATION_CHECK =
      "SIGNATURE_VERIFIER.REVOCATION_CHECK";

  /** The executable's prefix. */
  public static final String BINARY_PREFIX = "notation-";

  /** Default deadline of one plugin call. */
  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofMinutes(1);

  /** Default cap of stdout and of stderr of one call: 64 MiB, notation's limit. */
  public static final int DEFAULT_MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

  private final String name;
  private final Path executable;
  private final PluginCalls calls;

  private NotationPlugin(Builder b) {
    this.name = b.name;
    this.executable = b.executable;
    this.calls = new PluginCalls(b.name, b.executable, b.timeout, b.maxOutput);
  }

  /**
   * A builder for the plugin {@code name} installed under {@code paths}: {@code
   * {NOTATION_CONFIG}/plugins/<name>/notation-<name>} ({@code .exe} on Windows).
   *
   * @throws IllegalArgumentException if the name is empty or could leave the plugin directory
   */
  public static Builder builder(NotationPaths paths, String name) {
    checkName(name);
    String file =
        BINARY_PREFIX
            + name
            + (System.getProperty("os.name", "")
                    .toLowerCase(java.util.Locale.ROOT)
                    .startsWith("windows")
                ? ".exe"
                : "");
    return new Builder(name, paths.pluginDirectory().resolve(name).resolve(file));
  }

  /**
   * A builder for the plugin {@code name} at an explicit executable.
   *
   * @throws IllegalArgumentException if the name is empty or malformed
   */
  public static Builder builder(Path executable, String name) {
    checkName(name);
    return new Builder(name, Objects.requireNonNull(executable, "executable"));
  }

  private static void checkName(String name) {
    if (!NAME.matcher(name).matches() || name.contains("..")) {
      throw new IllegalArgumentException(
          "notation plugin name \""
              + name
              + "\" is malformed: expected letters, digits, '.', '_' or '-' (e.g. com.example.kms)");
    }
  }

  /** The plugin's name. */
  public String name() {
    return name;
  }

  /** Its executable. */
  public Path executable() {
    return executable;
  }

  /**
   * Runs {@code get-plugin-metadata} and checks the answer: every field present, the name equal to
   * this plugin's, contract version {@value #CONTRACT_VERSION} supported.
   *
   * @throws PluginException if the call fails or the metadata is not acceptable
   */
  public PluginMetadata metadata(Map<String, String> pluginConfig) throws PluginException {
    String command = "get-plugin-metadata";
    ObjectNode request = calls.emptyRequest();
    PluginCalls.putConfig(request, pluginConfig);
    JsonNode answer = calls.call(command, request);
    PluginMetadata metadata;
    try {
      metadata =
          new PluginMetadata(
              calls.text(command, answer, "name"),
              calls.text(command, answer, "description"),
              calls.text(command, answer, "version"),
              calls.text(command, answer, "url"),
              strings(command, answer, "supportedContractVersions"),
              strings(command, answer, "capabilities"));
    } catch (IllegalArgumentException e) {
      throw calls.malformed(command, String.valueOf(e.getMessage()));
    }
    if (!metadata.name().equals(name)) {
      throw calls.malformed(
          command,
          "the plugin calls itself \""
              + metadata.name()
              + "\": its executable must be named "
              + BINARY_PREFIX
              + metadata.name());
    }
    if (!metadata.supportedContractVersions().contains(CONTRACT_VERSION)) {
      throw calls.malformed(
          command,
          "contract version \""
              + CONTRACT_VERSION
              + "\" is not in the plugin's supported versions "
              + metadata.supportedContractVersions());
    }
    return metadata;
  }

  /**
   * The key {@code keyId} of this plugin as an {@link ExternalSigner} ({@code describe-key} gives
   * its algorithm, {@code generate-signature} signs); checks first that the plugin has the {@link
   * #SIGNATURE_GENERATOR_RAW} capability.
   *
   * @param pluginConfig passed to every call as {@code pluginConfig}
   * @throws PluginException if the metadata call fails or the plugin cannot make raw signatures
   */
  public ExternalSigner signer(String keyId, Map<String, String> pluginConfig)
      throws PluginException {
    if (keyId.isEmpty()) {
      throw new IllegalArgumentException("the key id of a plugin key must not be empty");
    }
    PluginMetadata metadata = metadata(pluginConfig);
    if (!metadata.hasCapability(SIGNATURE_GENERATOR_RAW)) {
      throw new PluginException(
          name,
          "get-plugin-metadata",
          "the plugin cannot make raw signatures (capabilities "
              + metadata.capabilities()
              + ", "
              + SIGNATURE_GENERATOR_RAW
              + " needed)",
          null);
    }
    return new PluginSigner(calls, CONTRACT_VERSION, keyId, pluginConfig);
  }

  /**
   * Runs {@code generate-envelope}: the plugin (capability {@link #SIGNATURE_GENERATOR_ENVELOPE})
   * builds the whole envelope of {@code payload} (the Notary payload JSON) in {@code
   * envelopeMediaType}. The answer is checked against the protocol (the same envelope type, base64,
   * string annotations) but not verified: {@link NotarySigner} does that.
   *
   * @throws PluginException if the call fails or the answer breaks the protocol
   */
  public GeneratedEnvelope generateEnvelope(
      String keyId,
      Map<String, String> pluginConfig,
      byte[] payload,
      String envelopeMediaType,
      Optional<Duration> expiry)
      throws PluginException {
    String command = "generate-envelope";
    ObjectNode request = calls.request(CONTRACT_VERSION);
    request.put("keyId", keyId);
    PluginCalls.putConfig(request, pluginConfig);
    expiry.ifPresent(e -> request.put("expiryDurationInSeconds", e.toSeconds()));
    request.put("payload", PluginCalls.base64(payload));
    request.put("payloadType", TargetArtifact.PAYLOAD_MEDIA_TYPE);
    request.put("signatureEnvelopeType", envelopeMediaType);
    JsonNode answer = calls.call(command, request);
    String type = calls.text(command, answer, "signatureEnvelopeType");
    if (!type.equals(envelopeMediaType)) {
      throw calls.malformed(
          command,
          "signatureEnvelopeType \""
              + type
              + "\" is not the requested \""
              + envelopeMediaType
              + "\"");
    }
    byte[] envelope = calls.bytes(command, answer, "signatureEnvelope");
    Map<String, String> annotations = new LinkedHashMap<>();
    JsonNode node = answer.get("annotations");
    if (node != null && !node.isNull()) {
      if (!node.isObject()) {
        throw calls.malformed(command, "\"annotations\" is not an object");
      }
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        if (!e.getValue().isTextual()) {
          throw calls.malformed(command, "annotation \"" + e.getKey() + "\" is not a string");
        }
        annotations.put(e.getKey(), e.getValue().asText());
      }
    }
    return new GeneratedEnvelope(envelope, type, annotations);
  }

  private List<String> strings(String command, JsonNode answer, String field)
      throws PluginException {
    JsonNode node = answer.get(field);
    if (node == null || !node.isArray()) {
      throw calls.malformed(command, "\"" + field + "\" is missing or not an array");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode e : node) {
      if (!e.isTextual()) {
        throw calls.malformed(command, "\"" + field + "\" holds a value that is not a string");
      }
      out.add(e.asText());
    }
    return out;
  }

  /** Plugin calls, for the signer and verifier in this package. */
  PluginCalls calls() {
    return calls;
  }

  @Override
  public String toString() {
    return "NotationPlugin{" + name + ", " + executable + "}";
  }

  /** Builds a {@link NotationPlugin}. Not thread-safe. */
  public static final class Builder {
    private final String name;
    private final Path executable;
    private Duration timeout = DEFAULT_CALL_TIMEOUT;
    private int maxOutput = DEFAULT_MAX_OUTPUT_BYTES;

    private Builder(String name, Path executable) {
      this.name = name;
      this.executable = executable;
    }

    /** The deadline of each call (default {@link #DEFAULT_CALL_TIMEOUT}). */
    public Builder callTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("the call timeout must be positive, was " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /** The cap of stdout and of stderr of each call (default 64 MiB). */
    public Builder maxOutputBytes(int max) {
      if (max < 1024) {
        throw new IllegalArgumentException(
            "the output cap must be at least 1024 bytes, was " + max);
      }
      this.maxOutput = max;
      return this;
    }

    /** The plugin (nothing is run until a call). */
    public NotationPlugin build() {
      return new NotationPlugin(this);
    }
  }
}
