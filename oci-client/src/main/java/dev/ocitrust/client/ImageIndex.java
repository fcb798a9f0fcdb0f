package dev.ocitrust.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An image index (OCI image spec {@code image-index.md}) or Docker manifest list: a list of
 * manifests, usually one per platform.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * ImageIndex index = ImageIndex.builder().manifest(amd64.descriptor().withPlatform(Platform.of("linux", "amd64"))).build();
 * }</pre>
 */
public final class ImageIndex implements Manifest {
  private final byte[] bytes;
  private final Descriptor descriptor;
  private final List<Descriptor> manifests;
  private final @Nullable String artifactType;
  private final @Nullable Descriptor subject;
  private final Map<String, String> annotations;

  ImageIndex(
      byte[] bytes,
      Descriptor descriptor,
      List<Descriptor> manifests,
      @Nullable String artifactType,
      @Nullable Descriptor subject,
      Map<String, String> annotations) {
    this.bytes = bytes;
    this.descriptor = descriptor;
    this.manifests = List.copyOf(manifests);
    this.artifactType = artifactType;
    this.subject = subject;
    this.annotations = Map.copyOf(annotations);
  }

  /** Starts a new, empty OCI image index. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public String mediaType() {
    return descriptor.mediaType();
  }

  @Override
  public Descriptor descriptor() {
    return descriptor;
  }

  /** The manifests this index lists, in order. */
  public List<Descriptor> manifests() {
    return manifests;
  }

  @Override
  public Optional<String> artifactType() {
    return Optional.ofNullable(artifactType);
  }

  @Override
  public Optional<Descriptor> subject() {
    return Optional.ofNullable(subject);
  }

  @Override
  public Map<String, String> annotations() {
    return annotations;
  }

  @Override
  public List<Descriptor> successors() {
    return manifests;
  }

  @Override
  public Descriptor referrerDescriptor() {
    return descriptor.withArtifactType(artifactType).withAnnotations(annotations);
  }

  @Override
  public String toString() {
    return "ImageIndex " + descriptor.digest() + " (" + manifests.size() + " manifests)";
  }

  /** Builds a new OCI image index. Not thread-safe. */
  public static final class Builder {
    private final List<Descriptor> manifests = new ArrayList<>();
    private @Nullable String artifactType;
    private @Nullable Descriptor subject;
    private final Map<String, String> annotations = new LinkedHashMap<>();

    private Builder() {}

    /** Appends a manifest descriptor. */
    public Builder manifest(Descriptor manifest) {
      manifests.add(manifest);
      return this;
    }

    /** Appends manifest descriptors. */
    public Builder manifests(List<Descriptor> more) {
      manifests.addAll(more);
      return this;
    }

    /** Sets the artifact type. */
    public Builder artifactType(@Nullable String type) {
      this.artifactType = type;
      return this;
    }

    /** Sets the subject. */
    public Builder subject(@Nullable Descriptor subject) {
      this.subject = subject;
      return this;
    }

    /** Adds an annotation. */
    public Builder annotation(String key, String value) {
      annotations.put(key, value);
      return this;
    }

    /** Adds annotations. */
    public Builder annotations(Map<String, String> more) {
      annotations.putAll(more);
      return this;
    }

    /** Serialises and returns the index. */
    public ImageIndex build() {
      return ManifestCodec.writeIndex(manifests, artifactType, subject, annotations);
    }
  }
}
