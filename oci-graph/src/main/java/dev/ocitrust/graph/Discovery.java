package dev.ocitrust.graph;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.Target;
import dev.ocitrust.graph.internal.LimitedExecutor;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * Walks the artifact graph of a root in one store: its successors and its referrers, recursively,
 * as {@link DiscoveryOptions} say, into an immutable {@link ArtifactGraph}.
 *
 * <p>What the walk trusts: manifest bytes are checked against their digest whatever the store does,
 * and a referrer is kept only when its fetched manifest names the subject it was listed under, so a
 * store that lists a subject as its own referrer, or a referrer under the wrong subject, cannot
 * make the graph cyclic; such listings are reported in {@link ArtifactGraph#anomalies()}. Limits in
 * the options turn a runaway graph into a {@link GraphLimitException}. Each referrer costs one
 * manifest fetch and one referrers listing.
 *
 * <p>Thread-safe: one instance may run several walks at once. The manifests of one level of the
 * walk are fetched on the executor, at most {@code concurrency} at a time; the walking thread waits
 * and never runs on the executor itself. Without an executor the walk runs in the calling thread.
 *
 * <pre>{@code
 * Discovery discovery = Discovery.builder(registryRepo)
 *     .options(DiscoveryOptions.builder().referrerDepth(2).build())
 *     .executor(executor)
 *     .build();
 * ArtifactGraph graph = discovery.discover("v1");
 * System.out.print(GraphRenderer.tree(RenderOptions.defaults()).render(graph));
 * }</pre>
 */
public final class Discovery {
  private final Target source;
  private final DiscoveryOptions options;
  private final Executor executor;

  private Discovery(Builder b) {
    this.source = b.source;
    this.options = b.options;
    this.executor =
        b.executor == null ? Runnable::run : new LimitedExecutor(b.executor, b.concurrency);
  }

  /** A discovery over {@code source} with the default options, in the calling thread. */
  public Discovery(Target source) {
    this(builder(source));
  }

  /** A builder for a discovery over {@code source}. */
  public static Builder builder(Target source) {
    return new Builder(source);
  }

  /** The options of this discovery. */
  public DiscoveryOptions options() {
    return options;
  }

  /**
   * Walks from the manifest or index {@code root}.
   *
   * @throws GraphLimitException when the graph exceeds a limit of the options
   * @throws GraphException when the root is not a manifest, or has no manifest for the platform
   * @throws IOException when the store fails, or the root or a successor is missing or corrupt
   */
  public ArtifactGraph discover(Descriptor root) throws IOException {
    return new GraphWalk(source, options, executor).run(root);
  }

  /** Resolves {@code reference} (a tag or digest) in the store and walks from it. */
  public ArtifactGraph discover(String reference) throws IOException {
    return discover(source.resolve(reference));
  }

  /** Builds a {@link Discovery}. Not thread-safe. */
  public static final class Builder {
    private final Target source;
    private DiscoveryOptions options = DiscoveryOptions.defaults();
    private @Nullable Executor executor;
    private int concurrency = GraphCopier.defaultConcurrency();

    private Builder(Target source) {
      this.source = Objects.requireNonNull(source, "source");
    }

    /** The options (default {@link DiscoveryOptions#defaults()}). */
    public Builder options(DiscoveryOptions options) {
      this.options = Objects.requireNonNull(options, "options");
      return this;
    }

    /** Fetch on {@code executor} (not shut down by the discovery); default: the calling thread. */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /** At most this many fetches at once on the executor. */
    public Builder concurrency(int concurrency) {
      if (concurrency < 1) {
        throw new IllegalArgumentException("concurrency must be >= 1, was " + concurrency);
      }
      this.concurrency = concurrency;
      return this;
    }

    /** Builds the discovery. */
    public Discovery build() {
      return new Discovery(this);
    }
  }
}
