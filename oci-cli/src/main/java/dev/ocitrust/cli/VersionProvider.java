package dev.ocitrust.cli;

import picocli.CommandLine;

/** Reads the version from the jar's manifest (or says it is a development build). */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = Main.class.getPackage().getImplementationVersion();
    return new String[] {
      "ocitrust " + (version == null ? "development build" : version),
      "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
    };
  }

  /** The signing agent signatures name: {@code ocitrust/<version>}. */
  static String agent() {
    String version = Main.class.getPackage().getImplementationVersion();
    return version == null ? "ocitrust" : "ocitrust/" + version;
  }
}
