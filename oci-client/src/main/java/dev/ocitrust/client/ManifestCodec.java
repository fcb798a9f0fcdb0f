package dev.ocitrust.client;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ocitrust.client.internal.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes manifests, indexes and descriptors. Every field is checked against the image
 * specification; errors name the manifest and the JSON path of the field. Not public API.
 */
final class ManifestCodec {
  private ManifestCodec() {}

  static Manifest parse(byte[] bytes, @Nullable String mediaTypeHint, @Nullable Descriptor expected)
      throws OciException {
    if (expected == null) {
      return parse(bytes, mediaTypeHint);
    }
    String what = "manifest " + expected.digest();
    if (expected.size() != bytes.length) {
      throw new ContentVerificationException(
          what + ": expected " + expected.size() + " bytes, got " + bytes.length);
    }
    Digest digest = Digest.of(expected.digest().algorithm(), bytes);
    if (!digest.equals(expected.digest())) {
      throw new ContentVerificationException(what + ": content has digest " + digest);
    }
    return parse(bytes, mediaTypeHint, digest);
  }

  static Manifest parse(byte[] bytes, @Nullable String mediaTypeHint)
      throws InvalidManifestException {
    if (bytes.length > Manifest.MAX_BYTES) {
      throw new InvalidManifestException(
          "manifest is " + bytes.length + " bytes; the limit is " + Manifest.MAX_BYTES);
    }
    return parse(bytes, mediaTypeHint, Digest.sha256(bytes));
  }

  private static Manifest parse(byte[] bytes, @Nullable String mediaTypeHint, Digest digest)
      throws InvalidManifestException {
    String what = "manifest " + digest;
    if (bytes.length > Manifest.MAX_BYTES) {
      throw new InvalidManifestException(
          what + " is " + bytes.length + " bytes; the limit is " + Manifest.MAX_BYTES);
    }
    JsonNode root;
    try {
      root = Json.read(bytes);
    } catch (IOException e) {
      throw new InvalidManifestException(what + " is not valid JSON: " + e.getMessage(), e);
    }
    Fields f = new Fields(what);
    if (!root.isObject()) {
      throw f.error("", "expected a JSON object");
    }
    String declared = f.optionalText(root, "mediaType", "mediaType");
    String mediaType = declared != null ? declared : mediaTypeHint;
    if (mediaType == null) {
      mediaType = root.has("manifests") ? MediaTypes.OCI_INDEX : MediaTypes.OCI_MANIFEST;
    }
    if (declared != null
        && mediaTypeHint != null
        && !declared.equals(mediaTypeHint)
        && MediaTypes.isManifest(mediaTypeHint)) {
      throw f.error("mediaType", "declares " + declared + " but was fetched as " + mediaTypeHint);
    }
    if (!MediaTypes.isManifest(mediaType)) {
      throw f.error("mediaType", "unsupported manifest media type '" + mediaType + "'");
    }
    JsonNode version = root.get("schemaVersion");
    if (version == null || !version.isInt() || version.intValue() != 2) {
      throw f.error("schemaVersion", "expected 2, found " + version);
    }
    Descriptor self = Descriptor.of(mediaType, digest, bytes.length);
    String artifactType = f.optionalText(root, "artifactType", "artifactType");
    Descriptor subject = root.has("subject") ? f.descriptor(root.get("subject"), "subject") : null;
    Map<String, String> annotations = f.annotations(root.get("annotations"), "annotations");
    if (MediaTypes.isIndex(mediaType)) {
      if (root.has("config") || root.has("layers")) {
        throw f.error("", "an index must not have config or layers");
      }
      List<Descriptor> manifests = f.descriptors(root.get("manifests"), "manifests");
      return new ImageIndex(bytes.clone(), self, manifests, artifactType, subject, annotations);
    }
    if (root.has("manifests")) {
      throw f.error("manifests", "an image manifest must not list manifests");
    }
    JsonNode configNode = root.get("config");
    if (configNode == null) {
      throw f.error("config", "missing");
    }
    Descriptor config = f.descriptor(configNode, "config");
    List<Descriptor> layers =
        root.has("layers") ? f.descriptors(root.get("layers"), "layers") : List.of();
    return new ImageManifest(
        bytes.clone(), self, config, layers, artifactType, subject, annotations);
  }

  static ImageManifest writeManifest(
      Descriptor config,
      List<Descriptor> layers,
      @Nullable String artifactType,
      @Nullable Descriptor subject,
      Map<String, String> annotations) {
    byte[] bytes =
        writeTopLevel(
            MediaTypes.OCI_MANIFEST,
            artifactType,
            subject,
            annotations,
            g -> {
              g.writeFieldName("config");
              writeDescriptor(g, config);
              writeDescriptorArray(g, "layers", layers);
            });
    return new ImageManifest(
        bytes,
        Descriptor.of(MediaTypes.OCI_MANIFEST, bytes),
        config,
        layers,
        artifactType,
        subject,
        annotations);
  }

