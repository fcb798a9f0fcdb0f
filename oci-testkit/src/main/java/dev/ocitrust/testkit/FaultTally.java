package dev.ocitrust.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * The count of fault tests behind README's fault table: each fault test records, per fault it
 * injected, whether the SDK survived it (the operation completed with the right content) or failed
 * with a typed error, and how many bytes of data were lost (must be 0). Lines are appended to
 * {@code target/fault-tally.tsv} of the module under test (the system property {@code
 * ocitrust.faultTally} names another file); {@code scripts/fault-table.sh} sums every module's file
 * into the table.
 *
 * <p>Stateless and thread-safe: each record is one locked append.
 *
 * <pre>{@code
 * FaultTally.record(getClass(), "cut mid-blob on download", FaultTally.Outcome.SURVIVED, 0);
 * }</pre>
 */
public final class FaultTally {
  /** What a fault did to the operation under test. */
  public enum Outcome {
    /** The operation completed, content verified. */
    SURVIVED,
    /** The operation failed with the SDK's typed error naming what and where. */
    TYPED_ERROR,
    /** Anything else (an untyped error, a hang): a defect. */
    UNTYPED_ERROR
  }

  private FaultTally() {}

  /**
   * Records one injected fault of {@code test}: its description, what it did, bytes lost.
   *
   * @throws UncheckedIOException when the tally file cannot be written
   */
  public static void record(Class<?> test, String fault, Outcome outcome, long bytesLost) {
    Objects.requireNonNull(outcome, "outcome");
    if (fault.isBlank() || fault.contains("\t") || fault.contains("\n")) {
      throw new IllegalArgumentException("a one-line fault description is needed");
    }
    String line = test.getSimpleName() + "\t" + fault + "\t" + outcome + "\t" + bytesLost + "\n";
    Path file = Path.of(System.getProperty("ocitrust.faultTally", "target/fault-tally.tsv"));
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try (FileChannel ch =
          FileChannel.open(
              file,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.APPEND)) {
        FileLock lock = ch.lock();
        try {
          ch.write(java.nio.ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
        } finally {
          lock.release();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("fault tally " + file + " not written", e);
    }
  }
}
