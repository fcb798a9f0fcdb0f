package dev.ocitrust.cose.internal;

import java.util.HexFormat;

/** Lower-case hex helpers. */
public final class Hex {
  private static final HexFormat LOWER = HexFormat.of();

  private Hex() {}

  /** Lower-case hex of {@code bytes}. */
  public static String encode(byte[] bytes) {
    return LOWER.formatHex(bytes);
  }
}
