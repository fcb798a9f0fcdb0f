package dev.ocitrust.claims;

/** What a lifecycle state does to the decision, as a lifecycle rule says. */
public enum LifecycleEffect {
  /** The rule is violated: the artifact is denied (in enforce mode). */
  DENY,
  /** The artifact is allowed with a warning. */
  WARN,
  /** Nothing happens. */
  IGNORE
}
