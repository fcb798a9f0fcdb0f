package dev.ocitrust.graph;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.Target;
import dev.ocitrust.graph.internal.BlobSpool;
import dev.ocitrust.graph.internal.LimitedExecutor;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One replication of a walked graph into several destinations: one {@link CopyRun} per destination,
 * all on the copier's bounded executor, all reading blobs through one {@link BlobSpool} so that the
 * source serves each blob once. Each destination is driven by a thread of its own that only waits
 * for its run (the transfers themselves run on the executor), so a destination that fails or stalls
 * holds up no other.
 *
 * <p>Used once.
 */
final class Replication {
  private final LimitedExecutor executor;
  private final Clock clock;
  private final CopyListener listener;

  Replication(LimitedExecutor executor, Clock clock, CopyListener listener) {
    this.executor = executor;
    this.clock = clock;
    this.listener = listener;
  }

  ReplicationResult run(
      Target walkSource,
      Target mountSource,
      ArtifactGraph graph,
      List<Replica> replicas,
      Instant start)
      throws IOException {
    if (replicas.isEmpty()) {
      throw new IllegalArgumentException("replicate needs at least one destination");
    }
    List<ReplicaResult> results = new ArrayList<>();
    try (BlobSpool spool = new BlobSpool(walkSource)) {
      ExecutorService drivers = Executors.newFixedThreadPool(replicas.size(), driverThreads());
      try {
        List<Future<ReplicaResult>> pending = new ArrayList<>();
        for (Replica r : replicas) {
          pending.add(drivers.submit(() -> copyInto(spool, mountSource, graph, r)));
        }
        for (Future<ReplicaResult> f : pending) {
          results.add(f.get());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while replicating");
      } catch (ExecutionException e) {
        throw dev.ocitrust.graph.internal.Parallel.rethrow(e);
      } finally {
        drivers.shutdownNow();
      }
      return new ReplicationResult(
          graph.root().descriptor(),
          graph,
          results,
          spool.sourceFetches(),
          Duration.between(start, clock.instant()));
    }
  }

  /** Copies the graph into one replica; its failure is returned, not thrown. */
  private ReplicaResult copyInto(
      BlobSpool spool, Target mountSource, ArtifactGraph graph, Replica replica) {
    Descriptor root = graph.root().descriptor();
    Target destination = replica.target();
    CopyRun run = new CopyRun(spool, mountSource, destination, listener, executor);
    run.use(graph);
    Instant t0 = clock.instant();
    try {
      if (destination.exists(root)) {
        run.alreadyThere(root);
      } else {
        run.knownAbsent(root);
      }
      run.run(graph);
      for (String tag : replica.tags()) {
        destination.tag(root, tag);
      }
      return new ReplicaResult(
          replica, run.result(root, replica.tags(), since(t0)), Optional.empty());
    } catch (IOException e) {
      return new ReplicaResult(replica, run.result(root, List.of(), since(t0)), Optional.of(e));
    } catch (UncheckedIOException e) {
      IOException cause = e.getCause();
      return new ReplicaResult(
          replica,
          run.result(root, List.of(), since(t0)),
          Optional.of(cause != null ? cause : new IOException(e.getMessage(), e)));
    }
  }

  private Duration since(Instant t0) {
    return Duration.between(t0, clock.instant());
  }

  private static java.util.concurrent.ThreadFactory driverThreads() {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "ocitrust-replica-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
