package dev.ocitrust.client.internal;

import dev.ocitrust.client.Descriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes files so that readers see the old content or the whole new content, never a part: write to
 * a temporary file in the same folder tree, flush to disk, rename into place. Thread-safe.
 *
 * <p>Temporary files are named {@code <name>.<pid>.<random>.tmp}, after the process that writes
 * them, and are deleted when the write ends, when the JVM shuts down (SIGINT, SIGTERM, {@code
 * System.exit}) while a write is under way, and by {@link #removeAbandoned} once their process is
 * gone (a killed process cannot clean up after itself).
 */
public final class AtomicFiles {
  private static final String SUFFIX = ".tmp";
  private static final long PID = ProcessHandle.current().pid();

  private AtomicFiles() {}

  /**
   * The temporary files being written by this process, deleted by one shutdown hook if the JVM
   * exits during a write. Process-wide by nature, like {@link java.io.File#deleteOnExit()}, but
   * each entry is removed when its write ends.
   */
  private static final class InFlight {
    static final Set<Path> FILES = ConcurrentHashMap.newKeySet();

    static {
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    for (Path p : FILES) {
                      try {
                        Files.deleteIfExists(p);
                      } catch (IOException e) {
                        // the JVM is exiting; the next open removes what is left
                      }
                    }
                  },
                  "ocitrust-temporary-files"));
    }
  }

  private static Path temporary(Path dir, String name) {
    Path temp = dir.resolve(name + "." + PID + "." + UUID.randomUUID() + SUFFIX);
    InFlight.FILES.add(temp);
    return temp;
  }

  private static void done(Path temp) throws IOException {
    try {
      Files.deleteIfExists(temp);
    } finally {
      InFlight.FILES.remove(temp);
    }
  }

  /**
   * Deletes the temporary files in {@code dir} left by processes that no longer run (and, of the
   * older unnamed kind, those older than a day); returns how many were deleted. Files of running
   * processes, this one included, are left alone.
   */
  public static int removeAbandoned(Path dir) throws IOException {
    if (!Files.isDirectory(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return 0;
    }
    int removed = 0;
    try (java.nio.file.DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
      for (Path f : files) {
        if (abandoned(f)) {
          removed += Files.deleteIfExists(f) ? 1 : 0;
        }
      }
    }
    return removed;
  }

  private static boolean abandoned(Path f) throws IOException {
    String[] parts = f.getFileName().toString().split("\\.", -1);
    // <name>.<pid>.<uuid>.tmp: the pid is the second field from the end but one
    if (parts.length >= 4) {
      try {
        long pid = Long.parseLong(parts[parts.length - 3]);
        return pid != PID && ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
      } catch (NumberFormatException e) {
        // an older name without a pid
      }
    }
    java.nio.file.attribute.FileTime modified = Files.getLastModifiedTime(f);
    return modified
        .toInstant()
        .isBefore(java.time.Instant.now().minus(java.time.Duration.ofDays(1)));
  }

  /** Replaces {@code target} with {@code bytes} atomically. */
  public static void write(Path target, byte[] bytes) throws IOException {
    Path parent = Objects.requireNonNull(target.getParent(), () -> target + " has no parent");
    Files.createDirectories(parent);
    Path temp = temporary(parent, "." + target.getFileName());
    try {
      try (FileChannel channel =
          FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      move(temp, target);
    } finally {
      done(temp);
    }
  }

  /**
   * Streams {@code content} into {@code target} through a temporary file under {@code ingestDir},
   * verifying it against {@code expected}; on any failure nothing is left at {@code target}.
   */
  public static void writeVerified(
      Path ingestDir, Path target, InputStream content, Descriptor expected) throws IOException {
    Files.createDirectories(ingestDir);
    Files.createDirectories(target.getParent());
    Path temp = temporary(ingestDir, expected.digest().encoded());
    try {
      // The caller's stream is read but not closed: it belongs to the caller.
      InputStream in = VerifiedContent.verifying(content, expected, "push " + target);
      try (FileChannel channel =
              FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
          OutputStream out = Channels.newOutputStream(channel)) {
        in.transferTo(out);
        channel.force(true);
      }
      move(temp, target);
    } finally {
      done(temp);
    }
  }

  private static void move(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("the file system of " + target + " cannot rename atomically", e);
    }
  }
}
