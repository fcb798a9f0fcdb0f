package dev.ocitrust.claims;

/** How many of a rule's issuers must satisfy it. */
public enum Quantifier {
  /** One issuer suffices: the first, in precedence order, that has a claim decides. */
  ANY,
  /** Every issuer named must satisfy the rule. */
  ALL
}
