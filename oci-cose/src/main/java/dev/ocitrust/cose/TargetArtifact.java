package dev.ocitrust.cose;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.ocitrust.cose.internal.GoJson;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The OCI descriptor a Notary Project signature signs ({@code targetArtifact} of the payload {@code
 * application/vnd.cncf.notary.payload.v1+json}). oci-cose keeps its own small descriptor so that it
 * does not depend on oci-client.
 *
 * <p>{@link #payloadJson()} serialises exactly as Go's {@code encoding/json} would encode
 * notation's descriptor: compact, fields in the order mediaType, digest, size, annotations (omitted
 * when empty, keys sorted), artifactType (omitted when absent). Notation itself drops artifactType
 * before signing, so leave it empty for interoperable signatures.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * TargetArtifact target = new TargetArtifact(
 *     "application/vnd.oci.image.manifest.v1+json", "sha256:19dbd2e4...", 481,
 *     Map.of(), Optional.empty());
 * byte[] payload = target.payloadJson();
 * }</pre>
 *
 * @param mediaType the descriptor's media type
 * @param digest the digest string, {@code algorithm:encoded}
 * @param size the content size in bytes
 * @param annotations annotations (user metadata), copied
 * @param artifactType the artifact type, usually absent
 */
public record TargetArtifact(
    String mediaType,
    String digest,
    long size,
    Map<String, String> annotations,
    Optional<String> artifactType) {
  /** The media type of the Notary Project payload. */
  public static final String PAYLOAD_MEDIA_TYPE = "application/vnd.cncf.notary.payload.v1+json";

  private static final Pattern DIGEST =
      Pattern.compile("[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+");
  // Like Go's json.Unmarshal: duplicate keys and trailing data after the top-level value are
  // errors. Thread-safe once built.
  private static final ObjectMapper PAYLOAD_MAPPER =
      JsonMapper.builder()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException if mediaType is empty, the digest malformed or size negative
   */
  public TargetArtifact {
    if (mediaType.isEmpty()) {
      throw new IllegalArgumentException("mediaType must not be empty");
    }
    if (!DIGEST.matcher(digest).matches()) {
      throw new IllegalArgumentException("malformed digest " + digest);
    }
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative, was " + size);
    }
    annotations = Map.copyOf(annotations);
  }

  /** A descriptor without annotations and artifact type. */
  public static TargetArtifact of(String mediaType, String digest, long size) {
    return new TargetArtifact(mediaType, digest, size, Map.of(), Optional.empty());
  }

  /** The payload {@code {"targetArtifact": <descriptor>}} as Go would encode it. */
  public byte[] payloadJson() {
    StringBuilder b = new StringBuilder("{\"targetArtifact\":{\"mediaType\":");
    GoJson.string(b, mediaType);
    b.append(",\"digest\":");
    GoJson.string(b, digest);
    b.append(",\"size\":").append(size);
    if (!annotations.isEmpty()) {
      b.append(",\"annotations\":{");
      boolean first = true;
      for (Map.Entry<String, String> e : new TreeMap<>(annotations).entrySet()) {
        if (!first) {
          b.append(',');
        }
        first = false;
        GoJson.string(b, e.getKey());
        b.append(':');
        GoJson.string(b, e.getValue());
      }
      b.append('}');
    }
    if (artifactType.isPresent()) {
      b.append(",\"artifactType\":");
      GoJson.string(b, artifactType.get());
    }
    return b.append("}}").toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Parses a Notary Project payload. Duplicate keys are rejected; unknown fields are ignored (as Go
   * does).
   *
   * @throws CoseFormatException if it is not a JSON object with a valid targetArtifact
   */
  public static TargetArtifact fromPayload(byte[] payload) throws CoseFormatException {
    JsonNode root;
    try {
      root = PAYLOAD_MAPPER.readTree(payload);
    } catch (JsonProcessingException e) {
      throw new CoseFormatException("payload is not valid JSON: " + e.getOriginalMessage(), e);
    } catch (java.io.IOException e) {
      throw new CoseFormatException("payload is not valid JSON", e);
    }
    if (root == null || !root.isObject() || !root.path("targetArtifact").isObject()) {
      throw new CoseFormatException("payload must be a JSON object with a targetArtifact object");
    }
    JsonNode t = root.get("targetArtifact");
    String mediaType = requiredText(t, "mediaType");
    String digest = requiredText(t, "digest");
    JsonNode size = t.get("size");
    if (size == null || !size.isIntegralNumber() || !size.canConvertToLong()) {
      throw new CoseFormatException("targetArtifact.size must be an integer");
    }
    Map<String, String> ann = new TreeMap<>();
    JsonNode a = t.get("annotations");
    if (a != null && !a.isNull()) {
      if (!a.isObject()) {
        throw new CoseFormatException("targetArtifact.annotations must be an object");
      }
      for (Map.Entry<String, JsonNode> e : a.properties()) {
        if (!e.getValue().isTextual()) {
          throw new CoseFormatException("annotation " + e.getKey() + " must be a string");
        }
        ann.put(e.getKey(), e.getValue().asText());
      }
    }
    JsonNode at = t.get("artifactType");
    Optional<String> artifactType = Optional.empty();
    if (at != null && !at.isNull()) {
      if (!at.isTextual()) {
        throw new CoseFormatException("targetArtifact.artifactType must be a string");
      }
      artifactType = Optional.of(at.asText());
    }
    try {
      return new TargetArtifact(mediaType, digest, size.asLong(), ann, artifactType);
    } catch (IllegalArgumentException e) {
      throw new CoseFormatException("invalid targetArtifact: " + e.getMessage(), e);
    }
  }

  private static String requiredText(JsonNode t, String field) throws CoseFormatException {
    JsonNode v = t.get(field);
    if (v == null || !v.isTextual() || v.asText().isEmpty()) {
      throw new CoseFormatException("targetArtifact." + field + " must be a non-empty string");
    }
    return v.asText();
  }
}
