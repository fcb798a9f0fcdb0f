package dev.ocitrust.graph;

import dev.ocitrust.client.Platform;
import dev.ocitrust.client.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link GraphCopier} copies and how.
 *
 * <ul>
 *   <li>{@code referrerDepth}: 0 (the default) copies the root's DAG only; {@link #withReferrers()}
 *       or {@code referrerDepth(DiscoveryOptions.UNLIMITED)} copies referrers recursively, like
 *       {@code oras copy -r}.
 *   <li>{@code filter}: which referrers to take (all by default); a refused referrer is not copied,
 *       nor is anything that refers to it.
 *   <li>{@code platform} and {@code platformMode}: for an index root, copy only the entries for one
 *       platform (see {@link PlatformMode}).
 *   <li>{@code tags}: set in the destination once everything else is there, never before.
 *   <li>{@code listener}: progress hooks.
 *   <li>{@code limits}: the {@link GraphLimits} of the walk ({@link GraphLimits#DEFAULTS} by
 *       default).
 * </ul>
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * CopyOptions publish = CopyOptions.builder()
 *     .referrerDepth(DiscoveryOptions.UNLIMITED)
 *     .filter(ReferrerFilter.annotationEquals("dev.ocitrust.visibility", "internal").negate())
 *     .tag("v1")
 *     .build();
 * }</pre>
 */
public final class CopyOptions {
  private final int referrerDepth;
  private final ReferrerFilter filter;
  private final @Nullable Platform platform;
  private final PlatformMode platformMode;
  private final List<String> tags;
  private final CopyListener listener;
  private final GraphLimits limits;

  private CopyOptions(Builder b) {
    this.referrerDepth = b.referrerDepth;
    this.filter = b.filter;
    this.platform = b.platform;
    this.platformMode = b.platformMode;
    this.tags = List.copyOf(b.tags);
    this.listener = b.listener;
    this.limits = b.limits;
  }

  /** The root's DAG only, no tags. */
  public static CopyOptions defaults() {
    return builder().build();
  }

  /** The root's DAG and all its referrers, recursively, no tags. */
  public static CopyOptions withReferrers() {
    return builder().referrerDepth(DiscoveryOptions.UNLIMITED).build();
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these options. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.referrerDepth = referrerDepth;
    b.filter = filter;
    b.platform = platform;
    b.platformMode = platformMode;
    b.tags.addAll(tags);
    b.listener = listener;
    b.limits = limits;
    return b;
  }

  /** Referrer hops copied. */
  public int referrerDepth() {
    return referrerDepth;
  }

  /** The referrer filter. */
  public ReferrerFilter filter() {
    return filter;
  }

  /** The platform selected from an index root, if any. */
  public Optional<Platform> platform() {
    return Optional.ofNullable(platform);
  }

  /** What a platform selection does to an index root. */
  public PlatformMode platformMode() {
    return platformMode;
  }

  /** The tags set in the destination at the end. */
  public List<String> tags() {
    return tags;
  }

  /** The listener. */
  public CopyListener listener() {
    return listener;
  }

  /** The bounds of the walk. */
  public GraphLimits limits() {
    return limits;
  }

  /** Builds {@link CopyOptions}. Not thread-safe. */
  public static final class Builder {
    private int referrerDepth;
    private ReferrerFilter filter = ReferrerFilter.all();
    private @Nullable Platform platform;
    private PlatformMode platformMode = PlatformMode.SELECT_MANIFEST;
    private final List<String> tags = new ArrayList<>();
    private CopyListener listener = CopyListener.NONE;
    private GraphLimits limits = GraphLimits.DEFAULTS;

    private Builder() {}

    /** Referrer hops to copy (0, the default: none; {@link DiscoveryOptions#UNLIMITED}: all). */
    public Builder referrerDepth(int depth) {
      this.referrerDepth = depth;
      return this;
    }

    /** Which referrers to copy. */
    public Builder filter(ReferrerFilter filter) {
      this.filter = Objects.requireNonNull(filter, "filter");
      return this;
    }

    /** Copy only the entries of an index root for {@code platform} (null: the whole index). */
    public Builder platform(@Nullable Platform platform) {
      this.platform = platform;
      return this;
    }

    /** What a platform selection does (default {@link PlatformMode#SELECT_MANIFEST}). */
    public Builder platformMode(PlatformMode mode) {
      this.platformMode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /** Adds a tag to set in the destination at the end. */
    public Builder tag(String tag) {
      this.tags.add(Objects.requireNonNull(tag, "tag"));
      return this;
    }

    /** The progress listener. */
    public Builder listener(CopyListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** The bounds of the walk (default {@link GraphLimits#DEFAULTS}). */
    public Builder limits(GraphLimits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws IllegalArgumentException for a negative depth or an invalid tag
     */
    public CopyOptions build() {
      if (referrerDepth < 0) {
        throw new IllegalArgumentException("referrerDepth must be >= 0, was " + referrerDepth);
      }
      for (String tag : tags) {
        if (!Reference.isValidTag(tag)) {
          throw new IllegalArgumentException(
              "invalid tag '"
                  + tag
                  + "': expected 1 to 128 letters, digits, '_', '.' and '-', not starting with '.' or '-'");
        }
      }
      return new CopyOptions(this);
    }
  }
}
