package dev.ocitrust.graph;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.Digest;
import dev.ocitrust.client.ImageManifest;
import dev.ocitrust.client.Target;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Files or bytes to attach to a subject as a referrer, like {@code oras attach}: an image manifest
 * with the empty config ({@link Descriptor#EMPTY_JSON_DESCRIPTOR}, per the image-spec artifact
 * guidelines), {@code artifactType}, one layer per file or byte array, the {@code subject}, and
 * annotations including {@code org.opencontainers.image.created} from the injected clock (RFC 3339,
 * whole seconds, UTC, as oras writes it) unless set explicitly. A file layer is annotated with
 * {@code org.opencontainers.image.title} (its file name). Without layers, the empty descriptor is
 * the one layer.
 *
 * <p>{@link #pushTo(Target)} pushes the empty config blob, streams the layers (files are read
 * twice, once to digest and once to push, never held in memory), then the manifest through {@link
 * Target#pushReferrers}, so a registry without the referrers API updates its fallback index.
 *
 * <p>Immutable and thread-safe (files are read when pushed).
 *
 * <pre>{@code
 * ImageManifest sbom = Attachment.builder(image, "application/spdx+json")
 *     .file(Path.of("sbom.spdx.json"), "application/spdx+json")
 *     .annotation("dev.ocitrust.claim.iss", "wabbit-networks.io")
 *     .clock(clock)
 *     .build()
 *     .pushTo(repository);
 * }</pre>
 */
public final class Attachment {
  private final Descriptor subject;
  private final String artifactType;
  private final List<Layer> layers;
  private final Map<String, String> annotations;
  private final Clock clock;

  @SuppressWarnings("ArrayRecordComponent") // a private carrier, never compared or hashed
  private record Layer(
      String mediaType, byte @Nullable [] bytes, @Nullable Path file, @Nullable String title) {}

  private Attachment(Builder b) {
    this.subject = b.subject;
    this.artifactType = b.artifactType;
    this.layers = List.copyOf(b.layers);
    this.annotations = Map.copyOf(b.annotations);
    this.clock = b.clock;
  }

  /** Starts an attachment of {@code artifactType} to {@code subject}. */
  public static Builder builder(Descriptor subject, String artifactType) {
    return new Builder(subject, artifactType);
  }

  /** The subject. */
  public Descriptor subject() {
    return subject;
  }

  /** The artifact type. */
  public String artifactType() {
    return artifactType;
  }

  /**
   * Pushes the attachment into {@code target} (which should hold the subject) and returns the
   * referrer manifest.
   *
   * @throws IOException when a file cannot be read or the store fails
   */
  public ImageManifest pushTo(Target target) throws IOException {
    Objects.requireNonNull(target, "target");
    target.push(
        Descriptor.EMPTY_JSON_DESCRIPTOR, Descriptor.EMPTY_JSON_DESCRIPTOR.data().orElseThrow());
    List<Descriptor> pushed = new ArrayList<>();
    for (Layer layer : layers) {
      Descriptor d = describe(layer);
      try (InputStream in = open(layer)) {
        target.push(d, in);
      }
      pushed.add(d);
    }
    if (pushed.isEmpty()) {
      pushed.add(Descriptor.EMPTY_JSON_DESCRIPTOR);
    }
    Map<String, String> all = new LinkedHashMap<>();
    all.put(
        Descriptor.ANNOTATION_CREATED,
        DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS)));
    all.putAll(annotations);
    ImageManifest manifest =
        ImageManifest.builder(Descriptor.EMPTY_JSON_DESCRIPTOR)
            .artifactType(artifactType)
            .layers(pushed)
            .subject(subject.basic())
            .annotations(all)
            .build();
    target.pushReferrers(subject, List.of(manifest));
    return manifest;
  }

  private static Descriptor describe(Layer layer) throws IOException {
    Descriptor d;
    if (layer.bytes() != null) {
      d = Descriptor.of(layer.mediaType(), layer.bytes());
    } else {
      MessageDigest sha = sha256();
      long size;
      try (InputStream in =
          new DigestInputStream(Files.newInputStream(Objects.requireNonNull(layer.file())), sha)) {
        size = in.transferTo(OutputStream.nullOutputStream());
      }
      d =
          Descriptor.of(
              layer.mediaType(),
              new Digest(Digest.SHA256, HexFormat.of().formatHex(sha.digest())),
              size);
    }
    return layer.title() == null
        ? d
        : d.withAnnotations(Map.of(Descriptor.ANNOTATION_TITLE, layer.title()));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  private static InputStream open(Layer layer) throws IOException {
    return layer.bytes() != null
        ? new ByteArrayInputStream(layer.bytes())
        : Files.newInputStream(Objects.requireNonNull(layer.file()));
  }

  /** Builds an {@link Attachment}. Not thread-safe. */
  public static final class Builder {
    private final Descriptor subject;
    private final String artifactType;
    private final List<Layer> layers = new ArrayList<>();
    private final Map<String, String> annotations = new LinkedHashMap<>();
    private Clock clock = Clock.systemUTC();

    private Builder(Descriptor subject, String artifactType) {
      this.subject = Objects.requireNonNull(subject, "subject");
      this.artifactType = Objects.requireNonNull(artifactType, "artifactType");
    }

    /** Adds a layer of {@code content} (copied). */
    public Builder bytes(byte[] content, String mediaType) {
      layers.add(
          new Layer(Objects.requireNonNull(mediaType, "mediaType"), content.clone(), null, null));
      return this;
    }

    /** Adds a layer of {@code content} (copied) titled {@code title}. */
    public Builder bytes(byte[] content, String mediaType, String title) {
      layers.add(
          new Layer(
              Objects.requireNonNull(mediaType, "mediaType"),
              content.clone(),
              null,
              Objects.requireNonNull(title, "title")));
      return this;
    }

    /** Adds a layer read from {@code file} when pushed, titled with the file name. */
    public Builder file(Path file, String mediaType) {
      Path name = file.getFileName();
      layers.add(
          new Layer(
              Objects.requireNonNull(mediaType, "mediaType"),
              null,
              file,
              name == null ? null : name.toString()));
      return this;
    }

    /**
     * Adds an annotation (replacing {@code org.opencontainers.image.created} if given that key).
     */
    public Builder annotation(String key, String value) {
      annotations.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Adds annotations. */
    public Builder annotations(Map<String, String> more) {
      more.forEach(this::annotation);
      return this;
    }

    /** The clock the creation time comes from (default the system clock, UTC). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws IllegalArgumentException when the artifact type or a media type is empty, or the
     *     subject is not a manifest
     */
    public Attachment build() {
      if (artifactType.isBlank()) {
        throw new IllegalArgumentException("artifactType must not be empty");
      }
      if (!dev.ocitrust.client.MediaTypes.isManifest(subject.mediaType())) {
        throw new IllegalArgumentException(
            "the subject "
                + subject.digest()
                + " is a "
                + subject.mediaType()
                + ", not a manifest");
      }
      for (int i = 0; i < layers.size(); i++) {
        Layer l = layers.get(i);
        if (l.mediaType().isBlank()) {
          String which =
              l.file() != null
                  ? "file " + l.file()
                  : l.title() != null ? "'" + l.title() + "'" : "number " + (i + 1);
          throw new IllegalArgumentException(
              "the media type of layer " + which + " must not be empty");
        }
      }
      return new Attachment(this);
    }
  }
}
