package dev.ocitrust.transparency;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety with a real kill: a child JVM appends to a log in a loop and is killed with SIGKILL
 * at a random moment, several times over; after each kill the log opens with at least every append
 * the child saw return, every entry is the one written at its index, and appending goes on.
 */
class LogKillIT {
  @TempDir Path dir;

  @Test
  void aKilledWriterLeavesAConsistentLog() throws Exception {
    long confirmed = 0;
    for (int round = 0; round < 5; round++) {
      Process child =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  AppendLoop.class.getName(),
                  dir.toString())
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      long target = confirmed + 200 + ThreadLocalRandom.current().nextInt(2000);
      long seen = confirmed;
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null) {
          seen = Long.parseLong(line.trim());
          if (seen >= target) {
            child.destroyForcibly(); // SIGKILL, mid-append more often than not
            break;
          }
        }
      }
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(seen).as("the child appended").isGreaterThanOrEqualTo(target);
      try (MerkleLog log = MerkleLog.openReadOnly(dir)) {
        assertThat(log.size()).isGreaterThanOrEqualTo(seen);
        check(log);
      }
      try (MerkleLog log = MerkleLog.open(dir)) {
        check(log);
        confirmed = log.size();
        log.append(AppendLoop.entry(confirmed));
        confirmed++;
      }
    }
    try (MerkleLog log = MerkleLog.openReadOnly(dir)) {
      assertThat(log.size()).isEqualTo(confirmed);
      check(log);
    }
  }

  private static void check(MerkleLog log) throws Exception {
    long n = log.size();
    for (long i = 0; i < n; i++) {
      assertThat(log.entry(i)).as("entry %d", i).isEqualTo(AppendLoop.entry(i));
    }
    byte[] root = log.root();
    for (long i = 0; i < n; i += Math.max(1, n / 50)) {
      InclusionProof p = log.inclusionProof(i, n);
      assertThat(Rfc9162Oracle.rootFromInclusion(log.leafHash(i), p)).isEqualTo(root);
    }
  }
}
