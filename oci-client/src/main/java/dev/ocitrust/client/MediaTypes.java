package dev.ocitrust.client;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Media types of the OCI image specification and of Docker's image manifest v2 schema 2, and the
 * {@code Accept} list a client sends for manifests.
 */
public final class MediaTypes {
  private MediaTypes() {}

  /** OCI image manifest. */
  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

  /** OCI image index. */
  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";

  /** OCI image config. */
  public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";

  /** OCI layer, uncompressed tar. */
  public static final String OCI_LAYER_TAR = "application/vnd.oci.image.layer.v1.tar";

  /** OCI layer, gzip-compressed tar. */
  public static final String OCI_LAYER_TAR_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";

  /** OCI layer, zstd-compressed tar. */
  public static final String OCI_LAYER_TAR_ZSTD = "application/vnd.oci.image.layer.v1.tar+zstd";

  /** The empty JSON object {@code {}}, the config of artifacts without one. */
  public static final String OCI_EMPTY = "application/vnd.oci.empty.v1+json";

  /** Docker image manifest v2 schema 2. */
  public static final String DOCKER_MANIFEST =
      "application/vnd.docker.distribution.manifest.v2+json";

  /** Docker manifest list (v2 schema 2). */
  public static final String DOCKER_MANIFEST_LIST =
      "application/vnd.docker.distribution.manifest.list.v2+json";

  /** Docker container config. */
  public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";

  /** Docker gzip layer. */
  public static final String DOCKER_LAYER_GZIP =
      "application/vnd.docker.image.rootfs.diff.tar.gzip";

  /** Manifest media types ocitrust reads, in the order sent in {@code Accept}. */
  public static final Set<String> MANIFEST_TYPES =
      Set.of(OCI_MANIFEST, OCI_INDEX, DOCKER_MANIFEST, DOCKER_MANIFEST_LIST);

  /** The {@code Accept} header value for manifest requests. */
  public static final String MANIFEST_ACCEPT =
      String.join(", ", OCI_MANIFEST, OCI_INDEX, DOCKER_MANIFEST, DOCKER_MANIFEST_LIST);

  /**
   * RFC 6838 §4.2 type and subtype names, as the image specification's descriptor schema writes
   * them: each 1 to 127 characters, starting with a letter or digit.
   */
  private static final Pattern MEDIA_TYPE =
      Pattern.compile(
          "[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}");

  /**
   * Whether {@code mediaType} is a well-formed media type ({@code type/subtype}, RFC 6838 names, no
   * parameters), as descriptors, artifact types and claim content types must be.
   */
  public static boolean isValid(String mediaType) {
    return MEDIA_TYPE.matcher(mediaType).matches();
  }

  /** Whether {@code mediaType} is one of the manifest types (image manifest or index). */
  public static boolean isManifest(String mediaType) {
    return MANIFEST_TYPES.contains(mediaType);
  }

  /** Whether {@code mediaType} is an index type (OCI image index or Docker manifest list). */
  public static boolean isIndex(String mediaType) {
    return OCI_INDEX.equals(mediaType) || DOCKER_MANIFEST_LIST.equals(mediaType);
  }
}
