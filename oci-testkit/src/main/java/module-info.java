/** Real peers for ocitrust's own tests. Not a user API. */
module dev.ocitrust.testkit {
  requires transitive org.jspecify;
  requires transitive org.junit.jupiter.api;
  requires transitive java.net.http;
  requires jdk.httpserver;
  requires org.bouncycastle.provider;
  requires org.bouncycastle.pkix;
  requires com.fasterxml.jackson.databind;

  exports dev.ocitrust.testkit;
}
