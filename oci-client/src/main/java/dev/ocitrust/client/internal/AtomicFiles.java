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
import java.util.UUID;

/**
 * Writes files so that readers see the old content or the whole new content, never a part: write to
 * a temporary file in the same folder tree, flush to disk, rename into place. Thread-safe.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Replaces {@code target} with {@code bytes} atomically. */
  public static void write(Path target, byte[] bytes) throws IOException {
    Path parent = Objects.requireNonNull(target.getParent(), () -> target + " has no parent");
    Files.createDirectories(parent);
    Path temp = parent.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
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
      Files.deleteIfExists(temp);
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
    Path temp = ingestDir.resolve(expected.digest().encoded() + "." + UUID.randomUUID() + ".tmp");
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
      Files.deleteIfExists(temp);
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
