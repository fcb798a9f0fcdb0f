/** The {@code ocitrust} command line. */
module dev.ocitrust.cli {
  requires dev.ocitrust.client;
  requires dev.ocitrust.cose;
  requires dev.ocitrust.graph;
  requires dev.ocitrust.policy;
  requires info.picocli;
  requires org.jspecify;

  opens dev.ocitrust.cli to
      info.picocli;
}
