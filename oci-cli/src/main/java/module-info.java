/** The {@code ocitrust} command line. */
module dev.ocitrust.cli {
  requires dev.ocitrust.client;
  requires dev.ocitrust.cose;
  requires dev.ocitrust.graph;
  requires dev.ocitrust.policy;
  requires dev.ocitrust.claims;
  requires dev.ocitrust.transparency;
  requires com.fasterxml.jackson.databind;
  requires org.bouncycastle.provider;
  requires org.bouncycastle.pkix;
  requires info.picocli;
  requires org.jspecify;

  opens dev.ocitrust.cli to
      info.picocli;
}
