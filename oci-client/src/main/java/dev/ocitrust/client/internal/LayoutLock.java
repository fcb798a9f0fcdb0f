package dev.ocitrust.client.internal;

import dev.ocitrust.client.OciException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * An exclusive advisory lock ({@code fcntl}/{@code flock} through {@link FileChannel#tryLock()}) on
 * a file of an OCI image layout, held while a writer reads, changes and replaces {@code
 * index.json}, so that processes writing one layout at once do not lose each other's entries. The
 * file locked is the layout's {@code oci-layout}, which every layout has and nothing rewrites, so
 * no extra file is added. Waiting is bounded: a lock not obtained within the timeout is an error
 * naming the layout. Another instance in the same process holding the lock counts as held (the JVM
 * refuses overlapping locks with {@link OverlappingFileLockException}) and is waited for the same
 * way.
 *
 * <p>Not thread-safe: one holder, closed by it.
 */
public final class LayoutLock implements AutoCloseable {
  private static final long POLL_MILLIS = 5;

  private final FileChannel channel;
  private final FileLock lock;

  private LayoutLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Locks {@code file} (which must exist), waiting at most {@code timeout}.
   *
   * @throws OciException when another process held it all that time
   */
  public static LayoutLock acquire(Path file, Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE);
    try {
      while (true) {
        FileLock lock;
        try {
          lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
          lock = null;
        }
        if (lock != null) {
          return new LayoutLock(channel, lock);
        }
        if (System.nanoTime() > deadline) {
          throw new OciException(
              file.getParent()
                  + ": another writer held the lock on "
                  + file.getFileName()
                  + " (taken around index.json updates) for more than "
                  + timeout.toSeconds()
                  + " s");
        }
        try {
          Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted waiting for the lock on " + file);
        }
      }
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }
}
