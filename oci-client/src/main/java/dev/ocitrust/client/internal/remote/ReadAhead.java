package dev.ocitrust.client.internal.remote;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.jspecify.annotations.Nullable;

/**
 * Reads a stream ahead on its own thread into a few fixed buffers, so that reading the source (a
 * download from another registry, hashing included) overlaps with sending to the destination. At
 * most {@link #BUFFERS} buffers of {@link #BUFFER_SIZE} bytes are held. A failure of the source
 * (a verification failure included) is handed to the consumer in order, after the bytes read
 * before it, so content that fails verification is never completed.
 *
 * <p>One producer thread, one consumer; {@link #close()} stops the producer.
 */
final class ReadAhead implements AutoCloseable {
  static final int BUFFER_SIZE = 1024 * 1024;
  static final int BUFFERS = 4;

  private record Chunk(byte @Nullable [] buffer, int length, @Nullable IOException failure) {}

  private final BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(BUFFERS);
  private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS + 1);
  private final Thread thread;
  private volatile boolean closed;

  ReadAhead(InputStream source, String name) {
    thread = new Thread(() -> produce(source), name);
    thread.setDaemon(true);
    thread.start();
  }

  private void produce(InputStream source) {
    try {
      while (!closed) {
        byte[] buffer = free.poll();
        if (buffer == null) {
          buffer = new byte[BUFFER_SIZE];
        }
        int n = source.readNBytes(buffer, 0, buffer.length);
        if (n == 0) {
          full.put(new Chunk(null, -1, null));
          return;
        }
        full.put(new Chunk(buffer, n, null));
      }
    } catch (IOException e) {
      try {
        full.put(new Chunk(null, -1, e));
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Receives bytes. */
  @FunctionalInterface
  interface Sink {
    void write(byte[] buffer, int length) throws IOException;
  }

  /** Hands every byte to {@code sink} in order, then returns; rethrows the source's failure. */
  long drainTo(Sink sink) throws IOException {
    long total = 0;
    while (true) {
      Chunk c;
      try {
        c = full.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while reading ahead");
      }
      if (c.failure() != null) {
        throw c.failure();
      }
      if (c.buffer() == null) {
        return total;
      }
      sink.write(c.buffer(), c.length());
      total += c.length();
      free.offer(c.buffer());
    }
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
  }
}
