package dev.ocitrust.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code -m/--user-metadata KEY=VALUE}, repeatable: user metadata signed or required signed. */
final class UserMetadataOption {
  @Option(
      names = {"-m", "--user-metadata"},
      paramLabel = "KEY=VALUE",
      description = "user metadata in the signed payload (as notation's --user-metadata)")
  List<String> entries = new ArrayList<>();

  /**
   * The entries in order.
   *
   * @throws IllegalArgumentException (a usage error) for an entry that is not KEY=VALUE
   */
  Map<String, String> map() {
    Map<String, String> metadata = new LinkedHashMap<>();
    for (String entry : entries) {
      int eq = entry.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("--user-metadata '" + entry + "' is not KEY=VALUE");
      }
      metadata.put(entry.substring(0, eq), entry.substring(eq + 1));
    }
    return metadata;
  }
}
