package dev.ocitrust.cose.internal;

/**
 * Writes JSON strings the way Go's {@code encoding/json} does, so that payloads we sign are byte
 * for byte what notation would sign for the same descriptor: {@code <}, {@code >}, {@code &},
 * U+2028 and U+2029 escaped as {@code \}{@code u00XX}/{@code \}{@code u20XX}; {@code \n}, {@code
 * \r}, {@code \t} short escapes; other control characters as {@code \}{@code u00XX}.
 *
 * <p>Thread-safe: stateless.
 */
public final class GoJson {
  private GoJson() {}

  /** Appends {@code s} as a quoted JSON string. */
  public static void string(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
