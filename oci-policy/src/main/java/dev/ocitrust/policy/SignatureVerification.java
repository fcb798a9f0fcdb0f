package dev.ocitrust.policy;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A statement's {@code signatureVerification}: a preset {@link VerificationLevel}, optional
 * per-check overrides (a "custom verification level") and the optional {@code verifyTimestamp}
 * setting.
 *
 * <p>The override rules are those of the specification and are enforced by {@link Builder#build()}:
 * a {@code skip} level cannot be customised; {@code integrity} can never be overridden (not even to
 * {@code enforce}); {@code skip} is allowed only for {@code revocation}.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * SignatureVerification sv = SignatureVerification.builder(VerificationLevel.STRICT)
 *     .override(VerificationCheck.EXPIRY, CheckAction.LOG)
 *     .build();
 * sv.actions().action(VerificationCheck.EXPIRY); // LOG
 * }</pre>
 */
public final class SignatureVerification {
  private final VerificationLevel level;
  private final Map<VerificationCheck, CheckAction> overrides;
  private final @Nullable VerifyTimestamp verifyTimestamp;
  private final VerificationActions actions;

  private SignatureVerification(Builder b) {
    this.level = b.level;
    this.overrides = Collections.unmodifiableMap(new EnumMap<>(b.overrides));
    this.verifyTimestamp = b.verifyTimestamp;
    this.actions = new VerificationActions(level, overrides);
  }

  /** A verification at {@code level} with no overrides. */
  public static SignatureVerification of(VerificationLevel level) {
    return builder(level).build();
  }

  /** A builder starting from {@code level}. */
  public static Builder builder(VerificationLevel level) {
    return new Builder(level);
  }

  /** The preset level. */
  public VerificationLevel level() {
    return level;
  }

  /** The overrides as written; unmodifiable, possibly empty. */
  public Map<VerificationCheck, CheckAction> overrides() {
    return overrides;
  }

  /** The {@code verifyTimestamp} setting if the statement has one. */
  public Optional<VerifyTimestamp> verifyTimestamp() {
    return Optional.ofNullable(verifyTimestamp);
  }

  /** The setting in force: the configured one, else {@link VerifyTimestamp#ALWAYS}. */
  public VerifyTimestamp effectiveVerifyTimestamp() {
    return verifyTimestamp == null ? VerifyTimestamp.ALWAYS : verifyTimestamp;
  }

  /** The resolved action for every check. */
  public VerificationActions actions() {
    return actions;
  }

  /** A builder holding this value's settings. */
  public Builder toBuilder() {
    Builder b = new Builder(level);
    b.overrides.putAll(overrides);
    b.verifyTimestamp = verifyTimestamp;
    return b;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof SignatureVerification)) {
      return false;
    }
    SignatureVerification s = (SignatureVerification) o;
    return s.level == level
        && s.overrides.equals(overrides)
        && s.verifyTimestamp == verifyTimestamp;
  }

  @Override
  public int hashCode() {
    return Objects.hash(level, overrides, verifyTimestamp);
  }

  @Override
  public String toString() {
    return "SignatureVerification{level="
        + level
        + (overrides.isEmpty() ? "" : ", override=" + overrides)
        + (verifyTimestamp == null ? "" : ", verifyTimestamp=" + verifyTimestamp)
        + "}";
  }

  /** Builds a {@link SignatureVerification}; not thread-safe. */
  public static final class Builder {
    private final VerificationLevel level;
    private final EnumMap<VerificationCheck, CheckAction> overrides =
        new EnumMap<>(VerificationCheck.class);
    private @Nullable VerifyTimestamp verifyTimestamp;

    private Builder(VerificationLevel level) {
      this.level = Objects.requireNonNull(level, "level");
    }

    /** Overrides the action of one check; {@link #build()} checks the combination. */
    public Builder override(VerificationCheck check, CheckAction action) {
      overrides.put(
          Objects.requireNonNull(check, "check"), Objects.requireNonNull(action, "action"));
      return this;
    }

    /** Sets {@code verifyTimestamp}; null removes it (meaning {@link VerifyTimestamp#ALWAYS}). */
    public Builder verifyTimestamp(@Nullable VerifyTimestamp verifyTimestamp) {
      this.verifyTimestamp = verifyTimestamp;
      return this;
    }

    /**
     * Builds the value.
     *
     * @throws IllegalArgumentException if an override breaks a rule of the specification; the
     *     message names the check and the action
     */
    public SignatureVerification build() {
      String problem = overrideProblem(level, overrides);
      if (problem != null) {
        throw new IllegalArgumentException(problem);
      }
      return new SignatureVerification(this);
    }
  }

  /** The first rule the overrides break, or null; shared with document validation. */
  static @Nullable String overrideProblem(
      VerificationLevel level, Map<VerificationCheck, CheckAction> overrides) {
    if (overrides.isEmpty()) {
      return null;
    }
    if (level == VerificationLevel.SKIP) {
      return "signature verification level \"skip\" cannot be customised with \"override\"";
    }
    for (Map.Entry<VerificationCheck, CheckAction> e : overrides.entrySet()) {
      String problem = overrideProblem(e.getKey(), e.getValue());
      if (problem != null) {
        return problem;
      }
    }
    return null;
  }

  static @Nullable String overrideProblem(VerificationCheck check, CheckAction action) {
    if (check == VerificationCheck.INTEGRITY) {
      return "\"integrity\" verification cannot be overridden (found \"integrity\": \""
          + action.value()
          + "\")";
    }
    if (action == CheckAction.SKIP && check != VerificationCheck.REVOCATION) {
      return "\""
          + check.value()
          + "\" verification cannot be skipped, only \"revocation\" may be overridden to \"skip\"";
    }
    return null;
  }
}
