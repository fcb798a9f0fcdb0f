package dev.ocitrust.client;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An image manifest or an image index (OCI, or Docker v2 schema 2), kept as its exact bytes beside
 * the parsed view. The digest is always of the bytes; pushing or copying a manifest sends the bytes
 * it was read from, never a re-serialisation.
 *
 * <p>Manifests larger than {@link #MAX_BYTES} are refused. Immutable and thread-safe.
 *
 * <pre>{@code
 * Manifest m = Manifest.parse(descriptor, bytes);   // checks digest and size against descriptor
 * if (m instanceof ImageIndex index) { index.manifests().forEach(...); }
 * }</pre>
 */
public sealed interface Manifest permits ImageManifest, ImageIndex {
  /** The largest manifest accepted: 4 MiB, the limit registries apply. */
  int MAX_BYTES = 4 * 1024 * 1024;

  /** The exact bytes (a copy). */
  byte[] bytes();

  /** The media type, from the manifest or the descriptor it was fetched by. */
  String mediaType();

  /** A descriptor of these bytes: media type, digest and size. */
  Descriptor descriptor();

  /** The artifact type declared by the manifest, if any. */
  Optional<String> artifactType();

  /** The subject this manifest refers to, if any. */
  Optional<Descriptor> subject();

  /** The manifest's annotations (never null). */
  Map<String, String> annotations();

  /**
   * The content this manifest names: config and layers, or the index's manifests (not the subject).
   */
  List<Descriptor> successors();

  /**
   * The descriptor that names this manifest in a referrers list: media type, digest, size, artifact
   * type (the manifest's, else its config's media type) and annotations.
   */
  Descriptor referrerDescriptor();

  /**
   * Parses manifest bytes whose media type comes from the JSON {@code mediaType} field, else from
   * {@code mediaTypeHint}; the digest is SHA-256 of the bytes.
   *
   * @throws InvalidManifestException naming the offending field, or when over {@link #MAX_BYTES}
   */
  static Manifest parse(byte[] bytes, @Nullable String mediaTypeHint)
      throws InvalidManifestException {
    return ManifestCodec.parse(bytes, mediaTypeHint);
  }

  /**
   * Parses manifest bytes fetched by {@code descriptor}, first checking that digest and size match.
   *
   * @throws ContentVerificationException when the bytes are not the descriptor's content
   * @throws InvalidManifestException naming the offending field
   */
  static Manifest parse(Descriptor descriptor, byte[] bytes) throws OciException {
    return ManifestCodec.parse(bytes, descriptor.mediaType(), descriptor);
  }
}
