package dev.ocitrust.graph;

import static dev.ocitrust.graph.Fixtures.SBOM;
import static dev.ocitrust.graph.Fixtures.SCAN;
import static dev.ocitrust.graph.Fixtures.SIG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ocitrust.client.BlobMounter;
import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.Digest;
import dev.ocitrust.client.ImageIndex;
import dev.ocitrust.client.ImageManifest;
import dev.ocitrust.client.Manifest;
import dev.ocitrust.client.MediaTypes;
import dev.ocitrust.client.MemoryStore;
import dev.ocitrust.client.OciLayout;
import dev.ocitrust.client.Platform;
import dev.ocitrust.client.Target;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphCopierTest {
  @TempDir Path tmp;
  private final GraphCopier copier = GraphCopier.builder().concurrency(4).build();

  @AfterEach
  void close() {
    copier.close();
  }

  /**
   * An index of two images that share a layer (and the diamond's bottom: one blob, two parents).
   */
  record Diamond(ImageIndex index, ImageManifest amd, ImageManifest arm, Descriptor shared) {}

  static Diamond diamond(Target store) throws IOException {
    Descriptor shared = Fixtures.blob(store, MediaTypes.OCI_LAYER_TAR, "shared base layer");
    ImageManifest amd = Fixtures.image(store, "amd64", shared);
    ImageManifest arm = Fixtures.image(store, "arm64", shared);
    ImageIndex index =
        Fixtures.index(
            store, Map.of(Platform.of("linux", "amd64"), amd, Platform.of("linux", "arm64"), arm));
    store.tag(index.descriptor(), "v1");
    return new Diamond(index, amd, arm, shared);
  }

  @Test
  void sharedBlobsAreCheckedFetchedAndPushedOnce() throws IOException {
    MemoryStore store = new MemoryStore();
    Diamond d = diamond(store);
    CountingTarget src = new CountingTarget(store);
    CountingTarget dst = new CountingTarget(new MemoryStore());
    CopyResult r = copier.copy(src, "v1", dst, CopyOptions.builder().tag("v1").build());

    Digest shared = d.shared().digest();
    assertThat(CountingTarget.count(src.fetches, shared)).isEqualTo(1);
    assertThat(CountingTarget.count(dst.pushes, shared)).isEqualTo(1);
    assertThat(CountingTarget.count(dst.transfers, shared)).isEqualTo(1);
    // blobs are pushed straight away (the store checks on push), so no separate check
    assertThat(CountingTarget.count(dst.exists, shared)).isZero();
    // index, 2 manifests, 2 configs, 2 own layers, 1 shared layer
    assertThat(r.nodesCopied()).isEqualTo(8);
    assertThat(r.nodesSkipped()).isZero();
    assertThat(dst.pushes.values()).allMatch(n -> n.get() == 1);
    assertThat(dst.exists.keySet())
        .containsExactlyInAnyOrder(
            d.index().descriptor().digest(),
            d.amd().descriptor().digest(),
            d.arm().descriptor().digest());
    assertThat(r.root()).isEqualTo(d.index().descriptor());
    assertThat(dst.resolve("v1").digest()).isEqualTo(d.index().descriptor().digest());
    // exact bytes: the digests are the source's
    assertThat(dst.fetchBytes(d.index().descriptor(), Manifest.MAX_BYTES))
        .isEqualTo(d.index().bytes());
  }

  @Test
  void childrenArePushedBeforeParentsAndTheTagComesLast() throws IOException {
    MemoryStore store = new MemoryStore();
    Diamond d = diamond(store);
    ImageManifest sig = Fixtures.referrer(store, d.index().descriptor(), SIG, "sig of index");
    CountingTarget dst = new CountingTarget(new MemoryStore());
    copier.copy(
        store,
        "v1",
        dst,
        CopyOptions.builder()
            .referrerDepth(DiscoveryOptions.UNLIMITED)
            .tag("v1")
            .tag("latest")
            .build());
    List<String> events = List.copyOf(dst.events);
    int index = events.indexOf("push " + d.index().descriptor().digest());
    assertThat(events.indexOf("push " + d.amd().descriptor().digest())).isLessThan(index);
    assertThat(events.indexOf("push " + d.shared().digest()))
        .isLessThan(events.indexOf("push " + d.arm().descriptor().digest()));
    assertThat(events.indexOf("push " + sig.descriptor().digest())).isGreaterThan(index);
    assertThat(events.subList(events.size() - 2, events.size()))
        .containsExactly(
            "tag v1 " + d.index().descriptor().digest(),
            "tag latest " + d.index().descriptor().digest());
    assertThat(events.stream().filter(e -> e.startsWith("tag"))).hasSize(2);
  }

  @Test
  void referrersAreCopiedRecursivelyOneBatchPerSubject() throws IOException {
    MemoryStore store = new MemoryStore();
    DiscoveryTest.Chain c = DiscoveryTest.chain(store);
    CountingTarget dst = new CountingTarget(new MemoryStore());
    CopyResult r = copier.copy(store, c.image().descriptor(), dst, CopyOptions.withReferrers());

    assertThat(dst.referrers(c.image().descriptor(), null))
        .isEqualTo(store.referrers(c.image().descriptor(), null));
    assertThat(dst.referrers(c.sbom().descriptor(), null))
        .isEqualTo(store.referrers(c.sbom().descriptor(), null));
    // one batch for the image's three referrers, one for the sbom's signature
    assertThat(dst.referrerBatches).hasSize(2);
    assertThat(dst.referrerBatches).anySatisfy(b -> assertThat(b).hasSize(3));
    assertThat(dst.referrerBatches)
        .anySatisfy(b -> assertThat(b).containsExactly(c.sbomSig().descriptor().digest()));
    // the empty config is shared by four referrers and pushed once
    assertThat(CountingTarget.count(dst.pushes, Descriptor.EMPTY_JSON_DESCRIPTOR.digest()))
        .isEqualTo(1);
    // image, its config and layer; four referrers with a layer each; the shared empty config
    assertThat(r.nodesCopied()).isEqualTo(3 + 4 * 2 + 1);
  }

  @Test
  void manyReferrersOfOneSubjectArePushedInAFewParallelBatches() throws IOException {
    MemoryStore store = new MemoryStore();
    ImageManifest image = Fixtures.image(store, "many");
    for (int i = 0; i < 40; i++) {
      Fixtures.referrer(store, image.descriptor(), SIG, "sig " + i);
    }
    CountingTarget dst = new CountingTarget(new MemoryStore());
    copier.copy(store, image.descriptor(), dst, CopyOptions.withReferrers());
    // 40 referrers, 4 workers, at least 16 per batch: two batches of 20
    assertThat(dst.referrerBatches).hasSize(2).allSatisfy(b -> assertThat(b).hasSize(20));
    assertThat(dst.referrers(image.descriptor(), null)).hasSize(40);
  }

  @Test
  void filtersKeepReferrersOut() throws IOException {
    MemoryStore store = new MemoryStore();
    DiscoveryTest.Chain c = DiscoveryTest.chain(store);
    MemoryStore dst = new MemoryStore();
    copier.copy(
        store,
        c.image().descriptor(),
        dst,
        CopyOptions.builder()
            .referrerDepth(DiscoveryOptions.UNLIMITED)
            .filter(ReferrerFilter.artifactTypes(SCAN).negate())
            .build());
    assertThat(dst.referrers(c.image().descriptor(), null))
        .extracting(d -> d.artifactType().orElseThrow())
        .containsExactlyInAnyOrder(SIG, SBOM);
    assertThat(dst.exists(c.scan().descriptor())).isFalse();
    assertThat(dst.exists(c.sbomSig().descriptor())).isTrue();

    MemoryStore dagOnly = new MemoryStore();
    copier.copy(store, c.image().descriptor(), dagOnly, CopyOptions.defaults());
    assertThat(dagOnly.referrers(c.image().descriptor(), null)).isEmpty();
    assertThat(dagOnly.exists(c.image().config())).isTrue();
  }

  @Test
  void aFailedCopyLeavesNoTagAndARerunTransfersOnlyWhatIsMissing() throws IOException {
    MemoryStore store = new MemoryStore();
    Diamond d = diamond(store);
    ImageManifest sig = Fixtures.referrer(store, d.index().descriptor(), SIG, "sig");
    CountingTarget failing = new CountingTarget(store);
    Descriptor armLayer = d.arm().layers().get(0);
    failing.failFetch.add(armLayer.digest());
    MemoryStore dstStore = new MemoryStore();

    try (GraphCopier serial = GraphCopier.builder().concurrency(1).build()) {
      assertThatThrownBy(
              () ->
                  serial.copy(
                      failing,
                      "v1",
                      dstStore,
                      CopyOptions.builder().referrerDepth(1).tag("v1").build()))
          .isInstanceOf(CopyFailedException.class)
          .hasRootCauseMessage("injected failure fetching " + armLayer.digest())
          .satisfies(e -> assertThat(((CopyFailedException) e).partial().tags()).isEmpty());
    }
    assertThat(dstStore.tags()).isEmpty();
    assertThat(dstStore.exists(d.index().descriptor())).isFalse();
    assertThat(dstStore.exists(d.arm().descriptor())).isFalse();
    assertThat(dstStore.exists(sig.descriptor())).isFalse();

    // whatever got there before the failure is not transferred again
    List<Descriptor> already = new java.util.ArrayList<>();
    for (Descriptor x :
        List.of(
            d.shared(),
            d.amd().config(),
            d.amd().layers().get(0),
            d.amd().descriptor(),
            d.arm().config())) {
      if (dstStore.exists(x)) {
        already.add(x);
      }
    }
    assertThat(already).isNotEmpty();
    ArtifactGraph full =
        Discovery.builder(store)
            .options(DiscoveryOptions.builder().referrerDepth(1).build())
            .build()
            .discover(d.index().descriptor());
    long missing = full.nodes().stream().filter(n -> !dstStore.exists(n.descriptor())).count();
    CountingTarget src = new CountingTarget(store);
    CountingTarget dst = new CountingTarget(dstStore);
    CopyResult r =
        copier.copy(src, "v1", dst, CopyOptions.builder().referrerDepth(1).tag("v1").build());
    for (Descriptor x : already) {
      // the walk reads the source's manifests again; blobs are not fetched again
      if (!MediaTypes.isManifest(x.mediaType())) {
        assertThat(CountingTarget.count(src.fetches, x.digest())).as(x.toString()).isZero();
      }
      assertThat(CountingTarget.count(dst.transfers, x.digest())).as(x.toString()).isZero();
    }
    assertThat(CountingTarget.count(src.fetches, armLayer.digest())).isEqualTo(1);
    assertThat(r.nodesCopied()).isEqualTo(missing);
    assertThat(r.nodesSkipped()).isPositive();
    assertThat(dst.resolve("v1").digest()).isEqualTo(d.index().descriptor().digest());
    assertThat(dst.referrers(d.index().descriptor(), null))
        .extracting(Descriptor::digest)
        .containsExactly(sig.descriptor().digest());

    // a third run finds everything: one check of the root, one listing, nothing moved
    CountingTarget again = new CountingTarget(dstStore);
    CopyResult none =
        copier.copy(store, "v1", again, CopyOptions.builder().referrerDepth(1).build());
    assertThat(none.nodesCopied()).isZero();
    assertThat(CountingTarget.total(again.exists)).isEqualTo(1);
    assertThat(CountingTarget.total(again.transfers)).isZero();
  }

  @Test
  void selectManifestCopiesTheChosenPlatformAsRoot() throws IOException {
    MemoryStore store = new MemoryStore();
    Diamond d = diamond(store);
    ImageManifest armSig = Fixtures.referrer(store, d.arm().descriptor(), SIG, "sig of arm");
    Fixtures.referrer(store, d.index().descriptor(), SIG, "sig of index");
    MemoryStore dst = new MemoryStore();
    CopyResult r =
        copier.copy(
            store,
            "v1",
            dst,
            CopyOptions.builder()
                .platform(Platform.parse("linux/arm64"))
                .referrerDepth(1)
                .tag("v1")
                .build());
    assertThat(r.root().digest()).isEqualTo(d.arm().descriptor().digest());
    assertThat(dst.resolve("v1").digest()).isEqualTo(d.arm().descriptor().digest());
    assertThat(dst.exists(d.index().descriptor())).isFalse();
    assertThat(dst.exists(d.amd().descriptor())).isFalse();
    assertThat(dst.referrers(d.arm().descriptor(), null))
        .extracting(Descriptor::digest)
        .containsExactly(armSig.descriptor().digest());
  }

  @Test
  void filterIndexPushesANewIndexAndReportsItsDigest() throws IOException {
    MemoryStore store = new MemoryStore();
    Diamond d = diamond(store);
    MemoryStore dst = new MemoryStore();
    CopyResult r =
        copier.copy(
            store,
            "v1",
            dst,
            CopyOptions.builder()
                .platform(Platform.parse("linux/amd64"))
                .platformMode(PlatformMode.FILTER_INDEX)
                .tag("v1")
                .build());
    assertThat(r.root().digest()).isNotEqualTo(d.index().descriptor().digest());
    assertThat(dst.resolve("v1").digest()).isEqualTo(r.root().digest());
    Manifest copied = dst.fetchManifest(r.root());
    assertThat(copied).isInstanceOf(ImageIndex.class);
    assertThat(((ImageIndex) copied).manifests())
        .containsExactly(d.amd().descriptor().withPlatform(Platform.of("linux", "amd64")));
    assertThat(dst.exists(d.amd().descriptor())).isTrue();
    assertThat(dst.exists(d.arm().descriptor())).isFalse();

    // an index whose every entry matches is copied as it is
    ImageIndex linuxOnly =
        ImageIndex.builder()
            .manifest(d.amd().descriptor().withPlatform(Platform.of("linux", "amd64")))
            .build();
    store.push(linuxOnly);
    CopyResult same =
        copier.copy(
            store,
            linuxOnly.descriptor(),
            new MemoryStore(),
            CopyOptions.builder()
                .platform(Platform.parse("linux/amd64"))
                .platformMode(PlatformMode.FILTER_INDEX)
                .build());
    assertThat(same.root()).isEqualTo(linuxOnly.descriptor());

    MemoryStore whole = new MemoryStore();
    CopyResult all = copier.copy(store, "v1", whole, CopyOptions.defaults());
    assertThat(all.root()).isEqualTo(d.index().descriptor());
    assertThat(whole.exists(d.arm().descriptor())).isTrue();
  }

  @Test
  void layoutToMemoryToLayoutKeepsEveryDigest() throws IOException {
    OciLayout a = OciLayout.open(tmp.resolve("a"));
    Diamond d = diamond(a);
    DiscoveryTest.Chain c = DiscoveryTest.chain(a);
    MemoryStore middle = new MemoryStore();
    OciLayout b = OciLayout.open(tmp.resolve("b"));
    CopyOptions opts =
        CopyOptions.builder().referrerDepth(DiscoveryOptions.UNLIMITED).tag("v1").build();
    copier.copy(a, "v1", middle, opts);
    copier.copy(middle, "v1", b, opts);
    copier.copy(a, c.image().descriptor(), middle, CopyOptions.withReferrers());
    CopyResult last = copier.copy(middle, c.image().descriptor(), b, CopyOptions.withReferrers());
    assertThat(b.resolve("v1")).isEqualTo(d.index().descriptor());
    ArtifactGraph src = new Discovery(a).discover(c.image().descriptor());
    ArtifactGraph dst =
        new Discovery(OciLayout.open(tmp.resolve("b"))).discover(c.image().descriptor());
    assertThat(dst.nodes()).isEqualTo(src.nodes());
    assertThat(last.nodesCopied()).isEqualTo(src.size());
  }

  @Test
  void oneWorkerCopiesADeepGraphWithoutDeadlock() throws Exception {
    MemoryStore store = new MemoryStore();
    Diamond d = diamond(store);
    Descriptor subject = d.amd().descriptor();
    for (int i = 0; i < 20; i++) {
      subject = Fixtures.referrer(store, subject, SIG, "link " + i).descriptor();
    }
    for (int i = 0; i < 30; i++) {
      Fixtures.referrer(store, d.index().descriptor(), SBOM, "fan " + i);
    }
    ExecutorService single = Executors.newSingleThreadExecutor();
    try (GraphCopier one = GraphCopier.builder().executor(single).concurrency(1).build()) {
      MemoryStore dst = new MemoryStore();
      CopyResult r =
          org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
              Duration.ofSeconds(20),
              () -> one.copy(store, "v1", dst, CopyOptions.withReferrers()));
      assertThat(r.graph().size()).isEqualTo(8 + 20 * 2 + 1 + 30 * 2);
      assertThat(dst.exists(subject)).isTrue();
      assertThat(r.nodesCopied()).isEqualTo(r.graph().size());
    } finally {
      single.shutdownNow();
    }
  }

  @Test
  void listenerSeesEveryNodeAndEveryByte() throws IOException {
    MemoryStore store = new MemoryStore();
    DiscoveryTest.Chain c = DiscoveryTest.chain(store);
    AtomicLong bytes = new AtomicLong();
    java.util.Set<Digest> copied = java.util.concurrent.ConcurrentHashMap.newKeySet();
    java.util.Set<Digest> started = java.util.concurrent.ConcurrentHashMap.newKeySet();
    CopyListener listener =
        new CopyListener() {
          @Override
          public void onStart(Descriptor node) {
            started.add(node.digest());
          }

          @Override
          public void onCopied(Descriptor node) {
            copied.add(node.digest());
          }

          @Override
          public void onBytes(Descriptor node, long count) {
            bytes.addAndGet(count);
          }
        };
    CopyResult r =
        copier.copy(
            store,
            c.image().descriptor(),
            new MemoryStore(),
            CopyOptions.builder()
                .referrerDepth(DiscoveryOptions.UNLIMITED)
                .listener(listener)
                .build());
    long total = r.graph().nodes().stream().mapToLong(GraphNode::size).sum();
    assertThat(r.bytesCopied()).isEqualTo(total);
    assertThat(bytes.get()).isEqualTo(total);
    assertThat(copied).hasSize(r.graph().size()).isEqualTo(started);
  }

  @Test
  void aThrowingListenerFailsTheCopyWithoutATag() throws IOException {
    MemoryStore store = new MemoryStore();
    diamond(store);
    MemoryStore dst = new MemoryStore();
    CopyListener bad =
        new CopyListener() {
          @Override
          public void onCopied(Descriptor node) {
            if (MediaTypes.isManifest(node.mediaType())) {
              throw new IllegalStateException("listener bug");
            }
          }
        };
    assertThatThrownBy(
            () ->
                copier.copy(
                    store, "v1", dst, CopyOptions.builder().listener(bad).tag("v1").build()))
        .isInstanceOf(CopyFailedException.class)
        .hasRootCauseMessage("listener bug");
    assertThat(dst.tags()).isEmpty();
  }

  @Test
  void aDeepReferrerChainIsCopiedWholeOrToTheDepthAsked() throws IOException {
    MemoryStore store = new MemoryStore();
    ImageManifest image = Fixtures.image(store, "deep");
    List<Descriptor> chain = new java.util.ArrayList<>();
    Descriptor subject = image.descriptor();
    for (int i = 0; i < 50; i++) {
      subject =
          Fixtures.referrer(store, subject, i % 2 == 0 ? SIG : SBOM, "link " + i).descriptor();
      chain.add(subject);
    }
    MemoryStore all = new MemoryStore();
    CopyResult r = copier.copy(store, image.descriptor(), all, CopyOptions.withReferrers());
    assertThat(r.graph().node(chain.get(49).digest())).map(GraphNode::referrerDepth).contains(50);
    for (Descriptor link : chain) {
      assertThat(all.exists(link)).isTrue();
    }
    MemoryStore some = new MemoryStore();
    copier.copy(store, image.descriptor(), some, CopyOptions.builder().referrerDepth(10).build());
    assertThat(some.exists(chain.get(9))).isTrue();
    assertThat(some.exists(chain.get(10))).isFalse();
  }

  /** A memory store that mounts any blob its "registry" (the source store) has. */
  static final class MountingStore extends CountingTarget implements BlobMounter {
    MountingStore() {
      super(new MemoryStore());
    }

    @Override
    public boolean mount(Descriptor blob, Target source) throws IOException {
      if (!(source instanceof MemoryStore) || !source.exists(blob)) {
        return false;
      }
      try (var in = source.fetch(blob)) {
        delegate.push(blob, in);
      }
      return true;
    }

    @Override
    public boolean mountOrPush(Descriptor blob, Target source, java.io.InputStream content)
        throws IOException {
      if (mount(blob, source)) {
        return true;
      }
      push(blob, content);
      return false;
    }
  }

  @Test
  void blobsAreMountedWhenTheDestinationCan() throws IOException {
    MemoryStore store = new MemoryStore();
    Diamond d = diamond(store);
    MountingStore dst = new MountingStore();
    CopyResult r = copier.copy(store, "v1", dst, CopyOptions.defaults());
    assertThat(r.blobsMounted()).isEqualTo(5);
    assertThat(r.nodesCopied()).isEqualTo(3);
    assertThat(dst.exists(d.shared())).isTrue();
    assertThat(CountingTarget.count(dst.pushes, d.shared().digest())).isZero();
  }
}
