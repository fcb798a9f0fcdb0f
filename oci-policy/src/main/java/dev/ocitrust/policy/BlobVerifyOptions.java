package dev.ocitrust.policy;

import dev.ocitrust.client.MediaTypes;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What a blob verification requires besides a trusted signature ({@code notation blob verify}'s
 * options): the blob trust policy statement by name ({@code --policy-name}; none selects the global
 * statement), the media type the signature must sign ({@code --media-type}; none accepts the signed
 * one) and user metadata that must be signed ({@code --user-metadata}).
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * BlobVerifyOptions o = BlobVerifyOptions.builder()
 *     .policyName("release-binaries")
 *     .mediaType("application/gzip")
 *     .userMetadata("release", "v1")
 *     .build();
 * }</pre>
 */
public final class BlobVerifyOptions {
  private static final BlobVerifyOptions DEFAULTS = builder().build();

  private final @Nullable String policyName;
  private final @Nullable String mediaType;
  private final Map<String, String> userMetadata;

  private BlobVerifyOptions(Builder b) {
    this.policyName = b.policyName;
    this.mediaType = b.mediaType;
    this.userMetadata = Map.copyOf(b.userMetadata);
  }

  /** The global statement, any media type, no user metadata. */
  public static BlobVerifyOptions defaults() {
    return DEFAULTS;
  }

  /** A builder of the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these options. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.policyName = policyName;
    b.mediaType = mediaType;
    b.userMetadata.putAll(userMetadata);
    return b;
  }

  /** The statement's name; empty selects the global statement. */
  public Optional<String> policyName() {
    return Optional.ofNullable(policyName);
  }

  /** The media type the signature must sign; empty accepts the signed one. */
  public Optional<String> mediaType() {
    return Optional.ofNullable(mediaType);
  }

  /** The user metadata that must be signed, unmodifiable. */
  public Map<String, String> userMetadata() {
    return userMetadata;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BlobVerifyOptions other
        && Objects.equals(other.policyName, policyName)
        && Objects.equals(other.mediaType, mediaType)
        && other.userMetadata.equals(userMetadata);
  }

  @Override
  public int hashCode() {
    return Objects.hash(policyName, mediaType, userMetadata);
  }

  @Override
  public String toString() {
    return "BlobVerifyOptions{policyName="
        + (policyName == null ? "(global)" : policyName)
        + ", mediaType="
        + (mediaType == null ? "(any)" : mediaType)
        + ", userMetadata="
        + new TreeMap<>(userMetadata)
        + "}";
  }

  /** Builds {@link BlobVerifyOptions}; not thread-safe. */
  public static final class Builder {
    private @Nullable String policyName;
    private @Nullable String mediaType;
    private final Map<String, String> userMetadata = new TreeMap<>();

    private Builder() {}

    /** The blob trust policy statement to use, by exact name (null or empty: the global one). */
    public Builder policyName(@Nullable String name) {
      this.policyName = name == null || name.isEmpty() ? null : name;
      return this;
    }

    /**
     * The media type the signature must sign (null: accept the signed one).
     *
     * @throws IllegalArgumentException if it is not of the form {@code type/subtype}
     */
    public Builder mediaType(@Nullable String mediaType) {
      if (mediaType != null && !MediaTypes.isValid(mediaType)) {
        throw new IllegalArgumentException(
            "media type \"" + mediaType + "\" is not of the form type/subtype");
      }
      this.mediaType = mediaType;
      return this;
    }

    /** Requires {@code key=value} among the signed payload's annotations. */
    public Builder userMetadata(String key, String value) {
      userMetadata.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Requires every entry of {@code metadata}. */
    public Builder userMetadata(Map<String, String> metadata) {
      metadata.forEach(this::userMetadata);
      return this;
    }

    /** The options. */
    public BlobVerifyOptions build() {
      return new BlobVerifyOptions(this);
    }
  }
}
