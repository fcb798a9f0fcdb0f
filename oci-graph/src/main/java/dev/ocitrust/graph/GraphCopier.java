package dev.ocitrust.graph;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.ImageIndex;
import dev.ocitrust.client.Manifest;
import dev.ocitrust.client.MediaTypes;
import dev.ocitrust.client.Target;
import dev.ocitrust.graph.internal.LimitedExecutor;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Copies an artifact with everything it names, and on request everything that refers to it, between
 * any two {@link Target}s (OCI layout, memory, registry repository), keeping every digest:
 * manifests are pushed as the exact bytes fetched, blobs are streamed, never held whole.
 *
 * <p>How a copy runs:
 *
 * <ol>
 *   <li>The source graph is walked ({@link Discovery}, manifests fetched in parallel and kept, at
 *       most 4 MiB each and {@code maxManifestBytes} in all). When the destination does not have
 *       the root yet, blobs start moving as soon as the walk finds them, while it goes on (a blob
 *       of a referrer the walk then rejects as an anomaly may so arrive in the destination
 *       unreferenced, for its garbage collection).
 *   <li>Each node is handled once, however many manifests share it. A manifest is checked in the
 *       destination first; one already there is trusted to be complete and its successors are not
 *       visited. A blob is pushed directly with a stream that opens the source only when read: the
 *       store's own existence check on push (part of the {@link dev.ocitrust.client.Storage}
 *       contract) skips it without a fetch and without a second request. Children are pushed before
 *       the manifests naming them, and subjects before their referrers.
 *   <li>Blobs are mounted when the destination is a {@link dev.ocitrust.client.BlobMounter} that
 *       can mount from the source; else fetched and pushed as a stream (through the upload session
 *       the registry's refusal of the mount opened).
 *   <li>Referrers are listed once per subject in the destination and the missing ones pushed with
 *       {@link Target#pushReferrers}, one call per subject, so a registry without the referrers API
 *       updates its fallback index once per subject, not once per referrer. A subject with many
 *       missing referrers (at least 32) is split into batches of at least 16, at most one per
 *       worker, pushed in parallel: one index update per batch.
 *   <li>Tags are set last, only when everything else is there. A failed copy ({@link
 *       CopyFailedException}) leaves complete content and no new tag; running it again transfers
 *       only what is missing.
 * </ol>
 *
 * <p>Concurrency: transfers run on the executor, at most {@code concurrency} at a time. No task
 * waits for another (a manifest's push is scheduled when its children's futures complete), so the
 * bounded pool cannot deadlock. Without an injected executor the copier owns a pool of {@code
 * concurrency} daemon threads, shut down by {@link #close()}; an injected executor is never shut
 * down.
 *
 * <p>Thread-safe: one copier may run several copies at once.
 *
 * <pre>{@code
 * try (GraphCopier copier = GraphCopier.builder().concurrency(8).build()) {
 *   CopyResult r = copier.copy(source, "v1", destination,
 *       CopyOptions.builder().referrerDepth(DiscoveryOptions.UNLIMITED).tag("v1").build());
 * }
 * }</pre>
 */
public final class GraphCopier implements AutoCloseable {
  private final @Nullable ExecutorService owned;
  private final LimitedExecutor executor;
  private final Clock clock;

  private GraphCopier(Builder b) {
    this.clock = b.clock;
    Executor base = b.executor;
    if (base == null) {
      owned = Executors.newFixedThreadPool(b.concurrency, daemonThreads());
      base = owned;
    } else {
      owned = null;
    }
    this.executor = new LimitedExecutor(base, b.concurrency);
  }

  /** A copier with its own pool of {@link #defaultConcurrency()} threads. */
  public static GraphCopier create() {
    return builder().build();
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The default number of concurrent transfers: twice the processors, at least 8 and at most 16.
   * The work waits on the network and on registries far more than on this machine's processors; on
   * two cores, 8 copied a 200-referrer graph between two local registries about 10% faster than 4.
   */
  public static int defaultConcurrency() {
    return Math.min(16, Math.max(8, 2 * Runtime.getRuntime().availableProcessors()));
  }

  /** The most transfers run at once. */
  public int concurrency() {
    return executor.limit();
  }

  /**
   * Resolves {@code reference} in {@code source} and copies it; see {@link #copy(Target,
   * Descriptor, Target, CopyOptions)}.
   */
  public CopyResult copy(Target source, String reference, Target destination, CopyOptions options)
      throws IOException {
    return copy(source, source.resolve(reference), destination, options);
  }

  /**
   * Copies {@code root} from {@code source} to {@code destination} as {@code options} say.
   *
   * @return what was done; {@link CopyResult#root()} is the root in the destination
   * @throws CopyFailedException when a transfer failed (the cause says which); nothing was tagged
   * @throws GraphException when the graph exceeds a limit or the platform is not in the index
   * @throws IOException when walking the source fails
   */
  public CopyResult copy(Target source, Descriptor root, Target destination, CopyOptions options)
      throws IOException {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(options, "options");
    Instant start = clock.instant();
    Selected selected = select(source, root, options);
    Target walkSource = selected.source();
    Descriptor walkRoot = selected.root();
    DiscoveryOptions walk =
        DiscoveryOptions.walk(options.referrerDepth(), options.filter(), options.limits());
    CopyRun run = new CopyRun(walkSource, source, destination, options.listener(), executor);
    ArtifactGraph graph;
    try {
      // Into a destination without the root, every blob will be needed: start them as they are
      // found. A destination with the root (a re-run) is walked first and pruned from the root.
      boolean fresh = !destination.exists(walkRoot);
      if (fresh) {
        run.knownAbsent(walkRoot);
      } else {
        run.alreadyThere(walkRoot);
      }
      graph =
          new GraphWalk(walkSource, walk, executor.urgent(), fresh ? run::prestart : blob -> {})
              .run(walkRoot);
    } catch (IOException | RuntimeException e) {
      run.abandon(e);
      throw e;
    }
    try {
      run.run(graph);
    } catch (IOException | RuntimeException e) {
      Duration d = Duration.between(start, clock.instant());
      throw new CopyFailedException(
          "copy of " + walkRoot.digest() + " failed: " + e.getMessage(),
          run.result(walkRoot, List.of(), d),
          e);
    }
    for (String tag : options.tags()) {
      destination.tag(walkRoot, tag);
    }
    return run.result(walkRoot, options.tags(), Duration.between(start, clock.instant()));
  }

  /**
   * Copies {@code root} from {@code source} into every one of {@code replicas} in one run, as
   * {@code options} say (their tags are ignored: each replica has its own). The source graph is
   * walked once and each of its blobs read from it at most once (small blobs kept in memory, larger
   * ones in a temporary file until the run ends), while the destinations are written concurrently
   * on this copier's executor. A destination that fails does not stop the others: its {@link
   * ReplicaResult} carries the failure, it keeps complete content and no new tag, and replicating
   * again transfers only what it lacks.
   *
   * <pre>{@code
   * ReplicationResult r = copier.replicate(source, source.resolve("v1"),
   *     List.of(new Replica("eu", eu, List.of("v1")), new Replica("us", us, List.of("v1"))),
   *     CopyOptions.withReferrers());
   * }</pre>
   *
   * @return the result per replica, in their order
   * @throws GraphException when the graph exceeds a limit or the platform is not in the index
   * @throws IOException when walking the source fails (nothing was written then)
   * @throws IllegalArgumentException when {@code replicas} is empty or names one store twice
   */
  public ReplicationResult replicate(
      Target source, Descriptor root, List<Replica> replicas, CopyOptions options)
      throws IOException {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(options, "options");
    Instant start = clock.instant();
    Selected selected = select(source, root, options);
    DiscoveryOptions walk =
        DiscoveryOptions.walk(options.referrerDepth(), options.filter(), options.limits());
    ArtifactGraph graph =
        new GraphWalk(selected.source(), walk, executor.urgent(), blob -> {}).run(selected.root());
    return new Replication(executor, clock, options.listener())
        .run(selected.source(), source, graph, replicas, start);
  }

  /** The source and root a copy walks: a platform's manifest, or a filtered index, or the root. */
  private record Selected(Target source, Descriptor root) {}

  private static Selected select(Target source, Descriptor root, CopyOptions options)
      throws IOException {
    if (options.platform().isEmpty() || !MediaTypes.isIndex(root.mediaType())) {
      return new Selected(source, root);
    }
    ImageIndex index = fetchIndex(source, root);
    List<Descriptor> chosen = GraphWalk.entriesFor(index, options.platform().get());
    if (options.platformMode() == PlatformMode.SELECT_MANIFEST) {
      return new Selected(source, chosen.get(0));
    }
    if (chosen.size() == index.manifests().size()) {
      return new Selected(source, root);
    }
    ImageIndex filtered =
        ImageIndex.builder()
            .manifests(chosen)
            .artifactType(index.artifactType().orElse(null))
            .subject(index.subject().orElse(null))
            .annotations(index.annotations())
            .build();
    return new Selected(new OverlayTarget(source, filtered), filtered.descriptor());
  }

  private static ImageIndex fetchIndex(Target source, Descriptor root) throws IOException {
    Manifest m = Manifest.parse(root, source.fetchBytes(root, Manifest.MAX_BYTES));
    if (!(m instanceof ImageIndex index)) {
      throw new GraphException(root.digest() + " is not an index");
    }
    return index;
  }

  /** Shuts down the pool the copier owns (not an injected executor). */
  @Override
  public void close() {
    if (owned != null) {
      owned.shutdown();
    }
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "ocitrust-copy-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** Builds a {@link GraphCopier}. Not thread-safe. */
  public static final class Builder {
    private @Nullable Executor executor;
    private int concurrency = defaultConcurrency();
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** Run transfers on {@code executor}, which the copier never shuts down. */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /** At most this many transfers at once (default {@link #defaultConcurrency()}). */
    public Builder concurrency(int concurrency) {
      if (concurrency < 1) {
        throw new IllegalArgumentException("concurrency must be >= 1, was " + concurrency);
      }
      this.concurrency = concurrency;
      return this;
    }

    /** The clock durations are measured with (default the system clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Builds the copier. */
    public GraphCopier build() {
      return new GraphCopier(this);
    }
  }
}
