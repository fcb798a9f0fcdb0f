/**
 * Signed claims about artifacts (SCITT signed statements stored as referrers), the claim policy
 * that approves an artifact for an environment, and the deployment gate.
 */
module dev.ocitrust.claims {
  requires transitive dev.ocitrust.policy;
  requires transitive dev.ocitrust.graph;
  requires transitive dev.ocitrust.cose;
  requires transitive dev.ocitrust.client;
  requires com.fasterxml.jackson.databind;

  exports dev.ocitrust.claims;
}
