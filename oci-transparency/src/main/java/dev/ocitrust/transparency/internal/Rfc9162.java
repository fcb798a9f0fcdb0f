package dev.ocitrust.transparency.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * RFC 9162 §2.1.1 hashing with SHA-256: leaves {@code H(0x00 ‖ d)}, nodes {@code H(0x01 ‖ l ‖ r)}.
 */
public final class Rfc9162 {
  /** Bytes of one hash. */
  public static final int HASH_BYTES = 32;

  private Rfc9162() {}

  /** A new SHA-256 digest (one per thread or call: MessageDigest is not thread-safe). */
  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /** The leaf hash of {@code entry}. */
  public static byte[] leaf(MessageDigest md, byte[] entry) {
    md.reset();
    md.update((byte) 0);
    md.update(entry);
    return md.digest();
  }

  /** The interior node hash of {@code left} and {@code right}. */
  public static byte[] node(MessageDigest md, byte[] left, byte[] right) {
    md.reset();
    md.update((byte) 1);
    md.update(left);
    md.update(right);
    return md.digest();
  }

  /** The largest power of two strictly below {@code n} (n &gt;= 2). */
  public static long splitPoint(long n) {
    return Long.highestOneBit(n - 1);
  }
}
