package dev.ocitrust.claims.internal;

import dev.ocitrust.claims.ClaimTypes;
import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.ImageManifest;
import dev.ocitrust.client.MirroredRepository;
import dev.ocitrust.client.OciLayout;
import dev.ocitrust.client.Repository;
import dev.ocitrust.client.Target;
import dev.ocitrust.cose.CwtClaims;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The referrer manifest that stores a claim: {@code artifactType} = the content type, the empty
 * config, one statement layer, the artifact as subject, and the annotations repeating the signed
 * {@code iss}, {@code sub} and {@code iat}. Built with oci-client's manifest builder.
 *
 * <p>Thread-safe: stateless.
 */
public final class ClaimManifests {
  private ClaimManifests() {}

  /** The claim manifest for {@code statement}, whose signed claims are {@code claims}. */
  public static ImageManifest build(
      byte[] statement, String contentType, CwtClaims claims, Descriptor artifact) {
    Map<String, String> annotations = new TreeMap<>();
    annotations.put(ClaimTypes.ISSUER_ANNOTATION, claims.issuer());
    annotations.put(ClaimTypes.SUBJECT_ANNOTATION, claims.subject());
    claims
        .issuedAt()
        .ifPresent(
            t ->
                annotations.put(
                    ClaimTypes.CREATED_ANNOTATION, DateTimeFormatter.ISO_INSTANT.format(t)));
    return ImageManifest.builder(Descriptor.EMPTY_JSON_DESCRIPTOR)
        .artifactType(contentType)
        .layer(Descriptor.of(ClaimTypes.STATEMENT, statement))
        .subject(Descriptor.of(artifact.mediaType(), artifact.digest(), artifact.size()))
        .annotations(annotations)
        .build();
  }

  /**
   * The name a {@code pkg:oci} subject gives the artifact: the last component of a repository's
   * name, the folder name of an OCI image layout (lower-cased, other characters made {@code -}),
   * else {@code artifact}. Only informative: a claim binds its artifact by digest.
   */
  public static String subjectName(Target target) {
    String raw;
    if (target instanceof Repository r) {
      raw = r.name();
    } else if (target instanceof MirroredRepository m) {
      raw = m.route().logical().repository();
    } else if (target instanceof OciLayout l) {
      Path name = l.root().toAbsolutePath().normalize().getFileName();
      raw = name == null ? "" : name.toString();
    } else {
      raw = "";
    }
    String last = raw.substring(raw.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    String cleaned =
        last.replaceAll("[^a-z0-9._-]", "-")
            .replaceAll("[._-]{2,}", "-")
            .replaceAll("^[._-]+|[._-]+$", "");
    return cleaned.isEmpty() ? "artifact" : cleaned;
  }
}
