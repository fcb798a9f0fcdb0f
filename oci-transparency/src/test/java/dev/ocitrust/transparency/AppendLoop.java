package dev.ocitrust.transparency;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A child process for {@link LogKillIT}: appends entries to the log in {@code args[0]} forever,
 * alternating single appends and batches, and prints the size after each append that returned.
 */
public final class AppendLoop {
  private AppendLoop() {}

  /** The entry at {@code index}: its text repeated to a length that varies with the index. */
  static byte[] entry(long index) {
    return ("entry-" + index + ";").repeat(1 + (int) (index % 97)).getBytes(StandardCharsets.UTF_8);
  }

  public static void main(String[] args) throws Exception {
    try (MerkleLog log = MerkleLog.open(Path.of(args[0]))) {
      while (true) {
        long n = log.size();
        if (n % 3 == 0) {
          List<byte[]> batch = new ArrayList<>();
          for (long i = n; i < n + 50; i++) {
            batch.add(entry(i));
          }
          log.appendAll(batch);
        } else {
          log.append(entry(n));
        }
        System.out.println(log.size());
        System.out.flush();
      }
    }
  }
}
