package dev.ocitrust.client;

import static dev.ocitrust.client.MockRegistry.client;
import static dev.ocitrust.client.MockRegistry.referrer;
import static dev.ocitrust.client.MockRegistry.repo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ocitrust.client.internal.remote.Referrers;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * Referrer batches of one subject pushed in parallel to a registry without the referrers API share
 * fallback-index updates, and every referrer ends up in the index.
 */
class ReferrersGroupCommitTest {
  private static final int BATCHES = 8;
  private static final int PER_BATCH = 5;
  private static final String THREAD_PREFIX = "group-commit-batch-";

  /** A registry without the referrers API that keeps one fallback index. */
  private static class FallbackRegistry extends Dispatcher {
    final String tagPath;
    final AtomicReference<byte[]> index = new AtomicReference<>();
    final AtomicInteger manifestPuts = new AtomicInteger();
    final AtomicInteger indexPuts = new AtomicInteger();
    final int batches;

    FallbackRegistry(Descriptor subject, int batches) {
      this.tagPath = "/v2/repo/manifests/" + Referrers.fallbackTag(subject.digest());
      this.batches = batches;
    }

    /** Pushing threads parked in a lock (the subject's: nothing else here takes one). */
    private static long waitingForTheLock() {
      return Thread.getAllStackTraces().entrySet().stream()
          .filter(e -> e.getKey().getName().startsWith(THREAD_PREFIX))
          .filter(e -> e.getKey().getState() == Thread.State.WAITING)
          .filter(
              e ->
                  java.util.Arrays.stream(e.getValue())
                      .anyMatch(
                          f ->
                              f.getClassName()
                                  .startsWith("java.util.concurrent.locks.ReentrantLock")))
          .count();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      String path = request.getUrl().encodedPath();
      String method = request.getMethod();
      if (path.startsWith("/v2/repo/referrers/")) {
        return MockRegistry.status(404).build();
      }
      if (path.equals(tagPath) && method.equals("GET")) {
        byte[] bytes = index.get();
        return bytes == null
            ? MockRegistry.status(404).build()
            : MockRegistry.bytes(
                200,
                bytes,
                "Content-Type",
                MediaTypes.OCI_INDEX,
                "Docker-Content-Digest",
                Digest.sha256(bytes).toString());
      }
      if (path.equals(tagPath) && method.equals("PUT")) {
        if (indexPuts.incrementAndGet() == 1) {
          // hold the first write until every other batch waits for the subject's lock
          long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
          while (waitingForTheLock() < batches - 1 && System.nanoTime() < deadline) {
            sleep(5);
          }
        }
        index.set(request.getBody().toByteArray());
        return MockRegistry.status(201).build();
      }
      if (method.equals("PUT")) {
        manifestPuts.incrementAndGet();
        return MockRegistry.status(201).build();
      }
      if (method.equals("DELETE")) {
        return MockRegistry.status(202).build();
      }
      return MockRegistry.status(400).build();
    }

    private static void sleep(long millis) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Test
  void parallelBatchesShareIndexUpdatesAndLoseNoReferrer() throws Exception {
    Descriptor subject = MockRegistry.image("group commit").descriptor();
    FallbackRegistry registry = new FallbackRegistry(subject, BATCHES);
    try (MockWebServer server = new MockWebServer();
        RegistryClient client = client().build()) {
      server.setDispatcher(registry);
      server.start();
      Repository repo = repo(client, server);
      List<List<Manifest>> batches = new ArrayList<>();
      for (int b = 0; b < BATCHES; b++) {
        List<Manifest> batch = new ArrayList<>();
        for (int i = 0; i < PER_BATCH; i++) {
          batch.add(referrer(subject, "application/vnd.example", "claim " + b + "." + i));
        }
        batches.add(batch);
      }
      ExecutorService pool = Executors.newFixedThreadPool(BATCHES, named());
      try {
        List<Future<?>> pushes = new ArrayList<>();
        for (List<Manifest> batch : batches) {
          pushes.add(
              pool.submit(
                  () -> {
                    repo.pushReferrers(subject, batch);
                    return null;
                  }));
        }
        for (Future<?> f : pushes) {
          f.get(30, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      Set<Digest> listed =
          ((ImageIndex) Manifest.parse(registry.index.get(), MediaTypes.OCI_INDEX))
              .manifests().stream().map(Descriptor::digest).collect(Collectors.toSet());
      Set<Digest> pushed =
          batches.stream()
              .flatMap(List::stream)
              .map(m -> m.descriptor().digest())
              .collect(Collectors.toSet());
      assertThat(listed).isEqualTo(pushed);
      assertThat(registry.manifestPuts).hasValue(BATCHES * PER_BATCH);
      // the first write alone, then the seven batches that queued behind it together
      assertThat(registry.indexPuts).hasValue(2);
    }
  }

  @Test
  void everyBatchInAFailedWriteSeesTheFailure() throws Exception {
    Descriptor subject = MockRegistry.image("failing index").descriptor();
    FallbackRegistry registry =
        new FallbackRegistry(subject, 2) {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            if (request.getUrl().encodedPath().equals(tagPath)
                && request.getMethod().equals("PUT")) {
              super.dispatch(request); // holds the first write like the registry above
              return MockRegistry.errorBody(400, "MANIFEST_INVALID", "refused");
            }
            return super.dispatch(request);
          }
        };
    try (MockWebServer server = new MockWebServer();
        RegistryClient client = client().build()) {
      server.setDispatcher(registry);
      server.start();
      Repository repo = repo(client, server);
      ExecutorService pool = Executors.newFixedThreadPool(2, named());
      try {
        List<Future<?>> pushes = new ArrayList<>();
        for (int b = 0; b < 2; b++) {
          List<Manifest> batch = new ArrayList<>();
          for (int i = 0; i < PER_BATCH; i++) {
            batch.add(referrer(subject, "application/vnd.example", "failing " + b + "." + i));
          }
          pushes.add(
              pool.submit(
                  () -> {
                    repo.pushReferrers(subject, batch);
                    return null;
                  }));
        }
        for (Future<?> f : pushes) {
          assertThat(f)
              .failsWithin(30, TimeUnit.SECONDS)
              .withThrowableOfType(java.util.concurrent.ExecutionException.class)
              .withCauseInstanceOf(RegistryException.class);
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  private static java.util.concurrent.ThreadFactory named() {
    AtomicInteger n = new AtomicInteger();
    return r -> new Thread(r, THREAD_PREFIX + n.incrementAndGet());
  }
}
