package dev.ocitrust.graph.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/** Runs I/O work on an executor: one task as a future, or a list mapped and waited for. */
public final class Parallel {
  private Parallel() {}

  /** An I/O computation. */
  @FunctionalInterface
  public interface IoSupplier<T> {
    /** Computes the result (null for a {@code Void} task). */
    @Nullable T get() throws IOException;
  }

  /** An I/O function. */
  @FunctionalInterface
  public interface IoFunction<T, R> {
    /** Applies the function. */
    R apply(T t) throws IOException;
  }

  /**
   * Applies {@code fn} to every item on {@code executor} and returns the results in item order.
   * Waits for every task, then throws the first failure (an {@link IOException} as itself).
   */
  public static <T, R> List<R> map(Executor executor, List<T> items, IoFunction<T, R> fn)
      throws IOException {
    if (items.size() <= 1) {
      List<R> out = new ArrayList<>(items.size());
      for (T item : items) {
        out.add(fn.apply(item));
      }
      return out;
    }
    List<CompletableFuture<R>> futures = new ArrayList<>(items.size());
    for (T item : items) {
      futures.add(supply(executor, () -> fn.apply(item)));
    }
    await(CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)));
    List<R> out = new ArrayList<>(items.size());
    for (CompletableFuture<R> f : futures) {
      out.add(f.join());
    }
    return out;
  }

  /**
   * Runs {@code task} on {@code executor}. The future fails with what the task throws; an {@link
   * IOException} arrives wrapped in a {@link CompletionException}, which {@link #await}, {@link
   * #rethrow} and {@link #unwrap} strip.
   */
  public static <T> CompletableFuture<T> supply(Executor executor, IoSupplier<T> task) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return task.get();
          } catch (IOException e) {
            throw new CompletionException(e);
          }
        },
        executor);
  }

  /** Waits for {@code future}, rethrowing its failure as thrown by the task. */
  public static <T> T await(CompletableFuture<T> future) throws IOException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      InterruptedIOException io = new InterruptedIOException("interrupted while waiting");
      io.initCause(e);
      throw io;
    } catch (ExecutionException e) {
      throw rethrow(e); // unwrap strips the ExecutionException
    }
  }

  /** Unwraps completion wrappers and rethrows an unchecked cause; returns an IOException. */
  public static IOException rethrow(Throwable t) {
    Throwable cause = unwrap(t);
    if (cause instanceof IOException io) {
      return io;
    }
    if (cause instanceof RuntimeException re) {
      throw re;
    }
    if (cause instanceof Error err) {
      throw err;
    }
    return new IOException(cause);
  }

  /** Strips {@link CompletionException} and {@link ExecutionException} wrappers. */
  public static Throwable unwrap(Throwable t) {
    Throwable cause = t;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }
}
