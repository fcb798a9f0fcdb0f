package dev.ocitrust.cose;

/**
 * How {@link UnverifiedSign1#parse(byte[], CoseParseOptions)} treats its input: whether an untagged
 * COSE_Sign1 is accepted (default: no, only tag 18) and the largest message accepted (default 32
 * MiB, the envelope limit notation uses).
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * CoseParseOptions opts = CoseParseOptions.builder().allowUntagged(true).build();
 * UnverifiedSign1 msg = UnverifiedSign1.parse(bytes, opts);
 * }</pre>
 */
public final class CoseParseOptions {
  /** The default size limit, 32 MiB. */
  public static final int DEFAULT_MAX_BYTES = 32 * 1024 * 1024;

  private static final CoseParseOptions DEFAULTS = builder().build();

  private final boolean allowUntagged;
  private final int maxBytes;

  private CoseParseOptions(Builder b) {
    this.allowUntagged = b.allowUntagged;
    this.maxBytes = b.maxBytes;
  }

  /** Tagged messages only, at most {@link #DEFAULT_MAX_BYTES}. */
  public static CoseParseOptions defaults() {
    return DEFAULTS;
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Whether an untagged COSE_Sign1 array is accepted. */
  public boolean allowUntagged() {
    return allowUntagged;
  }

  /** The largest accepted message, in bytes. */
  public int maxBytes() {
    return maxBytes;
  }

  /** Builds {@link CoseParseOptions}. Not thread-safe. */
  public static final class Builder {
    private boolean allowUntagged;
    private int maxBytes = DEFAULT_MAX_BYTES;

    private Builder() {}

    /** Accept an untagged COSE_Sign1 (the context must already say it is one). */
    public Builder allowUntagged(boolean allow) {
      this.allowUntagged = allow;
      return this;
    }

    /**
     * The largest accepted message.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxBytes(int max) {
      if (max <= 0) {
        throw new IllegalArgumentException("maxBytes must be positive, was " + max);
      }
      this.maxBytes = max;
      return this;
    }

    /** The options. */
    public CoseParseOptions build() {
      return new CoseParseOptions(this);
    }
  }
}
