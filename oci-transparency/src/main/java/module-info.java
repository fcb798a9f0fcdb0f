/**
 * A small SCITT transparency service for tests and local development: an append-only RFC 9162
 * Merkle log persisted to a directory, COSE receipts (RFC 9942, vds 1) signed with the service key,
 * and a SCRAPI server on loopback. Production users point the SDK's client at their real service.
 */
module dev.ocitrust.transparency {
  requires transitive dev.ocitrust.cose;
  requires transitive org.jspecify;
  requires jdk.httpserver;

  exports dev.ocitrust.transparency;
}
