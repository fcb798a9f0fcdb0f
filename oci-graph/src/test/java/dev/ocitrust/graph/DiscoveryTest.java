package dev.ocitrust.graph;

import static dev.ocitrust.graph.Fixtures.SBOM;
import static dev.ocitrust.graph.Fixtures.SCAN;
import static dev.ocitrust.graph.Fixtures.SIG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.ImageIndex;
import dev.ocitrust.client.ImageManifest;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiscoveryTest {
  @TempDir Path tmp;

  /** image <- sig, image <- sbom <- sbomSig, image <- scan. */
  record Chain(
      ImageManifest image,
      ImageManifest sig,
      ImageManifest sbom,
      ImageManifest sbomSig,
      ImageManifest scan) {}

  static Chain chain(Target store) throws IOException {
    ImageManifest image = Fixtures.image(store, "app");
    ImageManifest sig = Fixtures.referrer(store, image.descriptor(), SIG, "signature of app");
    ImageManifest sbom =
        Fixtures.referrer(
            store,
            image.descriptor(),
            SBOM,
            "sbom of app",
            Map.of("org.opencontainers.image.created", "2026-11-28T00:00:00Z"));
    ImageManifest sbomSig = Fixtures.referrer(store, sbom.descriptor(), SIG, "signature of sbom");
    ImageManifest scan =
        Fixtures.referrer(
            store, image.descriptor(), SCAN, "scan of app", Map.of("verdict", "pass"));
    return new Chain(image, sig, sbom, sbomSig, scan);
  }

  @Test
  void walksSuccessorsAndReferrersRecursively() throws IOException {
    MemoryStore store = new MemoryStore();
    Chain c = chain(store);
    ArtifactGraph g = new Discovery(store).discover(c.image().descriptor());

    // image: config + layer; 4 referrers, each: empty config + one layer (empty config shared)
    assertThat(g.manifests())
        .extracting(GraphNode::digest)
        .containsExactly(
            c.image().descriptor().digest(),
            // referrers of the image by artifact type: spdx, vnd.cncf.notary, vnd.example
            c.sbom().descriptor().digest(),
            c.sig().descriptor().digest(),
            c.scan().descriptor().digest(),
            c.sbomSig().descriptor().digest());
    assertThat(g.size()).isEqualTo(5 + 2 + 1 + 4);
    assertThat(g.referrers(c.image().descriptor().digest()))
        .extracting(n -> n.artifactType().get())
        .containsExactly(SBOM, SIG, SCAN);
    assertThat(g.signatures(c.sbom().descriptor().digest()))
        .extracting(GraphNode::digest)
        .containsExactly(c.sbomSig().descriptor().digest());
    assertThat(g.ofArtifactType(SIG)).hasSize(2);
    assertThat(g.subject(c.sbomSig().descriptor().digest()))
        .map(GraphNode::digest)
        .contains(c.sbom().descriptor().digest());
    assertThat(g.node(c.sbomSig().descriptor().digest())).map(GraphNode::referrerDepth).contains(2);
    assertThat(g.node(c.image().config().digest())).map(GraphNode::referrerDepth).contains(0);
    assertThat(g.successors(c.image().descriptor().digest()))
        .extracting(GraphNode::digest)
        .containsExactly(c.image().config().digest(), c.image().layers().get(0).digest());
    assertThat(g.node(c.scan().descriptor().digest()).get().annotations())
        .containsEntry("verdict", "pass");
    assertThat(g.anomalies()).isEmpty();
  }

  @Test
  void subjectsTheStoreRulesOutAreNotAskedForReferrers() throws IOException {
    MemoryStore store = new MemoryStore();
    Chain c = chain(store);
    java.util.List<List<Descriptor>> asked = new java.util.ArrayList<>();
    CountingTarget ruling =
        new CountingTarget(store) {
          @Override
          public List<Descriptor> withPossibleReferrers(List<Descriptor> subjects)
              throws IOException {
            asked.add(subjects);
            List<Descriptor> possible = new java.util.ArrayList<>();
            for (Descriptor s : subjects) {
              if (!delegate.referrers(s, null).isEmpty()) {
                possible.add(s);
              }
            }
            return possible;
          }
        };
    ArtifactGraph g = new Discovery(ruling).discover(c.image().descriptor());
    assertThat(g.size()).isEqualTo(new Discovery(store).discover(c.image().descriptor()).size());
    assertThat(g.contains(c.sbomSig().descriptor().digest())).isTrue();
    // a level of one manifest is asked directly (the image, then the SBOM's signature); of the
    // image's three referrers only the SBOM may have referrers, so the other two are not asked
    assertThat(asked).hasSize(1);
    assertThat(asked.get(0)).hasSize(3);
    assertThat(ruling.referrerListings.keySet())
        .containsExactlyInAnyOrder(
            c.image().descriptor().digest(),
            c.sbom().descriptor().digest(),
            c.sbomSig().descriptor().digest());
  }

  @Test
  void bottomUpPutsEverythingAfterWhatItNames() throws IOException {
    MemoryStore store = new MemoryStore();
    Chain c = chain(store);
    ArtifactGraph g = new Discovery(store).discover(c.image().descriptor());
    List<dev.ocitrust.client.Digest> order = g.bottomUp().stream().map(GraphNode::digest).toList();
    assertThat(order).hasSize(g.size());
    for (GraphEdge e : g.edges()) {
      assertThat(order.indexOf(e.to())).as(e.toString()).isLessThan(order.indexOf(e.from()));
    }
  }

  @Test
  void referrerDepthAndFilterStopTheWalk() throws IOException {
    MemoryStore store = new MemoryStore();
    Chain c = chain(store);
    ArtifactGraph depth1 =
        Discovery.builder(store)
            .options(DiscoveryOptions.builder().referrerDepth(1).build())
            .build()
            .discover(c.image().descriptor());
    assertThat(depth1.contains(c.sbom().descriptor().digest())).isTrue();
    assertThat(depth1.contains(c.sbomSig().descriptor().digest())).isFalse();

    ArtifactGraph noSbom =
        Discovery.builder(store)
            .options(
                DiscoveryOptions.builder()
                    .filter(ReferrerFilter.artifactTypes(SBOM).negate())
                    .build())
            .build()
            .discover(c.image().descriptor());
    // the SBOM is refused, and so is the signature hanging off it
    assertThat(noSbom.contains(c.sbom().descriptor().digest())).isFalse();
    assertThat(noSbom.contains(c.sbomSig().descriptor().digest())).isFalse();
    assertThat(noSbom.contains(c.sig().descriptor().digest())).isTrue();

    ArtifactGraph passing =
        Discovery.builder(store)
            .options(
                DiscoveryOptions.builder()
                    .successors(false)
                    .filter(ReferrerFilter.annotationEquals("verdict", "pass"))
                    .build())
            .build()
            .discover(c.image().descriptor());
    assertThat(passing.nodes())
        .extracting(GraphNode::digest)
        .containsExactly(c.image().descriptor().digest(), c.scan().descriptor().digest());
  }

  @Test
  void platformSelectsRootIndexEntries() throws IOException {
    MemoryStore store = new MemoryStore();
    ImageManifest amd = Fixtures.image(store, "amd64");
    ImageManifest arm = Fixtures.image(store, "arm64");
    ImageIndex index =
        Fixtures.index(
            store, Map.of(Platform.of("linux", "amd64"), amd, Platform.of("linux", "arm64"), arm));
    ArtifactGraph g =
        Discovery.builder(store)
            .options(DiscoveryOptions.builder().platform(Platform.parse("linux/arm64")).build())
            .build()
            .discover(index.descriptor());
    assertThat(g.successors(index.descriptor().digest()))
        .extracting(GraphNode::digest)
        .containsExactly(arm.descriptor().digest());
    assertThat(g.contains(amd.descriptor().digest())).isFalse();

    assertThatThrownBy(
            () ->
                Discovery.builder(store)
                    .options(
                        DiscoveryOptions.builder()
                            .platform(Platform.parse("windows/amd64"))
                            .build())
                    .build()
                    .discover(index.descriptor()))
        .isInstanceOf(GraphException.class)
        .hasMessageContaining("no manifest for platform windows/amd64");
  }

  @Test
  void walksAnOciLayoutInParallelTheSameWay() throws IOException {
    OciLayout layout = OciLayout.open(tmp.resolve("layout"));
    Chain c = chain(layout);
    MemoryStore memory = new MemoryStore();
    chain(memory);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      ArtifactGraph fromLayout =
          Discovery.builder(layout)
              .executor(pool)
              .concurrency(3)
              .build()
              .discover(c.image().descriptor());
      ArtifactGraph fromMemory = new Discovery(memory).discover(c.image().descriptor());
      assertThat(fromLayout.nodes()).isEqualTo(fromMemory.nodes());
      assertThat(fromLayout.edges()).containsExactlyInAnyOrderElementsOf(fromMemory.edges());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void limitsGiveTypedErrors() throws IOException {
    MemoryStore store = new MemoryStore();
    Chain c = chain(store);
    assertThatThrownBy(
            () ->
                Discovery.builder(store)
                    .options(
                        DiscoveryOptions.builder()
                            .limits(GraphLimits.DEFAULTS.withMaxNodes(4))
                            .build())
                    .build()
                    .discover(c.image().descriptor()))
        .isInstanceOf(GraphLimitException.class)
        .hasMessageContaining("more than 4 nodes");
    assertThatThrownBy(
            () ->
                Discovery.builder(store)
                    .options(
                        DiscoveryOptions.builder()
                            .limits(GraphLimits.DEFAULTS.withMaxManifestBytes(100))
                            .build())
                    .build()
                    .discover(c.image().descriptor()))
        .isInstanceOf(GraphLimitException.class)
        .hasMessageContaining("maxManifestBytes");

    // indexes nested 5 deep
    Descriptor inner = c.image().descriptor();
    for (int i = 0; i < 5; i++) {
      ImageIndex idx = ImageIndex.builder().manifest(inner).annotation("level", "" + i).build();
      store.push(idx);
      inner = idx.descriptor();
    }
    Descriptor top = inner;
    assertThatThrownBy(
            () ->
                Discovery.builder(store)
                    .options(
                        DiscoveryOptions.builder()
                            .limits(GraphLimits.DEFAULTS.withMaxDepth(3))
                            .build())
                    .build()
                    .discover(top))
        .isInstanceOf(GraphLimitException.class)
        .hasMessageContaining("deeper than 3");
    assertThat(
            Discovery.builder(store)
                .options(
                    DiscoveryOptions.builder().limits(GraphLimits.DEFAULTS.withMaxDepth(5)).build())
                .build()
                .discover(top)
                .manifests())
        .hasSize(6 + 4);
  }

  @Test
  void aBlobRootIsRefused() throws IOException {
    MemoryStore store = new MemoryStore();
    Descriptor layer = Fixtures.blob(store, MediaTypes.OCI_LAYER_TAR, "x");
    assertThatThrownBy(() -> new Discovery(store).discover(layer))
        .isInstanceOf(GraphException.class)
        .hasMessageContaining("not a manifest");
  }

  @Test
  void includeSubjectsAddsTheSubjectOfAReferrerRoot() throws IOException {
    MemoryStore store = new MemoryStore();
    Chain c = chain(store);
    ArtifactGraph g =
        Discovery.builder(store)
            .options(DiscoveryOptions.builder().includeSubjects(true).build())
            .build()
            .discover(c.sbomSig().descriptor());
    assertThat(g.subject(c.sbomSig().descriptor().digest()))
        .map(GraphNode::digest)
        .contains(c.sbom().descriptor().digest());
    assertThat(g.node(c.sbom().descriptor().digest())).map(GraphNode::referrerDepth).contains(-1);
  }

  @Test
  void hugeFanOutIsBoundedNotHung() throws IOException {
    MemoryStore store = new MemoryStore();
    ImageManifest image = Fixtures.image(store, "fan");
    for (int i = 0; i < 300; i++) {
      Fixtures.referrer(store, image.descriptor(), SIG, "sig " + i);
    }
    org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () -> {
          assertThatThrownBy(
                  () ->
                      Discovery.builder(store)
                          .options(
                              DiscoveryOptions.builder()
                                  .limits(GraphLimits.DEFAULTS.withMaxNodes(100))
                                  .build())
                          .build()
                          .discover(image.descriptor()))
              .isInstanceOf(GraphLimitException.class);
          assertThat(
                  new Discovery(store)
                      .discover(image.descriptor())
                      .referrers(image.descriptor().digest()))
              .hasSize(300);
        });
  }
}
