package dev.ocitrust.client;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * An OCI content descriptor ({@code descriptor.md}): what a piece of content is (media type), which
 * bytes it is (digest and size), and optional metadata.
 *
 * <p>Annotations are kept sorted by key, the order Go's JSON encoder writes them, so a descriptor
 * serialised by ocitrust matches one serialised by oras or notation. {@code data}, when present, is
 * the embedded content itself and must match digest and size.
 *
 * <p>Immutable and thread-safe; arrays and collections are copied in and out.
 *
 * <pre>{@code
 * byte[] sbom = ...;
 * Descriptor d = Descriptor.of("application/spdx+json", sbom)
 *     .withAnnotations(Map.of("org.opencontainers.image.title", "sbom.json"));
 * }</pre>
 *
 * <p>Optional fields are read through {@link Optional} accessors ({@link #data()}, {@link
 * #platform()}, {@link #artifactType()}).
 */
public final class Descriptor {

  /** The OCI annotation holding a tag name in an OCI layout's {@code index.json}. */
  public static final String ANNOTATION_REF_NAME = "org.opencontainers.image.ref.name";

  /** The OCI annotation holding a creation time (RFC 3339). */
  public static final String ANNOTATION_CREATED = "org.opencontainers.image.created";

  /** The OCI annotation holding a file name. */
  public static final String ANNOTATION_TITLE = "org.opencontainers.image.title";

  /** The bytes of the empty JSON object, {@code {}}. */
  private static final byte[] EMPTY_JSON = {'{', '}'};

  /**
   * The empty descriptor of the image specification: {@code {}} as {@code
   * application/vnd.oci.empty.v1+json}.
   */
  public static final Descriptor EMPTY_JSON_DESCRIPTOR =
      new Descriptor(
          MediaTypes.OCI_EMPTY,
          Digest.sha256(EMPTY_JSON),
          EMPTY_JSON.length,
          List.of(),
          Map.of(),
          EMPTY_JSON,
          null,
          null);

  private final String mediaType;
  private final Digest digest;
  private final long size;
  private final List<String> urls;
  private final Map<String, String> annotations;
  private final byte @Nullable [] data;
  private final @Nullable Platform platform;
  private final @Nullable String artifactType;

  /**
   * A descriptor with every field; validates and copies the parts.
   *
   * @param mediaType the media type of the referenced content
   * @param digest the digest of the referenced content
   * @param size the size of the referenced content in bytes
   * @param urls alternative download locations
   * @param annotations annotations (kept sorted by key)
   * @param data the embedded content, or null
   * @param platform the platform (index entries only), or null
   * @param artifactType the artifact type of a referenced manifest, or null
   */
  public Descriptor(
      String mediaType,
      Digest digest,
      long size,
      List<String> urls,
      Map<String, String> annotations,
      byte @Nullable [] data,
      @Nullable Platform platform,
      @Nullable String artifactType) {
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(digest, "digest");
    if (mediaType.isEmpty()) {
      throw new IllegalArgumentException("descriptor of " + digest + " has an empty mediaType");
    }
    if (size < 0) {
      throw new IllegalArgumentException("descriptor of " + digest + " has negative size " + size);
    }
    this.mediaType = mediaType;
    this.digest = digest;
    this.size = size;
    this.urls = List.copyOf(urls);
    this.annotations = Collections.unmodifiableMap(new TreeMap<>(annotations));
    this.data = data == null ? null : data.clone();
    this.platform = platform;
    this.artifactType = artifactType;
  }

  /** A descriptor of {@code mediaType} for content with this digest and size. */
  public static Descriptor of(String mediaType, Digest digest, long size) {
    return new Descriptor(mediaType, digest, size, List.of(), Map.of(), null, null, null);
  }

  /** A descriptor of {@code content} (sha256), without embedding it. */
  public static Descriptor of(String mediaType, byte[] content) {
    return of(mediaType, Digest.sha256(content), content.length);
  }

  /** The media type of the referenced content. */
  public String mediaType() {
    return mediaType;
  }

  /** The digest of the referenced content. */
  public Digest digest() {
    return digest;
  }

  /** The size of the referenced content in bytes. */
  public long size() {
    return size;
  }

  /** Alternative download locations (unmodifiable, possibly empty). */
  public List<String> urls() {
    return urls;
  }

  /** The annotations, sorted by key (unmodifiable, possibly empty). */
  public Map<String, String> annotations() {
    return annotations;
  }

  /** The embedded data, if any (a copy). */
  public Optional<byte[]> data() {
    return Optional.ofNullable(data).map(byte[]::clone);
  }

  /** The platform, if any (index entries only). */
  public Optional<Platform> platform() {
    return Optional.ofNullable(platform);
  }

  /** The artifact type of the referenced manifest, if any. */
  public Optional<String> artifactType() {
    return Optional.ofNullable(artifactType);
  }

  /** Whether this descriptor's artifact type is {@code type}. */
  public boolean hasArtifactType(String type) {
    return type.equals(artifactType);
  }

  /** This descriptor with {@code annotations} instead of its own. */
  public Descriptor withAnnotations(Map<String, String> annotations) {
    return new Descriptor(mediaType, digest, size, urls, annotations, data, platform, artifactType);
  }

  /** This descriptor without the annotation {@code key} (itself when it has none). */
  public Descriptor withoutAnnotation(String key) {
    if (!annotations.containsKey(key)) {
      return this;
    }
    Map<String, String> fewer = new TreeMap<>(annotations);
    fewer.remove(key);
    return withAnnotations(fewer);
  }

  /** This descriptor with {@code artifactType}. */
  public Descriptor withArtifactType(@Nullable String artifactType) {
    return new Descriptor(mediaType, digest, size, urls, annotations, data, platform, artifactType);
  }

  /** This descriptor with {@code platform}. */
  public Descriptor withPlatform(@Nullable Platform platform) {
    return new Descriptor(mediaType, digest, size, urls, annotations, data, platform, artifactType);
  }

  /** This descriptor with {@code data} embedded (which must be the content it describes). */
  public Descriptor withData(byte @Nullable [] data) {
    return new Descriptor(mediaType, digest, size, urls, annotations, data, platform, artifactType);
  }

  /**
   * This descriptor reduced to what identifies content: media type, digest and size. Two
   * descriptors of the same content compare equal after {@code basic()}.
   */
  public Descriptor basic() {
    return of(mediaType, digest, size);
  }

  /** Whether {@code other} names the same content (digest and size; media type not compared). */
  public boolean sameContent(Descriptor other) {
    return digest.equals(other.digest) && size == other.size;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Descriptor d
        && size == d.size
        && mediaType.equals(d.mediaType)
        && digest.equals(d.digest)
        && urls.equals(d.urls)
        && annotations.equals(d.annotations)
        && Arrays.equals(data, d.data)
        && Objects.equals(platform, d.platform)
        && Objects.equals(artifactType, d.artifactType);
  }

  @Override
  public int hashCode() {
    return Objects.hash(mediaType, digest, size, urls, annotations, platform, artifactType)
        + 31 * Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return mediaType
        + " "
        + digest
        + " ("
        + size
        + " bytes"
        + (artifactType == null ? "" : ", artifactType " + artifactType)
        + ")";
  }
}
