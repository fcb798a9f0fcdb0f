package dev.ocitrust.graph.internal;

import java.util.Deque;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs tasks on a delegate executor, at most {@code limit} at a time; the rest wait in a queue, not
 * on a thread. Urgent tasks ({@link #urgent()}) go to the head of the queue: work that unblocks
 * other work (a manifest push, a listing) does not wait behind a long queue of blob transfers.
 * Tasks must not block waiting for other tasks of the same executor (the graph code composes
 * futures instead), so a full executor can never deadlock.
 *
 * <p>Thread-safe.
 */
public final class LimitedExecutor implements Executor {
  private final Executor delegate;
  private final int limit;
  private final Deque<Runnable> queue = new ConcurrentLinkedDeque<>();
  private final Executor urgent = this::executeFirst;
  private final AtomicInteger running = new AtomicInteger();

  /** Runs at most {@code limit} tasks of this executor at once on {@code delegate}. */
  public LimitedExecutor(Executor delegate, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1, was " + limit);
    }
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.limit = limit;
  }

  /** The most tasks run at once. */
  public int limit() {
    return limit;
  }

  @Override
  public void execute(Runnable task) {
    queue.addLast(Objects.requireNonNull(task, "task"));
    startDrainer();
  }

  /** Runs {@code task} before the tasks already waiting. */
  private void executeFirst(Runnable task) {
    queue.addFirst(Objects.requireNonNull(task, "task"));
    startDrainer();
  }

  /** This executor, with every task queued first. */
  public Executor urgent() {
    return urgent;
  }

  private void startDrainer() {
    while (!queue.isEmpty()) {
      int n = running.get();
      if (n >= limit) {
        return;
      }
      if (running.compareAndSet(n, n + 1)) {
        try {
          delegate.execute(this::drain);
        } catch (RuntimeException e) {
          running.decrementAndGet();
          throw e;
        }
        return;
      }
    }
  }

  private void drain() {
    try {
      Runnable task;
      while ((task = queue.pollFirst()) != null) {
        task.run();
      }
    } finally {
      running.decrementAndGet();
      startDrainer();
    }
  }
}
