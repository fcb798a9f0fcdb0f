package dev.ocitrust.policy;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The resolved action for each {@link VerificationCheck}: a {@link VerificationLevel}'s preset with
 * the statement's overrides applied. This is what the verifier consumes: it runs a check only if
 * its action is not {@link CheckAction#SKIP}, aborts the signature on an enforced failure and
 * records a logged one.
 *
 * <p>Immutable and thread-safe. Obtained from {@link SignatureVerification#actions()}, which has
 * already checked the overrides against the specification (integrity is never overridden; only
 * revocation may be skipped; a {@code skip} level has no overrides).
 *
 * <pre>{@code
 * VerificationActions actions = statement.actions();
 * if (actions.action(VerificationCheck.EXPIRY) == CheckAction.ENFORCE) { ... }
 * }</pre>
 */
public final class VerificationActions {
  private final VerificationLevel level;
  private final Map<VerificationCheck, CheckAction> actions;

  VerificationActions(VerificationLevel level, Map<VerificationCheck, CheckAction> overrides) {
    this.level = level;
    EnumMap<VerificationCheck, CheckAction> m = new EnumMap<>(VerificationCheck.class);
    for (VerificationCheck c : VerificationCheck.values()) {
      m.put(c, overrides.getOrDefault(c, level.defaultAction(c)));
    }
    this.actions = Collections.unmodifiableMap(m);
  }

  /** The preset level the actions start from. */
  public VerificationLevel level() {
    return level;
  }

  /** The action for {@code check}. */
  public CheckAction action(VerificationCheck check) {
    return Objects.requireNonNull(actions.get(check), "every check has an action");
  }

  /** Every check with its action, in {@link VerificationCheck} order; unmodifiable. */
  public Map<VerificationCheck, CheckAction> asMap() {
    return actions;
  }

  /**
   * True when the level is {@code skip}: no signature is fetched or verified and verification
   * succeeds without looking at the artifact.
   */
  public boolean skipsVerification() {
    return level == VerificationLevel.SKIP;
  }

  /** True if {@code check} is enforced. */
  public boolean isEnforced(VerificationCheck check) {
    return action(check) == CheckAction.ENFORCE;
  }

  /** True if {@code check} is not run at all. */
  public boolean isSkipped(VerificationCheck check) {
    return action(check) == CheckAction.SKIP;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VerificationActions
        && ((VerificationActions) o).level == level
        && ((VerificationActions) o).actions.equals(actions);
  }

  @Override
  public int hashCode() {
    return 31 * level.hashCode() + actions.hashCode();
  }

  @Override
  public String toString() {
    return "VerificationActions{level=" + level + ", " + actions + "}";
  }
}
