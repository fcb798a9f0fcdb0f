package dev.ocitrust.graph.internal;

import java.util.regex.Pattern;

/** YAML scalars as yaml.v3 writes them for common strings: plain when safe, else double-quoted. */
final class Yaml {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z_/][A-Za-z0-9_./+@-]*( [A-Za-z0-9_./+@-]+)*");
  private static final Pattern SPECIAL =
      Pattern.compile("(?i)(true|false|yes|no|on|off|y|n|null|~)");

  private Yaml() {}

  static String scalar(String s) {
    if (PLAIN.matcher(s).matches() && !SPECIAL.matcher(s).matches()) {
      return s;
    }
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
          if (c < 0x20) {
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