  static ImageIndex writeIndex(
      List<Descriptor> manifests,
      @Nullable String artifactType,
      @Nullable Descriptor subject,
      Map<String, String> annotations) {
    byte[] bytes =
        writeTopLevel(
            MediaTypes.OCI_INDEX,
            artifactType,
            subject,
            annotations,
            g -> writeDescriptorArray(g, "manifests", manifests));
    return new ImageIndex(
        bytes,
        Descriptor.of(MediaTypes.OCI_INDEX, bytes),
        manifests,
        artifactType,
        subject,
        annotations);
  }

  /**
   * Writes a manifest or index in the field order of Go's image-spec structs: schemaVersion,
   * mediaType, artifactType, the body, subject, annotations.
   */
  private static byte[] writeTopLevel(
      String mediaType,
      @Nullable String artifactType,
      @Nullable Descriptor subject,
      Map<String, String> annotations,
      Json.Writer body) {
    byte[] bytes =
        Json.write(
            g -> {
              g.writeStartObject();
              g.writeNumberField("schemaVersion", 2);
              g.writeStringField("mediaType", mediaType);
              if (artifactType != null) {
                g.writeStringField("artifactType", artifactType);
              }
              body.write(g);
              if (subject != null) {
                g.writeFieldName("subject");
                writeDescriptor(g, subject);
              }
              writeAnnotations(g, annotations);
              g.writeEndObject();
            });
    checkSize(bytes);
    return bytes;
  }

  private static void writeDescriptorArray(JsonGenerator g, String field, List<Descriptor> list)
      throws IOException {
    g.writeArrayFieldStart(field);
    for (Descriptor d : list) {
      writeDescriptor(g, d);
    }
    g.writeEndArray();
  }

  private static void checkSize(byte[] bytes) {
    if (bytes.length > Manifest.MAX_BYTES) {
      throw new IllegalStateException(
          "the manifest would be " + bytes.length + " bytes; the limit is " + Manifest.MAX_BYTES);
    }
  }

  /** Writes a descriptor in the field order of Go's {@code ocispec.Descriptor}. */
  static void writeDescriptor(JsonGenerator g, Descriptor d) throws IOException {
    g.writeStartObject();
    g.writeStringField("mediaType", d.mediaType());
    g.writeStringField("digest", d.digest().toString());
    g.writeNumberField("size", d.size());
    if (!d.urls().isEmpty()) {
      g.writeArrayFieldStart("urls");
      for (String url : d.urls()) {
        g.writeString(url);
      }
      g.writeEndArray();
    }
    writeAnnotations(g, d.annotations());
    Optional<byte[]> data = d.data();
    if (data.isPresent()) {
      g.writeStringField("data", Base64.getEncoder().encodeToString(data.get()));
    }
    Optional<Platform> platform = d.platform();
    if (platform.isPresent()) {
      Platform p = platform.get();
      g.writeObjectFieldStart("platform");
      g.writeStringField("architecture", p.architecture());
      g.writeStringField("os", p.os());
      if (p.osVersion() != null) {
        g.writeStringField("os.version", p.osVersion());
      }
      if (!p.osFeatures().isEmpty()) {
        g.writeArrayFieldStart("os.features");
        for (String feature : p.osFeatures()) {
          g.writeString(feature);
        }
        g.writeEndArray();
      }
      if (p.variant() != null) {
        g.writeStringField("variant", p.variant());
      }
      g.writeEndObject();
    }
    if (d.artifactType().isPresent()) {
      g.writeStringField("artifactType", d.artifactType().get());
    }
    g.writeEndObject();
  }

  /** Writes annotations sorted by key (as Go writes maps); nothing when empty. */
  static void writeAnnotations(JsonGenerator g, Map<String, String> annotations)
      throws IOException {
    if (annotations.isEmpty()) {
      return;
    }
    g.writeObjectFieldStart("annotations");
    for (Map.Entry<String, String> e : new java.util.TreeMap<>(annotations).entrySet()) {
      g.writeStringField(e.getKey(), e.getValue());
    }
    g.writeEndObject();
  }

  /** Field readers that name the document and the JSON path in every error. */
  private static final class Fields {
    private final String what;

    Fields(String what) {
      this.what = what;
    }

    InvalidManifestException error(String path, String problem) {
      return new InvalidManifestException(
          what + (path.isEmpty() ? "" : ": " + path) + ": " + problem);
    }

