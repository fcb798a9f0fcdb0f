package dev.ocitrust.graph.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LimitedExecutorTest {
  @Test
  void neverRunsMoreThanTheLimitAndRunsEverything() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      LimitedExecutor limited = new LimitedExecutor(pool, 3);
      AtomicInteger running = new AtomicInteger();
      AtomicInteger peak = new AtomicInteger();
      CountDownLatch done = new CountDownLatch(100);
      for (int i = 0; i < 100; i++) {
        limited.execute(
            () -> {
              peak.accumulateAndGet(running.incrementAndGet(), Math::max);
              try {
                Thread.sleep(1);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              running.decrementAndGet();
              done.countDown();
            });
      }
      assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(peak.get()).isBetween(1, 3);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void urgentTasksGoFirst() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      LimitedExecutor limited = new LimitedExecutor(pool, 1);
      CountDownLatch gate = new CountDownLatch(1);
      List<String> order = new CopyOnWriteArrayList<>();
      limited.execute(
          () -> {
            try {
              gate.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
      limited.execute(() -> order.add("blob 1"));
      limited.execute(() -> order.add("blob 2"));
      limited.urgent().execute(() -> order.add("manifest"));
      CountDownLatch end = new CountDownLatch(1);
      limited.execute(end::countDown);
      gate.countDown();
      assertThat(end.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(order).containsExactly("manifest", "blob 1", "blob 2");
    } finally {
      pool.shutdownNow();
    }
  }
}
