package dev.ocitrust.benchmarks;

import java.io.InputStream;
import java.util.SplittableRandom;

/** A stream of {@code size} fast pseudo-random bytes (incompressible, deterministic per seed). */
final class RandomContent extends InputStream {
  private final SplittableRandom random;
  private long left;

  RandomContent(long size, long seed) {
    this.left = size;
    this.random = new SplittableRandom(seed);
  }

  @Override
  public int read() {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    if (left == 0) {
      return -1;
    }
    int n = (int) Math.min(len, left);
    for (int i = 0; i < n; i += 8) {
      long r = random.nextLong();
      for (int j = 0; j < 8 && i + j < n; j++) {
        b[off + i + j] = (byte) (r >>> (8 * j));
      }
    }
    left -= n;
    return n;
  }
}
