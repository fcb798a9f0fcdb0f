package dev.ocitrust.client;

import java.util.regex.Pattern;

/** The tag grammar of the distribution specification, shared by the stores. */
final class Tags {
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

  private Tags() {}

  /** Returns {@code tag} when it is valid, else throws naming it. */
  static String requireValid(String tag) {
    if (tag == null || !TAG.matcher(tag).matches()) {
      throw new IllegalArgumentException(
          "invalid tag '" + tag + "': expected [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    }
    return tag;
  }

  /** Whether {@code reference} names content by digest rather than by tag. */
  static boolean isDigest(String reference) {
    return reference.indexOf(':') > 0;
  }
}
