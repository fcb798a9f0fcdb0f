/** The artifact/referrer graph: discover, copy with referrers, attach, purge. */
@SuppressWarnings("module") // dev.ocitrust.claims, named below, is built after this module
module dev.ocitrust.graph {
  requires transitive dev.ocitrust.client;

  exports dev.ocitrust.graph;
  // oci-claims fetches claims with the same bounded executor and I/O task helpers
  exports dev.ocitrust.graph.internal to
      dev.ocitrust.claims;
}
