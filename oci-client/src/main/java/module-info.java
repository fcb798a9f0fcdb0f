/** The OCI data model, content stores (OCI image layout, in-memory) and the registry client. */
module dev.ocitrust.client {
  requires transitive org.jspecify;
  requires transitive okhttp3;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.toml;
  requires org.slf4j;

  exports dev.ocitrust.client;

  opens dev.ocitrust.client.internal to
      com.fasterxml.jackson.databind;
}
