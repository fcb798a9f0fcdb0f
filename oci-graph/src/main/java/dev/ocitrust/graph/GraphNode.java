package dev.ocitrust.graph;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.Digest;
import dev.ocitrust.client.Manifest;
import dev.ocitrust.client.MediaTypes;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One piece of content in an {@link ArtifactGraph}: a manifest or index (with its exact bytes, when
 * the walk fetched it) or a blob (config or layer, never fetched by a walk).
 *
 * <p>{@link #referrerDepth()} counts the referrer hops from the root's own DAG: 0 for the root and
 * everything it names, 1 for referrers of those, 2 for referrers of referrers, and so on. A node
 * added only because {@link DiscoveryOptions.Builder#includeSubjects} asked for the subject of a
 * manifest has depth -1 and was not walked.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * GraphNode sig = graph.referrers(image.digest()).get(0);
 * String type = sig.artifactType().orElse("<unknown>");
 * }</pre>
 */
public final class GraphNode {
  private final Descriptor descriptor;
  private final int referrerDepth;
  private final @Nullable Manifest manifest;

  GraphNode(Descriptor descriptor, int referrerDepth, @Nullable Manifest manifest) {
    this.descriptor = Objects.requireNonNull(descriptor, "descriptor");
    this.referrerDepth = referrerDepth;
    this.manifest = manifest;
  }

  /**
   * The descriptor of this content: for a referrer, the one its manifest yields (artifact type and
   * annotations); for a successor, the one its parent names it with (platform included).
   */
  public Descriptor descriptor() {
    return descriptor;
  }

  /** The digest. */
  public Digest digest() {
    return descriptor.digest();
  }

  /** The size in bytes. */
  public long size() {
    return descriptor.size();
  }

  /** The media type. */
  public String mediaType() {
    return descriptor.mediaType();
  }

  /** Referrer hops from the root's DAG (see the class comment). */
  public int referrerDepth() {
    return referrerDepth;
  }

  /** Whether this is a manifest or index (as opposed to a blob). */
  public boolean isManifest() {
    return MediaTypes.isManifest(descriptor.mediaType());
  }

  /** The manifest, when this is a manifest the walk fetched. */
  public Optional<Manifest> manifest() {
    return Optional.ofNullable(manifest);
  }

  /** The artifact type: the descriptor's, else the one the manifest declares. */
  public Optional<String> artifactType() {
    if (descriptor.artifactType().isPresent()) {
      return descriptor.artifactType();
    }
    return manifest == null ? Optional.empty() : manifest.artifactType();
  }

  /** The annotations: the descriptor's, else the manifest's (never null). */
  public Map<String, String> annotations() {
    if (!descriptor.annotations().isEmpty() || manifest == null) {
      return descriptor.annotations();
    }
    return manifest.annotations();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof GraphNode n
        && referrerDepth == n.referrerDepth
        && descriptor.equals(n.descriptor)
        && (manifest == null) == (n.manifest == null);
  }

  @Override
  public int hashCode() {
    return Objects.hash(descriptor, referrerDepth);
  }

  @Override
  public String toString() {
    return descriptor.digest()
        + " ("
        + descriptor.mediaType()
        + artifactType().map(t -> ", " + t).orElse("")
        + ", depth "
        + referrerDepth
        + ")";
  }
}
