package dev.ocitrust.claims;

/**
 * The part an issuer plays for an artifact. Without an explicit precedence, a consumer's claims
 * decide before a publisher's.
 */
public enum IssuerRole {
  /** The consumer that runs the artifact (ACME Rockets). */
  CONSUMER,
  /** The publisher that built it (Wabbit Networks). */
  PUBLISHER
}
