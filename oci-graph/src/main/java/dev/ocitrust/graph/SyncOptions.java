package dev.ocitrust.graph;

import dev.ocitrust.client.Reference;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link GraphSync} brings over: which referrers ({@code filter}, all by default), within
 * which {@link GraphLimits}, and the tag to point at the artifact in the destination (by default
 * the tag the source reference names, none for a digest).
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * SyncOptions options = SyncOptions.builder()
 *     .filter(ReferrerFilter.annotationEquals("dev.ocitrust.visibility", "internal").negate())
 *     .build();
 * }</pre>
 */
public final class SyncOptions {
  private final ReferrerFilter filter;
  private final GraphLimits limits;
  private final @Nullable String tag;
  private final boolean untagged;

  private SyncOptions(Builder b) {
    this.filter = b.filter;
    this.limits = b.limits;
    this.tag = b.tag;
    this.untagged = b.untagged;
  }

  /** Every referrer, the default limits, the source's tag. */
  public static SyncOptions defaults() {
    return builder().build();
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these options. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.filter = filter;
    b.limits = limits;
    b.tag = tag;
    b.untagged = untagged;
    return b;
  }

  /** Which referrers are brought over. */
  public ReferrerFilter filter() {
    return filter;
  }

  /** The bounds of the listing walk and of the copies. */
  public GraphLimits limits() {
    return limits;
  }

  /**
   * The tag set in the destination for a source reference {@code reference}: the one given, else
   * the reference itself when it is a tag, else none.
   */
  public Optional<String> tagFor(String reference) {
    if (untagged) {
      return Optional.empty();
    }
    if (tag != null) {
      return Optional.of(tag);
    }
    return Reference.isValidTag(reference) ? Optional.of(reference) : Optional.empty();
  }

  /** Builds {@link SyncOptions}. Not thread-safe. */
  public static final class Builder {
    private ReferrerFilter filter = ReferrerFilter.all();
    private GraphLimits limits = GraphLimits.DEFAULTS;
    private @Nullable String tag;
    private boolean untagged;

    private Builder() {}

    /** Which referrers to bring over (default all). */
    public Builder filter(ReferrerFilter filter) {
      this.filter = Objects.requireNonNull(filter, "filter");
      return this;
    }

    /** The bounds (default {@link GraphLimits#DEFAULTS}). */
    public Builder limits(GraphLimits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /** The tag to set in the destination instead of the source's. */
    public Builder tag(String tag) {
      this.tag = Objects.requireNonNull(tag, "tag");
      this.untagged = false;
      return this;
    }

    /** Sets no tag in the destination. */
    public Builder untagged() {
      this.tag = null;
      this.untagged = true;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws IllegalArgumentException for an invalid tag
     */
    public SyncOptions build() {
      if (tag != null && !Reference.isValidTag(tag)) {
        throw new IllegalArgumentException(
            "invalid tag '"
                + tag
                + "': expected 1 to 128 letters, digits, '_', '.' and '-', not starting with '.' or '-'");
      }
      return new SyncOptions(this);
    }
  }
}
