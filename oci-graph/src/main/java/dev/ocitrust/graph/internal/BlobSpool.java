package dev.ocitrust.graph.internal;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.Digest;
import dev.ocitrust.client.Fetcher;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Fetcher} in front of a source that reads each blob from it once, however many
 * destinations ask for it: the first {@link #fetch} of a digest downloads it (verified, as every
 * source stream is) into memory when it is small, else into a temporary file, and every fetch of it
 * then reads that copy. A fetch of a digest being downloaded waits for that download. A failed
 * download is forgotten, so a later fetch tries the source again. {@link #close()} deletes the
 * temporary files.
 *
 * <p>Thread-safe.
 */
public final class BlobSpool implements Fetcher, AutoCloseable {
  /** Blobs up to this size are kept in memory. */
  static final long IN_MEMORY = 1 << 20;

  private final Fetcher source;
  private final ConcurrentHashMap<Digest, CompletableFuture<Spooled>> blobs =
      new ConcurrentHashMap<>();
  private final AtomicInteger sourceFetches = new AtomicInteger();
  private final Object dirLock = new Object();
  private @Nullable Path dir;

  /** A spool reading from {@code source}. */
  public BlobSpool(Fetcher source) {
    this.source = source;
  }

  /** How many times the source was read (once per blob that was asked for, unless one failed). */
  public int sourceFetches() {
    return sourceFetches.get();
  }

  @Override
  public InputStream fetch(Descriptor target) throws IOException {
    Optional<byte[]> data = target.data();
    if (data.isPresent()) {
      return new ByteArrayInputStream(data.get());
    }
    CompletableFuture<Spooled> mine = new CompletableFuture<>();
    CompletableFuture<Spooled> existing = blobs.putIfAbsent(target.digest(), mine);
    if (existing == null) {
      try {
        mine.complete(download(target));
      } catch (IOException | RuntimeException e) {
        blobs.remove(target.digest(), mine);
        mine.completeExceptionally(e);
        throw e;
      }
      return mine.join().open();
    }
    try {
      return existing.get().open();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted waiting for " + target.digest());
    } catch (ExecutionException e) {
      throw Parallel.rethrow(e);
    }
  }

  private Spooled download(Descriptor target) throws IOException {
    sourceFetches.incrementAndGet();
    try (InputStream in = source.fetch(target)) {
      if (target.size() <= IN_MEMORY) {
        return new Spooled(in.readAllBytes(), null);
      }
      Path file = Files.createTempFile(dir(), "blob-", ".part");
      try (OutputStream out = Files.newOutputStream(file)) {
        in.transferTo(out);
      } catch (IOException | RuntimeException e) {
        Files.deleteIfExists(file);
        throw e;
      }
      return new Spooled(null, file);
    }
  }

  private Path dir() throws IOException {
    synchronized (dirLock) {
      if (dir == null) {
        dir = Files.createTempDirectory("ocitrust-spool-");
      }
      return dir;
    }
  }

  /** Deletes the temporary files (streams still open on them keep reading on Linux). */
  @Override
  public void close() {
    Path d;
    synchronized (dirLock) {
      d = dir;
      dir = null;
    }
    blobs.clear();
    if (d == null) {
      return;
    }
    try (var files = Files.list(d)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.deleteIfExists(f);
      }
      Files.deleteIfExists(d);
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete the spool " + d, e);
    }
  }

  /** One blob's copy: bytes in memory or a file. */
  private static final class Spooled {
    private final byte @Nullable [] bytes;
    private final @Nullable Path file;

    Spooled(byte @Nullable [] bytes, @Nullable Path file) {
      this.bytes = bytes;
      this.file = file;
    }

    InputStream open() throws IOException {
      if (bytes != null) {
        return new ByteArrayInputStream(bytes);
      }
      return Files.newInputStream(java.util.Objects.requireNonNull(file));
    }
  }
}
