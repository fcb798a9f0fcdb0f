package dev.ocitrust.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code KEY=VALUE} annotation arguments. */
final class Annotations {
  private Annotations() {}

  /** The annotations of {@code args}, in order; a later key replaces an earlier one. */
  static Map<String, String> parse(List<String> args) {
    Map<String, String> parsed = new LinkedHashMap<>();
    for (String annotation : args) {
      int eq = annotation.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("annotation '" + annotation + "' is not KEY=VALUE");
      }
      parsed.put(annotation.substring(0, eq), annotation.substring(eq + 1));
    }
    return parsed;
  }
}
