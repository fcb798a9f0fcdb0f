package dev.ocitrust.graph;

import static dev.ocitrust.graph.Fixtures.SBOM;
import static dev.ocitrust.graph.Fixtures.SIG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.ImageManifest;
import dev.ocitrust.client.MediaTypes;
import dev.ocitrust.client.MemoryStore;
import dev.ocitrust.client.Target;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReplicationTest {
  private final GraphCopier copier = GraphCopier.builder().concurrency(4).build();

  @AfterEach
  void close() {
    copier.close();
  }

  /** A store whose pushes fail while {@link #broken} is set, as a registry that went away. */
  static final class Breakable extends CountingTarget {
    final AtomicBoolean broken = new AtomicBoolean();

    Breakable() {
      super(new MemoryStore());
    }

    @Override
    public void push(Descriptor expected, InputStream content) throws IOException {
      if (broken.get()) {
        throw new IOException("injected: destination down");
      }
      super.push(expected, content);
    }
  }

  /** An image with a big layer, an SBOM and a signature on each. */
  private static Descriptor graph(MemoryStore store) throws IOException {
    Descriptor big =
        Fixtures.blob(store, MediaTypes.OCI_LAYER_TAR, "x".repeat(1_200_000)); // spooled to a file
    ImageManifest image = Fixtures.image(store, "amd64", big);
    store.tag(image.descriptor(), "v1");
    ImageManifest sbom = Fixtures.referrer(store, image.descriptor(), SBOM, "{\"spdx\":1}");
    Fixtures.referrer(store, image.descriptor(), SIG, "sig of image");
    Fixtures.referrer(store, sbom.descriptor(), SIG, "sig of sbom");
    return image.descriptor();
  }

  /** The blobs a copy reads from the source: all but those embedded in their descriptor. */
  private static int fetchedBlobs(ArtifactGraph graph) {
    return (int)
        graph.nodes().stream()
            .filter(n -> !n.isManifest() && n.descriptor().data().isEmpty())
            .count();
  }

  @Test
  void readsEachSourceBlobOnceForAllDestinations() throws IOException {
    MemoryStore store = new MemoryStore();
    Descriptor root = graph(store);
    CountingTarget src = new CountingTarget(store);
    List<Replica> replicas = new ArrayList<>();
    for (String name : List.of("a", "b", "c")) {
      replicas.add(new Replica(name, new CountingTarget(new MemoryStore()), List.of("v1")));
    }
    ReplicationResult r = copier.replicate(src, root, replicas, CopyOptions.withReferrers());

    assertThat(r.allSucceeded()).isTrue();
    assertThat(r.replicas()).extracting(x -> x.replica().name()).containsExactly("a", "b", "c");
    int blobs = fetchedBlobs(r.graph());
    // every manifest read once by the walk, every blob once for the three destinations
    assertThat(src.fetches.values()).allMatch(n -> n.get() == 1);
    assertThat(r.sourceBlobReads()).isEqualTo(blobs);
    for (ReplicaResult x : r.replicas()) {
      Fixtures.assertCopiedNodeByNode(r.graph(), store, x.replica().target());
      assertThat(x.replica().target().resolve("v1")).isEqualTo(root);
      assertThat(x.copy().nodesCopied()).isEqualTo(r.graph().nodes().size());
    }
  }

  @Test
  void aFailingDestinationStopsNoOtherAndARerunFinishesIt() throws IOException {
    MemoryStore store = new MemoryStore();
    Descriptor root = graph(store);
    Breakable down = new Breakable();
    down.broken.set(true);
    MemoryStore up = new MemoryStore();
    List<Replica> replicas =
        List.of(new Replica("up", up, List.of("v1")), new Replica("down", down, List.of("v1")));

    ReplicationResult first = copier.replicate(store, root, replicas, CopyOptions.withReferrers());
    assertThat(first.allSucceeded()).isFalse();
    assertThat(first.replicas().get(0).succeeded()).isTrue();
    Fixtures.assertCopiedNodeByNode(first.graph(), store, up);
    assertThat(first.failed()).extracting(x -> x.replica().name()).containsExactly("down");
    assertThat(first.failed().get(0).failure().orElseThrow())
        .hasMessageContaining("destination down");
    assertThat(first.failed().get(0).copy().tags()).isEmpty();
    assertThatThrownBy(() -> down.resolve("v1")).isInstanceOf(IOException.class);

    down.broken.set(false);
    ReplicationResult again = copier.replicate(store, root, replicas, CopyOptions.withReferrers());
    assertThat(again.allSucceeded()).isTrue();
    Fixtures.assertCopiedNodeByNode(again.graph(), store, down);
    assertThat(down.resolve("v1")).isEqualTo(root);
    // the destination that had everything gets nothing again
    assertThat(again.replicas().get(0).copy().nodesCopied()).isZero();
    // only what the broken one lacked was read from the source: no blob already in both
    assertThat(again.sourceBlobReads()).isEqualTo(fetchedBlobs(again.graph()));
  }

  @Test
  void aSecondRunIntoCompleteDestinationsReadsNoBlob() throws IOException {
    MemoryStore store = new MemoryStore();
    Descriptor root = graph(store);
    List<Replica> replicas =
        List.of(
            new Replica("a", new MemoryStore(), List.of()),
            new Replica("b", new MemoryStore(), List.of()));
    copier.replicate(store, root, replicas, CopyOptions.withReferrers());
    ReplicationResult again = copier.replicate(store, root, replicas, CopyOptions.withReferrers());
    assertThat(again.allSucceeded()).isTrue();
    assertThat(again.sourceBlobReads()).isZero();
    assertThat(again.replicas()).allMatch(x -> x.copy().nodesCopied() == 0);
  }

  @Test
  void readmeExample() throws IOException {
    MemoryStore publisher = new MemoryStore();
    graph(publisher);
    Target source = publisher;
    Target eu = new MemoryStore();
    Target us = new MemoryStore();
    List<String> lines = new ArrayList<>();
    // README: replicate
    try (GraphCopier copier = GraphCopier.create()) {
      ReplicationResult result =
          copier.replicate(
              source,
              source.resolve("v1"),
              List.of(new Replica("eu", eu, List.of("v1")), new Replica("us", us, List.of("v1"))),
              CopyOptions.withReferrers());
      for (ReplicaResult r : result.replicas()) {
        // a failed destination keeps complete content and no new tag: replicate again later
        lines.add(r.replica().name() + ": " + (r.succeeded() ? "complete" : r.failure().get()));
      }
    }
    // END README
    assertThat(lines).containsExactly("eu: complete", "us: complete");
    assertThat(us.resolve("v1")).isEqualTo(source.resolve("v1"));
  }

  @Test
  void noDestinationIsAUsageError() {
    MemoryStore store = new MemoryStore();
    assertThatThrownBy(
            () -> copier.replicate(store, graph(store), List.of(), CopyOptions.withReferrers()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one destination");
  }
}
