/** The OCI data model, content stores (OCI image layout, in-memory) and the registry client. */
@SuppressWarnings("module") // dev.ocitrust.graph, named below, is built after this module
module dev.ocitrust.client {
  requires transitive org.jspecify;
  requires transitive okhttp3;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;

  exports dev.ocitrust.client;
  // for oci-graph's stream wrappers, which pass verified content through (VerifiedContent)
  exports dev.ocitrust.client.internal to
      dev.ocitrust.graph;

  opens dev.ocitrust.client.internal to
      com.fasterxml.jackson.databind;
}
