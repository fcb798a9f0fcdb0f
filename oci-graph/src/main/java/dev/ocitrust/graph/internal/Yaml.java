package dev.ocitrust.graph.internal;

import java.util.regex.Pattern;

/**
 * YAML scalars as Go's yaml.v3 writes them (what {@code oras discover} prints): double-quoted when
 * the text would read back as another type (number, boolean, null, timestamp) or cannot be written
 * otherwise, single-quoted when it only cannot be plain (it starts with an indicator, holds {@code
 * ": "} or {@code " #"}, or has surrounding spaces), plain otherwise.
 */
final class Yaml {
  private static final Pattern NUMBER =
      Pattern.compile(
          "[-+]?(\\d[\\d_]*(\\.\\d*)?([eE][-+]?\\d+)?|\\.\\d+([eE][-+]?\\d+)?|0x[0-9a-fA-F_]+|0o[0-7_]+"
              + "|0b[01_]+|\\.(inf|Inf|INF)|\\.(nan|NaN|NAN))");
  private static final Pattern OTHER_TYPE =
      Pattern.compile("|~|null|Null|NULL|(?i:true|false|yes|no|on|off|y|n)");
  private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{1,2}-\\d{1,2}([Tt ].*)?");
  private static final String INDICATORS = "-?:,[]{}#&*!|>'\"%@`";

  private Yaml() {}

  static String scalar(String s) {
    if (OTHER_TYPE.matcher(s).matches()
        || NUMBER.matcher(s).matches()
        || TIMESTAMP.matcher(s).matches()
        || !printable(s)) {
      return doubleQuoted(s);
    }
    if (plain(s)) {
      return s;
    }
    return "'" + s.replace("'", "''") + "'";
  }

  private static boolean printable(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return false;
      }
    }
    return true;
  }

  private static boolean plain(String s) {
    char first = s.charAt(0);
    char last = s.charAt(s.length() - 1);
    if (first == ' ' || last == ' ' || last == ':') {
      return false;
    }
    if (INDICATORS.indexOf(first) >= 0) {
      boolean spaceOrEnd = s.length() == 1 || s.charAt(1) == ' ';
      if (!((first == '-' || first == '?' || first == ':') && !spaceOrEnd)) {
        return false;
      }
    }
    return !s.contains(": ") && !s.contains(" #");
  }

  private static String doubleQuoted(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        case '\r' -> sb.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            sb.append(String.format("\\x%02X", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
