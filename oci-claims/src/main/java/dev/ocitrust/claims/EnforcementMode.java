package dev.ocitrust.claims;

/** What a violated rule does to the decision. */
public enum EnforcementMode {
  /** A violation denies. */
  ENFORCE,
  /** A violation is reported as a warning; the artifact is allowed. */
  AUDIT
}
