package dev.ocitrust.cose;

import dev.ocitrust.cose.internal.GoJson;
import dev.ocitrust.cose.internal.Hex;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The compact OCI image manifest JSON (field order as oras-go writes it) of a one-layer referrer
 * with a {@code {}} config, shared by {@link NotarySignatureManifest} and {@link
 * ScittClaimManifest}, and the {@code sha256:<hex>} digests in it.
 */
final class OciManifestJson {
  private OciManifestJson() {}

  static byte[] sha256(byte[] b) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(b);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }

  /** {@code sha256:<lower-case hex>} of {@code b}. */
  static String sha256Digest(byte[] b) {
    return "sha256:" + Hex.encode(sha256(b));
  }

  /**
   * The manifest. With an {@code artifactType} (OCI 1.1), the config is the empty descriptor with
   * its data inlined; without one (OCI 1.0), the config is {@code configMediaType} over the {@code
   * {}} blob.
   */
  static byte[] write(
      @Nullable String artifactType,
      String configMediaType,
      String layerMediaType,
      byte[] layer,
      TargetArtifact subject,
      Map<String, String> annotations) {
    StringBuilder b = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":");
    GoJson.string(b, NotarySignatureManifest.MANIFEST_MEDIA_TYPE);
    if (artifactType != null) {
      b.append(",\"artifactType\":");
      GoJson.string(b, artifactType);
    }
    b.append(",\"config\":{\"mediaType\":");
    GoJson.string(b, configMediaType);
    b.append(",\"digest\":\"").append(NotarySignatureManifest.EMPTY_DIGEST).append("\",\"size\":2");
    if (artifactType != null) {
      b.append(",\"data\":\"e30=\"");
    }
    b.append("},\"layers\":[{\"mediaType\":");
    GoJson.string(b, layerMediaType);
    b.append(",\"digest\":\"")
        .append(sha256Digest(layer))
        .append("\",\"size\":")
        .append(layer.length)
        .append("}]");
    b.append(",\"subject\":{\"mediaType\":");
    GoJson.string(b, subject.mediaType());
    b.append(",\"digest\":");
    GoJson.string(b, subject.digest());
    b.append(",\"size\":").append(subject.size()).append('}');
    b.append(",\"annotations\":{");
    boolean first = true;
    for (Map.Entry<String, String> e : annotations.entrySet()) {
      if (!first) {
        b.append(',');
      }
      first = false;
      GoJson.string(b, e.getKey());
      b.append(':');
      GoJson.string(b, e.getValue());
    }
    return b.append("}}").toString().getBytes(StandardCharsets.UTF_8);
  }
}
