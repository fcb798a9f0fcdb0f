package dev.ocitrust.graph;

import dev.ocitrust.client.Platform;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a walk of the artifact graph takes and where it stops.
 *
 * <ul>
 *   <li>{@code successors}: walk down from the root (index to manifests, manifest to config and
 *       layers). Default on.
 *   <li>{@code referrerDepth}: how many referrer hops to follow (0: none; 1: referrers of the
 *       root's DAG; unlimited by default, bounded by {@code maxNodes}).
 *   <li>{@code filter}: which referrers to take ({@link ReferrerFilter#all()} by default). A
 *       referrer refused is not walked, nor are its own referrers.
 *   <li>{@code platform}: when the root is an index, follow only its entries for this platform.
 *       Only the root index is filtered; nested indexes are taken whole.
 *   <li>{@code includeSubjects}: add, as unwalked nodes, the subjects of walked manifests that are
 *       not otherwise in the graph (e.g. the image a signature root signs).
 *   <li>{@code limits}: the {@link GraphLimits} on nodes, index nesting and manifest bytes ({@link
 *       GraphLimits#DEFAULTS} by default); exceeding one raises {@link GraphLimitException}.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * DiscoveryOptions opts = DiscoveryOptions.builder()
 *     .referrerDepth(2)
 *     .filter(ReferrerFilter.artifactTypes("application/vnd.cncf.notary.signature"))
 *     .build();
 * }</pre>
 */
public final class DiscoveryOptions {
  /** Unlimited referrer depth. */
  public static final int UNLIMITED = Integer.MAX_VALUE;

  private final boolean successors;
  private final int referrerDepth;
  private final ReferrerFilter filter;
  private final @Nullable Platform platform;
  private final boolean includeSubjects;
  private final GraphLimits limits;

  private DiscoveryOptions(Builder b) {
    this.successors = b.successors;
    this.referrerDepth = b.referrerDepth;
    this.filter = b.filter;
    this.platform = b.platform;
    this.includeSubjects = b.includeSubjects;
    this.limits = b.limits;
  }

  /** The defaults: successors, all referrers at any depth, default limits. */
  public static DiscoveryOptions defaults() {
    return builder().build();
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these options. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.successors = successors;
    b.referrerDepth = referrerDepth;
    b.filter = filter;
    b.platform = platform;
    b.includeSubjects = includeSubjects;
    b.limits = limits;
    return b;
  }

  /** Whether successors are walked. */
  public boolean successors() {
    return successors;
  }

  /** Referrer hops followed ({@link #UNLIMITED} for no limit). */
  public int referrerDepth() {
    return referrerDepth;
  }

  /** The referrer filter. */
  public ReferrerFilter filter() {
    return filter;
  }

  /** The platform the root index is filtered by, if any. */
  public Optional<Platform> platform() {
    return Optional.ofNullable(platform);
  }

  /** Whether unwalked subjects are added. */
  public boolean includeSubjects() {
    return includeSubjects;
  }

  /** The bounds of the walk. */
  public GraphLimits limits() {
    return limits;
  }

  /**
   * A walk of successors and of referrers up to {@code referrerDepth} taken by {@code filter},
   * within {@code limits}, otherwise the defaults: what a copy or a purge walks.
   */
  static DiscoveryOptions walk(int referrerDepth, ReferrerFilter filter, GraphLimits limits) {
    return builder().referrerDepth(referrerDepth).filter(filter).limits(limits).build();
  }

  /** Builds {@link DiscoveryOptions}. Not thread-safe. */
  public static final class Builder {
    private boolean successors = true;
    private int referrerDepth = UNLIMITED;
    private ReferrerFilter filter = ReferrerFilter.all();
    private @Nullable Platform platform;
    private boolean includeSubjects;
    private GraphLimits limits = GraphLimits.DEFAULTS;

    private Builder() {}

    /** Whether to walk successors (default true). */
    public Builder successors(boolean walk) {
      this.successors = walk;
      return this;
    }

    /** Referrer hops to follow: 0 for none, {@link #UNLIMITED} (the default) for all. */
    public Builder referrerDepth(int depth) {
      this.referrerDepth = depth;
      return this;
    }

    /** Which referrers to take. */
    public Builder filter(ReferrerFilter filter) {
      this.filter = Objects.requireNonNull(filter, "filter");
      return this;
    }

    /** Follow only the root index's entries for {@code platform} (null: all). */
    public Builder platform(@Nullable Platform platform) {
      this.platform = platform;
      return this;
    }

    /** Whether to add the unwalked subjects of walked manifests (default false). */
    public Builder includeSubjects(boolean include) {
      this.includeSubjects = include;
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
     * @throws IllegalArgumentException when the referrer depth is negative
     */
    public DiscoveryOptions build() {
      if (referrerDepth < 0) {
        throw new IllegalArgumentException("referrerDepth must be >= 0, was " + referrerDepth);
      }
      return new DiscoveryOptions(this);
    }
  }
}
