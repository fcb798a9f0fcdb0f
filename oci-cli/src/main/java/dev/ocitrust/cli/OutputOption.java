package dev.ocitrust.cli;

import picocli.CommandLine.Option;

/** {@code -o text|json}. */
final class OutputOption {
  @Option(
      names = {"-o", "--output", "--format"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "text or json (default: ${DEFAULT-VALUE})")
  String output = "text";

  /**
   * Whether the output is JSON.
   *
   * @throws IllegalArgumentException (a usage error) for another format
   */
  boolean json() {
    if (!output.equals("text") && !output.equals("json")) {
      throw new IllegalArgumentException("unknown output '" + output + "': expected text or json");
    }
    return output.equals("json");
  }
}
