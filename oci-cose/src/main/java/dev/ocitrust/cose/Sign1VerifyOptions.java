package dev.ocitrust.cose;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * What a COSE_Sign1 verification needs besides the key: external additional authenticated data
 * (default empty), the payload when the message carries it detached, the critical header labels the
 * caller understands (every label in {@code crit} must be among them, else verification fails), and
 * optionally the expected algorithm when a key allows several.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * Sign1VerifyOptions opts = Sign1VerifyOptions.builder()
 *     .externalAad(aad)
 *     .detachedPayload(content)
 *     .understoodCriticalLabels(Set.of(HeaderLabel.of("my.critical")))
 *     .build();
 * VerifiedSign1 v = UnverifiedSign1.parse(bytes).verify(key, opts);
 * }</pre>
 */
public final class Sign1VerifyOptions {
  private static final Sign1VerifyOptions DEFAULTS = builder().build();

  private final byte[] externalAad;
  private final byte @org.jspecify.annotations.Nullable [] detachedPayload;
  private final Set<HeaderLabel> understood;
  private final @org.jspecify.annotations.Nullable CoseAlgorithm algorithm;

  private Sign1VerifyOptions(Builder b) {
    this.externalAad = b.externalAad.clone();
    this.detachedPayload = b.detachedPayload == null ? null : b.detachedPayload.clone();
    this.understood = Set.copyOf(b.understood);
    this.algorithm = b.algorithm;
  }

  /** No external AAD, attached payload, no critical labels understood, algorithm from the key. */
  public static Sign1VerifyOptions defaults() {
    return DEFAULTS;
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these options. */
  public Builder toBuilder() {
    Builder b = builder().externalAad(externalAad).understoodCriticalLabels(understood);
    if (detachedPayload != null) {
      b.detachedPayload(detachedPayload);
    }
    if (algorithm != null) {
      b.algorithm(algorithm);
    }
    return b;
  }

  /** The external AAD (a copy). */
  public byte[] externalAad() {
    return externalAad.clone();
  }

  /** The detached payload (a copy), if given. */
  public Optional<byte[]> detachedPayload() {
    return detachedPayload == null ? Optional.empty() : Optional.of(detachedPayload.clone());
  }

  /** The critical labels the caller processes. */
  public Set<HeaderLabel> understoodCriticalLabels() {
    return understood;
  }

  /** The algorithm to require, if not derived from the key. */
  public Optional<CoseAlgorithm> algorithm() {
    return Optional.ofNullable(algorithm);
  }

  /** Builds {@link Sign1VerifyOptions}. Not thread-safe. */
  public static final class Builder {
    private byte[] externalAad = new byte[0];
    private byte @org.jspecify.annotations.Nullable [] detachedPayload;
    private final Set<HeaderLabel> understood = new LinkedHashSet<>();
    private @org.jspecify.annotations.Nullable CoseAlgorithm algorithm;

    private Builder() {}

    /** External AAD bound into the signature (copied). */
    public Builder externalAad(byte[] aad) {
      this.externalAad = aad.clone();
      return this;
    }

    /** The payload of a message whose payload is detached ({@code nil}); copied. */
    public Builder detachedPayload(byte[] payload) {
      this.detachedPayload = payload.clone();
      return this;
    }

    /** Adds labels the caller understands when they appear in {@code crit}. */
    public Builder understoodCriticalLabels(Collection<HeaderLabel> labels) {
      understood.addAll(labels);
      return this;
    }

    /**
     * Requires this algorithm instead of the one {@link CoseAlgorithm#forKey} derives (e.g. PS256
     * with an RSA-3072 key). The key must still fit the algorithm's family.
     */
    public Builder algorithm(CoseAlgorithm alg) {
      this.algorithm = alg;
      return this;
    }

    /** The options. */
    public Sign1VerifyOptions build() {
      return new Sign1VerifyOptions(this);
    }
  }
}
