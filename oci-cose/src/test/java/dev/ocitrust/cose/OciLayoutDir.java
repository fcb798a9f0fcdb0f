package dev.ocitrust.cose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** A minimal OCI image layout written and read by hand (tests must not use oci-client). */
final class OciLayoutDir {
  static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path dir;

  OciLayoutDir(Path dir) {
    this.dir = dir;
  }

  Path dir() {
    return dir;
  }

  static String sha256(byte[] b) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Creates a layout holding one small image tagged {@code tag}; returns its descriptor. */
  TargetArtifact createImage(String tag) throws IOException {
    Files.createDirectories(dir.resolve("blobs/sha256"));
    Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    byte[] config =
        "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"
            .getBytes(StandardCharsets.UTF_8);
    byte[] layer = ("layer for " + tag).getBytes(StandardCharsets.UTF_8);
    String manifest =
        "{\"schemaVersion\":2,\"mediaType\":\""
            + MANIFEST
            + "\",\"config\":{"
            + "\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
            + putBlob(config)
            + "\",\"size\":"
            + config.length
            + "},\"layers\":[{\"mediaType\":"
            + "\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\""
            + putBlob(layer)
            + "\",\"size\":"
            + layer.length
            + "}]}";
    byte[] m = manifest.getBytes(StandardCharsets.UTF_8);
    String digest = putBlob(m);
    ObjectNode index = JSON.createObjectNode();
    index.put("schemaVersion", 2);
    index.put("mediaType", "application/vnd.oci.image.index.v1+json");
    ObjectNode desc = index.putArray("manifests").addObject();
    desc.put("mediaType", MANIFEST).put("digest", digest).put("size", m.length);
    desc.putObject("annotations").put("org.opencontainers.image.ref.name", tag);
    writeIndex(index);
    return TargetArtifact.of(MANIFEST, digest, m.length);
  }

  String putBlob(byte[] content) throws IOException {
    String digest = sha256(content);
    Files.write(dir.resolve("blobs/sha256").resolve(digest.substring(7)), content);
    return digest;
  }

  byte[] blob(String digest) throws IOException {
    return Files.readAllBytes(dir.resolve("blobs/sha256").resolve(digest.substring(7)));
  }

  ObjectNode index() throws IOException {
    return (ObjectNode) JSON.readTree(dir.resolve("index.json").toFile());
  }

  void writeIndex(ObjectNode index) throws IOException {
    Files.write(dir.resolve("index.json"), JSON.writeValueAsBytes(index));
  }

  /** Adds a manifest (already stored as a blob) to index.json. */
  void addManifest(byte[] manifest) throws IOException {
    String digest = putBlob(manifest);
    ObjectNode index = index();
    ((ArrayNode) index.get("manifests"))
        .addObject()
        .put("mediaType", MANIFEST)
        .put("digest", digest)
        .put("size", manifest.length);
    writeIndex(index);
  }

  /** Removes every signature manifest from index.json. */
  void removeSignatures() throws IOException {
    ObjectNode index = index();
    ArrayNode kept = JSON.createArrayNode();
    for (JsonNode d : index.get("manifests")) {
      if (!isSignature(JSON.readTree(blob(d.get("digest").asText())))) {
        kept.add(d);
      }
    }
    index.set("manifests", kept);
    writeIndex(index);
  }

  private static boolean isSignature(JsonNode manifest) {
    String notary = NotarySignatureManifest.ARTIFACT_TYPE;
    return notary.equals(manifest.path("artifactType").asText())
        || notary.equals(manifest.path("config").path("mediaType").asText());
  }

  /** The envelope blobs of every Notary signature manifest in index.json. */
  List<byte[]> signatureEnvelopes() throws IOException {
    List<byte[]> out = new ArrayList<>();
    for (JsonNode d : index().get("manifests")) {
      JsonNode m = JSON.readTree(blob(d.get("digest").asText()));
      if (isSignature(m)) {
        JsonNode layer = m.get("layers").get(0);
        if (NotaryHeaders.ENVELOPE_MEDIA_TYPE.equals(layer.get("mediaType").asText())) {
          out.add(blob(layer.get("digest").asText()));
        }
      }
    }
    return out;
  }
}
