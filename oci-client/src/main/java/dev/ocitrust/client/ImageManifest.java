package dev.ocitrust.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An image manifest: a config and layers, and for artifacts an {@code artifactType} and a {@code
 * subject} (OCI image spec {@code manifest.md}). Docker v2 schema 2 manifests are read into the
 * same type, keeping their own media type.
 *
 * <p>Immutable and thread-safe. New manifests are built and serialised in the field order Go's
 * encoder uses, so the bytes equal those oras or notation would write for the same content.
 *
 * <pre>{@code
 * ImageManifest sbom = ImageManifest.builder(Descriptor.EMPTY_JSON_DESCRIPTOR)
 *     .artifactType("application/spdx+json")
 *     .layer(Descriptor.of("application/spdx+json", sbomBytes))
 *     .subject(image.descriptor())
 *     .build();
 * }</pre>
 */
public final class ImageManifest implements Manifest {
  private final byte[] bytes;
  private final Descriptor descriptor;
  private final Descriptor config;
  private final List<Descriptor> layers;
  private final @Nullable String artifactType;
  private final @Nullable Descriptor subject;
  private final Map<String, String> annotations;

  ImageManifest(
      byte[] bytes,
      Descriptor descriptor,
      Descriptor config,
      List<Descriptor> layers,
      @Nullable String artifactType,
      @Nullable Descriptor subject,
      Map<String, String> annotations) {
    this.bytes = bytes;
    this.descriptor = descriptor;
    this.config = config;
    this.layers = List.copyOf(layers);
    this.artifactType = artifactType;
    this.subject = subject;
    this.annotations = Map.copyOf(annotations);
  }

  /** Starts a new OCI image manifest with {@code config}. */
  public static Builder builder(Descriptor config) {
    return new Builder(config);
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

  /** The config descriptor. */
  public Descriptor config() {
    return config;
  }

  /** The layers, in order. */
  public List<Descriptor> layers() {
    return layers;
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
    List<Descriptor> all = new ArrayList<>(layers.size() + 1);
    all.add(config);
    all.addAll(layers);
    return all;
  }

  @Override
  public Descriptor referrerDescriptor() {
    String type = artifactType != null ? artifactType : config.mediaType();
    return descriptor.withArtifactType(type).withAnnotations(annotations);
  }

  @Override
  public String toString() {
    return "ImageManifest " + descriptor.digest();
  }

  /** Builds a new OCI image manifest. Not thread-safe. */
  public static final class Builder {
    private final Descriptor config;
    private final List<Descriptor> layers = new ArrayList<>();
    private @Nullable String artifactType;
    private @Nullable Descriptor subject;
    private final Map<String, String> annotations = new LinkedHashMap<>();

    private Builder(Descriptor config) {
      this.config = Objects.requireNonNull(config, "config");
    }

    /** Appends a layer. */
    public Builder layer(Descriptor layer) {
      layers.add(Objects.requireNonNull(layer, "layer"));
      return this;
    }

    /** Appends layers. */
    public Builder layers(List<Descriptor> more) {
      more.forEach(this::layer);
      return this;
    }

    /** Sets the artifact type. */
    public Builder artifactType(@Nullable String type) {
      this.artifactType = type;
      return this;
    }

    /** Sets the subject (the manifest this one refers to). */
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

    /**
     * Serialises and returns the manifest.
     *
     * @throws IllegalStateException when the artifact guidelines are broken (an empty config
     *     without an artifact type) or the result would exceed {@link Manifest#MAX_BYTES}
     */
    public ImageManifest build() {
      if (artifactType == null && MediaTypes.OCI_EMPTY.equals(config.mediaType())) {
        throw new IllegalStateException(
            "a manifest with the empty config must set artifactType (image-spec artifact guidelines)");
      }
      if (artifactType != null && artifactType.isEmpty()) {
        throw new IllegalStateException("artifactType must not be empty");
      }
      return ManifestCodec.writeManifest(config, layers, artifactType, subject, annotations);
    }
  }
}
