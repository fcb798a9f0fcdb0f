package dev.ocitrust.graph;

import dev.ocitrust.client.BlobMounter;
import dev.ocitrust.client.ContentStreams;
import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.Digest;
import dev.ocitrust.client.Fetcher;
import dev.ocitrust.client.Manifest;
import dev.ocitrust.client.Target;
import dev.ocitrust.graph.internal.LimitedExecutor;
import dev.ocitrust.graph.internal.Parallel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * One copy of a discovered graph into a destination, scheduled bottom-up with futures: a node's
 * push is a task that starts once the futures of what it names have completed, so no worker ever
 * waits for another task and a bounded executor cannot deadlock. Each digest gets one future (one
 * existence check, one transfer). Referrers are pushed per subject with {@link
 * Target#pushReferrers} once the subject and the referrers' own content are there.
 *
 * <p>Used once; its methods are called from the executor's threads.
 */
final class CopyRun {
  private final Fetcher source;
  private final Target mountSource;
  private final Target destination;
  private volatile @Nullable ArtifactGraph graph;
  private volatile @Nullable Digest knownAbsent;
  private final CopyListener listener;
  private final LimitedExecutor executor;

  /** The fewest referrers of one subject per batch when a subject's referrers are split. */
  static final int MIN_BATCH = 16;

  private final Map<Digest, CompletableFuture<Void>> present = new ConcurrentHashMap<>();
  private final AtomicInteger copied = new AtomicInteger();
  private final AtomicInteger skipped = new AtomicInteger();
  private final AtomicInteger mounted = new AtomicInteger();
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();

  CopyRun(
      Fetcher source,
      Target mountSource,
      Target destination,
      CopyListener listener,
      LimitedExecutor executor) {
    this.source = source;
    this.mountSource = mountSource;
    this.destination = destination;
    this.listener = listener;
    this.executor = executor;
  }

  /**
   * Starts pushing a blob the walk just found, before the walk is over, so that transfers overlap
   * the rest of the walk. A blob has no successors, so it needs nothing of the graph.
   */
  @SuppressWarnings("FutureReturnValueIgnored") // present() records a failure with fail()
  void prestart(Descriptor blob) {
    if (failure.get() == null) {
      present(new GraphNode(blob, 0, null));
    }
  }

  /** Records that the destination lacks {@code node} (checked already): it is not checked again. */
  void knownAbsent(Descriptor node) {
    knownAbsent = node.digest();
  }

  /**
   * Records that the destination has {@code node} (checked already): nothing below it is visited.
   */
  void alreadyThere(Descriptor node) {
    if (present.putIfAbsent(node.digest(), CompletableFuture.completedFuture(null)) == null) {
      skipped.incrementAndGet();
      listener.onSkipped(node);
    }
  }

  /** Called when the walk failed: starts nothing more and waits for the blobs already started. */
  void abandon(Throwable cause) {
    failure.compareAndSet(null, cause);
    try {
      Parallel.await(CompletableFuture.allOf(present.values().toArray(CompletableFuture[]::new)));
    } catch (IOException | RuntimeException ignored) {
      // the walk's failure is the one reported
    }
  }

  /** Sets the graph before {@link #run}, so that {@link #result} works if the run never starts. */
  void use(ArtifactGraph walked) {
    this.graph = walked;
  }

  /** Copies everything of {@code walked}; returns normally only when all of it is there. */
  void run(ArtifactGraph walked) throws IOException {
    this.graph = walked;
    Map<Digest, CompletableFuture<Void>> ready = new HashMap<>();
    List<CompletableFuture<Void>> all = new ArrayList<>();
    List<GraphNode> order = walked.bottomUp();
    for (GraphNode n : order) {
      if (walked.subject(n.digest()).isEmpty()
          && (n.equals(walked.root()) || !walked.referrers(n.digest()).isEmpty())) {
        CompletableFuture<Void> f = present(n);
        ready.put(n.digest(), f);
        all.add(f);
      }
    }
    for (GraphNode n : order) {
      List<GraphNode> referrers = walked.referrers(n.digest());
      if (referrers.isEmpty()) {
        continue;
      }
      CompletableFuture<Void> subjectReady = ready.get(n.digest());
      if (subjectReady == null) {
        throw new IllegalStateException("no schedule for subject " + n.digest());
      }
      CompletableFuture<Void> group = subjectReady.thenCompose(v -> pushGroup(n, referrers));
      for (GraphNode r : referrers) {
        ready.put(r.digest(), group);
      }
      all.add(group);
    }
    try {
      Parallel.await(CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)));
      // blobs started during the walk for referrers it then rejected
      Parallel.await(CompletableFuture.allOf(present.values().toArray(CompletableFuture[]::new)));
    } catch (IOException | RuntimeException e) {
      Throwable first = failure.get();
      if (first != null && first != e) {
        throw Parallel.rethrow(first);
      }
      throw e;
    }
  }

  /** What the run did so far; only after {@link #run}. */
  CopyResult result(Descriptor root, List<String> tags, Duration duration) {
    return new CopyResult(
        root, graph(), copied.get(), bytes.get(), skipped.get(), mounted.get(), tags, duration);
  }

  /** The future of {@code n} being in the destination, made once per digest. */
  @SuppressWarnings("FutureReturnValueIgnored") // whenComplete hands the outcome to mine and fail()
  private CompletableFuture<Void> present(GraphNode n) {
    CompletableFuture<Void> mine = new CompletableFuture<>();
    CompletableFuture<Void> existing = present.putIfAbsent(n.digest(), mine);
    if (existing != null) {
      return existing;
    }
    // A blob is mounted or pushed straight away: every store checks existence itself on push (the
    // Storage contract) and our stream opens the source only when read, so a separate check would
    // cost one more request per blob. A mount of a blob already there is harmless.
    boolean checkFirst = n.isManifest() && !n.digest().equals(knownAbsent);
    async(
            n.isManifest(),
            () -> {
              checkNotFailed();
              return checkFirst && destination.exists(n.descriptor());
            })
        .thenCompose(
            there -> {
              if (there) {
                skipped.incrementAndGet();
                listener.onSkipped(n.descriptor());
                return CompletableFuture.<Void>completedFuture(null);
              }
              List<CompletableFuture<Void>> children = new ArrayList<>();
              if (n.isManifest()) {
                for (GraphNode child : graph().successors(n.digest())) {
                  children.add(present(child));
                }
              }
              return CompletableFuture.allOf(children.toArray(CompletableFuture[]::new))
                  .thenCompose(
                      v ->
                          async(
                              n.isManifest(),
                              () -> {
                                transfer(n);
                                return null;
                              }));
            })
        .whenComplete(
            (v, t) -> {
              if (t == null) {
                mine.complete(null);
              } else {
                fail(t);
                mine.completeExceptionally(t);
              }
            });
    return mine;
  }

  /**
   * Pushes the referrers of {@code subject} that the destination does not list yet, as one batch.
   */
  private CompletableFuture<Void> pushGroup(GraphNode subject, List<GraphNode> referrers) {
    return async(
            true,
            () -> {
              checkNotFailed();
              return destination.referrers(subject.descriptor(), null);
            })
        .thenCompose(
            listed -> {
              Set<Digest> there = new HashSet<>();
              listed.forEach(d -> there.add(d.digest()));
              List<GraphNode> missing = new ArrayList<>();
              for (GraphNode r : referrers) {
                if (there.contains(r.digest())) {
                  skipped.incrementAndGet();
                  listener.onSkipped(r.descriptor());
                } else {
                  missing.add(r);
                }
              }
              if (missing.isEmpty()) {
                return CompletableFuture.<Void>completedFuture(null);
              }
              List<CompletableFuture<Void>> batches = new ArrayList<>();
              for (List<GraphNode> batch : split(missing)) {
                List<CompletableFuture<Void>> content = new ArrayList<>();
                for (GraphNode r : batch) {
                  for (GraphNode child : graph().successors(r.digest())) {
                    content.add(present(child));
                  }
                }
                batches.add(
                    CompletableFuture.allOf(content.toArray(CompletableFuture[]::new))
                        .thenCompose(
                            v ->
                                async(
                                    true,
                                    () -> {
                                      pushReferrers(subject, batch);
                                      return null;
                                    })));
              }
              return CompletableFuture.allOf(batches.toArray(CompletableFuture[]::new));
            })
        .whenComplete(
            (v, t) -> {
              if (t != null) {
                fail(t);
              }
            });
  }

  /**
   * Splits the missing referrers of one subject into batches pushed in parallel: at most one per
   * worker and at least {@link #MIN_BATCH} referrers each, so a subject with a few referrers gets
   * one batch (one fallback-index update) and one with hundreds does not push them all from one
   * thread.
   */
  private List<List<GraphNode>> split(List<GraphNode> missing) {
    int parts = Math.max(1, Math.min(executor.limit(), missing.size() / MIN_BATCH));
    int size = (missing.size() + parts - 1) / parts;
    List<List<GraphNode>> batches = new ArrayList<>();
    for (int i = 0; i < missing.size(); i += size) {
      batches.add(List.copyOf(missing.subList(i, Math.min(missing.size(), i + size))));
    }
    return batches;
  }

  private void pushReferrers(GraphNode subject, List<GraphNode> missing) throws IOException {
    checkNotFailed();
    List<Manifest> manifests = new ArrayList<>(missing.size());
    for (GraphNode r : missing) {
      manifests.add(manifestOf(r));
      listener.onStart(r.descriptor());
    }
    destination.pushReferrers(subject.descriptor(), manifests);
    for (GraphNode r : missing) {
      copied.incrementAndGet();
      bytes.addAndGet(r.size());
      listener.onBytes(r.descriptor(), r.size());
      listener.onCopied(r.descriptor());
    }
  }

  private void transfer(GraphNode n) throws IOException {
    checkNotFailed();
    Descriptor d = n.descriptor();
    listener.onStart(d);
    if (n.isManifest()) {
      destination.push(d, manifestOf(n).bytes());
      bytes.addAndGet(d.size());
      listener.onBytes(d, d.size());
    } else {
      Optional<byte[]> embedded = d.data();
      AtomicBoolean opened = new AtomicBoolean();
      InputStream in =
          ContentStreams.lazy(
              () -> {
                opened.set(true);
                InputStream raw =
                    embedded.isPresent()
                        ? new ByteArrayInputStream(embedded.get())
                        : source.fetch(d);
                return ContentStreams.counting(
                    raw,
                    count -> {
                      bytes.addAndGet(count);
                      listener.onBytes(d, count);
                    });
              });
      try (in) {
        if (!(destination instanceof BlobMounter m)) {
          destination.push(d, in);
        } else if (m.mountOrPush(d, mountSource, in)) {
          mounted.incrementAndGet();
          listener.onMounted(d);
          return;
        }
      }
      if (!opened.get()) {
        skipped.incrementAndGet();
        listener.onSkipped(d);
        return;
      }
    }
    copied.incrementAndGet();
    listener.onCopied(d);
  }

  private ArtifactGraph graph() {
    ArtifactGraph g = graph;
    if (g == null) {
      throw new IllegalStateException("the walk is not over");
    }
    return g;
  }

  private static Manifest manifestOf(GraphNode n) throws GraphException {
    return n.manifest()
        .orElseThrow(
            () -> new GraphException("manifest " + n.digest() + " was not fetched by the walk"));
  }

  private void checkNotFailed() {
    if (failure.get() != null) {
      throw new CancellationException("the copy failed; not starting more transfers");
    }
  }

  private void fail(Throwable t) {
    Throwable cause = Parallel.unwrap(t);
    if (!(cause instanceof CancellationException)) {
      failure.compareAndSet(null, cause);
    }
  }

  /**
   * An I/O task on the executor; urgent ones (manifests and listings, which unblock other work) go
   * ahead of queued blob transfers.
   */
  private <T> CompletableFuture<T> async(boolean urgent, Parallel.IoSupplier<T> task) {
    return Parallel.supply(urgent ? executor.urgent() : executor, task);
  }
}