    @Nullable String optionalText(JsonNode parent, String field, String path)
        throws InvalidManifestException {
      JsonNode node = parent.get(field);
      if (node == null || node.isNull()) {
        return null;
      }
      if (!node.isTextual()) {
        throw error(path, "expected a string, found " + node.getNodeType());
      }
      return node.textValue();
    }

    String requiredText(JsonNode parent, String field, String path)
        throws InvalidManifestException {
      String value = optionalText(parent, field, path);
      if (value == null || value.isEmpty()) {
        throw error(path, "missing");
      }
      return value;
    }

    List<Descriptor> descriptors(@Nullable JsonNode node, String path)
        throws InvalidManifestException {
      if (node == null || node.isNull()) {
        throw error(path, "missing");
      }
      if (!node.isArray()) {
        throw error(path, "expected an array, found " + node.getNodeType());
      }
      List<Descriptor> out = new ArrayList<>(node.size());
      for (int i = 0; i < node.size(); i++) {
        out.add(descriptor(node.get(i), path + "[" + i + "]"));
      }
      return out;
    }

    Descriptor descriptor(JsonNode node, String path) throws InvalidManifestException {
      if (!node.isObject()) {
        throw error(path, "expected a descriptor object, found " + node.getNodeType());
      }
      String mediaType = requiredText(node, "mediaType", path + ".mediaType");
      Digest digest;
      try {
        digest = Digest.parse(requiredText(node, "digest", path + ".digest"));
      } catch (InvalidDigestException e) {
        throw error(path + ".digest", Objects.requireNonNullElse(e.getMessage(), e.toString()));
      }
      JsonNode sizeNode = node.get("size");
      if (sizeNode == null
          || !sizeNode.isIntegralNumber()
          || !sizeNode.canConvertToLong()
          || sizeNode.longValue() < 0) {
        throw error(path + ".size", "expected a non-negative integer, found " + sizeNode);
      }
      long size = sizeNode.longValue();
      List<String> urls = new ArrayList<>();
      JsonNode urlsNode = node.get("urls");
      if (urlsNode != null && !urlsNode.isNull()) {
        if (!urlsNode.isArray()) {
          throw error(path + ".urls", "expected an array of strings");
        }
        for (int i = 0; i < urlsNode.size(); i++) {
          if (!urlsNode.get(i).isTextual()) {
            throw error(path + ".urls[" + i + "]", "expected a string");
          }
          urls.add(urlsNode.get(i).textValue());
        }
      }
      Map<String, String> annotations = annotations(node.get("annotations"), path + ".annotations");
      byte[] data = null;
      String dataText = optionalText(node, "data", path + ".data");
      if (dataText != null) {
        try {
          data = Base64.getDecoder().decode(dataText);
        } catch (IllegalArgumentException e) {
          throw error(path + ".data", "not base64: " + e.getMessage());
        }
        if (data.length != size || !Digest.of(digest.algorithm(), data).equals(digest)) {
          throw error(path + ".data", "the embedded data does not match digest and size");
        }
      }
      Platform platform = null;
      JsonNode platformNode = node.get("platform");
      if (platformNode != null && !platformNode.isNull()) {
        platform = platform(platformNode, path + ".platform");
      }
      String artifactType = optionalText(node, "artifactType", path + ".artifactType");
      return new Descriptor(
          mediaType, digest, size, urls, annotations, data, platform, artifactType);
    }

    Platform platform(JsonNode node, String path) throws InvalidManifestException {
      if (!node.isObject()) {
        throw error(path, "expected an object");
      }
      List<String> features = new ArrayList<>();
      JsonNode featureNode = node.get("os.features");
      if (featureNode != null && !featureNode.isNull()) {
        if (!featureNode.isArray()) {
          throw error(path + ".os.features", "expected an array of strings");
        }
        for (JsonNode f : featureNode) {
          if (!f.isTextual()) {
            throw error(path + ".os.features", "expected an array of strings");
          }
          features.add(f.textValue());
        }
      }
      return new Platform(
          requiredText(node, "os", path + ".os"),
          requiredText(node, "architecture", path + ".architecture"),
          optionalText(node, "variant", path + ".variant"),
          optionalText(node, "os.version", path + ".os.version"),
          features);
    }

    Map<String, String> annotations(@Nullable JsonNode node, String path)
        throws InvalidManifestException {
      if (node == null || node.isNull()) {
        return Map.of();
      }
      if (!node.isObject()) {
        throw error(path, "expected an object of strings");
      }
      Map<String, String> out = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        if (!e.getValue().isTextual()) {
          throw error(path + "." + e.getKey(), "expected a string");
        }
        out.put(e.getKey(), e.getValue().textValue());
      }
      return out;
    }
  }
}
