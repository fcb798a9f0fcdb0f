package dev.ocitrust.claims;

/** What became of a claim found on an artifact. */
public enum ClaimStatus {
  /** Verified, and no newer claim of the same issuer, subject and kind supersedes it. */
  EFFECTIVE,
  /** Verified, but a newer claim of the same issuer, subject and kind supersedes it. */
  SUPERSEDED,
  /** Not counted: it failed a check (the record says which). */
  IGNORED,
  /** Listed without a claim policy: its signature verifies with its own chain, nothing more. */
  UNVERIFIED
}
