/** The artifact/referrer graph: discover, copy with referrers, attach, purge. */
module dev.ocitrust.graph {
  requires transitive dev.ocitrust.client;

  exports dev.ocitrust.graph;
}
