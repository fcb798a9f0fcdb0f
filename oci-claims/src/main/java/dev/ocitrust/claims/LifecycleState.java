package dev.ocitrust.claims;

import java.util.Locale;

/** The lifecycle state a lifecycle claim declares, least to most severe. */
public enum LifecycleState {
  /** In service (also lifts an earlier state of the same issuer). */
  ACTIVE,
  /** Still usable, but its users should move on. */
  DEPRECATED,
  /** No longer supported from its effective time. */
  END_OF_LIFE,
  /** Must not be used (a compromised build, a withdrawn release). */
  REVOKED;

  /**
   * The JSON spelling: {@code active}, {@code deprecated}, {@code end-of-life}, {@code revoked}.
   */
  public String json() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The state spelled {@code json}, if one is. */
  static java.util.Optional<LifecycleState> fromJson(String json) {
    for (LifecycleState s : values()) {
      if (s.json().equals(json)) {
        return java.util.Optional.of(s);
      }
    }
    return java.util.Optional.empty();
  }
}
