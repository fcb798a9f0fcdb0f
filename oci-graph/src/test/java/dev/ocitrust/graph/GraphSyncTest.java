package dev.ocitrust.graph;

import static dev.ocitrust.graph.Fixtures.SBOM;
import static dev.ocitrust.graph.Fixtures.SIG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.ImageManifest;
import dev.ocitrust.client.MemoryStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link GraphSync}: only what the destination lacks is copied, found from listings alone. */
class GraphSyncTest {
  private final GraphCopier copier = GraphCopier.builder().concurrency(4).build();
  private final GraphSync sync = GraphSync.of(copier);
  private MemoryStore source;
  private MemoryStore destination;
  private ImageManifest image;
  private ImageManifest sbom;
  private final List<ImageManifest> firstReferrers = new ArrayList<>();

  @BeforeEach
  void setUp() throws IOException {
    source = new MemoryStore();
    destination = new MemoryStore();
    image = Fixtures.image(source, "net-monitor v1");
    source.tag(image.descriptor(), "v1");
    sbom = Fixtures.referrer(source, image.descriptor(), SBOM, "sbom");
    firstReferrers.add(sbom);
    firstReferrers.add(Fixtures.referrer(source, image.descriptor(), SIG, "sig of image"));
    firstReferrers.add(Fixtures.referrer(source, sbom.descriptor(), SIG, "sig of sbom"));
  }

  @AfterEach
  void close() {
    copier.close();
  }

  private static List<String> digests(List<GraphNode> nodes) {
    return nodes.stream().map(n -> n.digest().toString()).sorted().toList();
  }

  private static List<String> digestsOf(List<ImageManifest> manifests) {
    return manifests.stream().map(m -> m.descriptor().digest().toString()).sorted().toList();
  }

  @Test
  void theReadmeExampleBringsTheMirrorUpToDate() throws IOException {
    MemoryStore publisher = source;
    MemoryStore mirror = destination;
    copier.copy(publisher, "v1", mirror, CopyOptions.builder().tag("v1").build());
    // README: graph-sync
    try (GraphCopier copier = GraphCopier.create()) {
      GraphSync sync = GraphSync.of(copier);
      SyncPlan plan = sync.plan(publisher, "v1", mirror, SyncOptions.defaults());
      if (!plan.isUpToDate()) {
        SyncResult r = sync.apply(plan);
        r.arrived()
            .forEach(n -> System.out.println(n.artifactType().orElse("?") + " " + n.digest()));
      }
    }
    // END README
    assertThat(mirror.referrers(image.descriptor(), null)).hasSize(2);
    assertThat(mirror.referrers(sbom.descriptor(), null)).hasSize(1);
  }

  @Test
  void aDestinationWithoutTheArtifactGetsItWholeAndTagged() throws IOException {
    SyncPlan plan = sync.plan(source, "v1", destination, SyncOptions.defaults());
    assertThat(plan.rootMissing()).isTrue();
    assertThat(plan.isUpToDate()).isFalse();
    SyncResult r = sync.apply(plan);
    assertThat(r.rootCopied()).isTrue();
    assertThat(digests(r.arrived())).isEqualTo(digestsOf(firstReferrers));
    assertThat(r.tagged()).contains("v1");
    assertThat(destination.resolve("v1").digest()).isEqualTo(image.descriptor().digest());
  }

  @Test
  void aResyncWhereNothingChangedSendsOnlyListings() throws IOException {
    sync.sync(source, "v1", destination, SyncOptions.defaults());
    CountingTarget src = new CountingTarget(source);
    CountingTarget dst = new CountingTarget(destination);
    SyncResult r = sync.sync(src, "v1", dst, SyncOptions.defaults());
    assertThat(r.unchanged()).isTrue();
    assertThat(r.nodesCopied()).isZero();
    // source: one resolve, one listing per node (a store without a cheaper way lists them all)
    assertThat(src.resolves).hasValue(1);
    assertThat(CountingTarget.total(src.fetches)).isZero();
    assertThat(CountingTarget.total(src.referrerListings)).isEqualTo(4);
    // destination: the root's existence, its tag, and a listing per subject with referrers
    assertThat(CountingTarget.total(dst.exists)).isEqualTo(1);
    assertThat(dst.resolves).hasValue(1);
    assertThat(CountingTarget.total(dst.referrerListings)).isEqualTo(2);
    assertThat(CountingTarget.total(dst.fetches)).isZero();
    assertThat(CountingTarget.total(dst.pushes)).isZero();
    assertThat(dst.tagsSet).hasValue(0);
  }

  @Test
  void newReferrersAtAnyDepthArriveAndNothingElseMoves() throws IOException {
    sync.sync(source, "v1", destination, SyncOptions.defaults());
    ImageManifest scan = Fixtures.referrer(source, image.descriptor(), Fixtures.SCAN, "scan");
    ImageManifest scanSig = Fixtures.referrer(source, scan.descriptor(), SIG, "sig of scan");
    ImageManifest sbomSig2 = Fixtures.referrer(source, sbom.descriptor(), SIG, "2nd sig of sbom");
    CountingTarget src = new CountingTarget(source);
    CountingTarget dst = new CountingTarget(destination);
    SyncPlan plan = sync.plan(src, "v1", dst, SyncOptions.defaults());
    assertThat(plan.missing()).hasSize(2);
    assertThat(plan.missing().get(image.descriptor().basic()))
        .extracting(Descriptor::digest)
        .containsExactly(scan.descriptor().digest());
    assertThat(plan.toString()).contains("2 referrer(s) missing");
    SyncResult r = sync.apply(plan);
    assertThat(digests(r.arrived())).isEqualTo(digestsOf(List.of(scan, scanSig, sbomSig2)));
    assertThat(r.rootCopied()).isFalse();
    assertThat(r.tagged()).isEmpty();
    // the referrers already there are not fetched from the source, except once each subject
    // that got new referrers (the SBOM), whose copy starts from its manifest; none is pushed
    for (ImageManifest m : firstReferrers) {
      assertThat(CountingTarget.count(src.fetches, m.descriptor().digest()))
          .as(m.descriptor().digest().toString())
          .isEqualTo(m == sbom ? 1 : 0);
      assertThat(CountingTarget.count(dst.pushes, m.descriptor().digest())).isZero();
    }
    // one batch per subject
    assertThat(dst.referrerBatches)
        .containsExactlyInAnyOrder(
            List.of(scan.descriptor().digest()),
            List.of(scanSig.descriptor().digest()),
            List.of(sbomSig2.descriptor().digest()));
    assertThat(destination.referrers(sbom.descriptor(), null)).hasSize(2);
    assertThat(sync.plan(source, "v1", destination, SyncOptions.defaults()).isUpToDate()).isTrue();
  }

  @Test
  void theFilterKeepsReferrersOutAtEveryStep() throws IOException {
    SyncOptions noSigs =
        SyncOptions.builder().filter(ReferrerFilter.artifactTypes(SIG).negate()).build();
    SyncResult first = sync.sync(source, "v1", destination, noSigs);
    assertThat(digests(first.arrived())).isEqualTo(digestsOf(List.of(sbom)));
    Fixtures.referrer(source, image.descriptor(), SIG, "another sig");
    ImageManifest scan = Fixtures.referrer(source, image.descriptor(), Fixtures.SCAN, "scan");
    SyncResult second = sync.sync(source, "v1", destination, noSigs);
    assertThat(digests(second.arrived())).isEqualTo(digestsOf(List.of(scan)));
  }

  @Test
  void aTagMovedInTheSourceBringsTheNewArtifactAndMovesTheTag() throws IOException {
    sync.sync(source, "v1", destination, SyncOptions.defaults());
    ImageManifest rebuilt = Fixtures.image(source, "net-monitor v1 rebuilt");
    source.tag(rebuilt.descriptor(), "v1");
    SyncResult r = sync.sync(source, "v1", destination, SyncOptions.defaults());
    assertThat(r.rootCopied()).isTrue();
    assertThat(r.tagged()).contains("v1");
    assertThat(destination.resolve("v1").digest()).isEqualTo(rebuilt.descriptor().digest());
  }

  @Test
  void aTagPointingElsewhereInTheDestinationIsMovedBack() throws IOException {
    sync.sync(source, "v1", destination, SyncOptions.defaults());
    ImageManifest other = Fixtures.image(destination, "local build");
    destination.tag(other.descriptor(), "v1");
    SyncPlan plan = sync.plan(source, "v1", destination, SyncOptions.defaults());
    assertThat(plan.tagMoves()).isTrue();
    assertThat(sync.apply(plan).tagged()).contains("v1");
    assertThat(destination.resolve("v1").digest()).isEqualTo(image.descriptor().digest());
  }

  @Test
  void aDigestReferenceSetsNoTag() throws IOException {
    SyncResult r =
        sync.sync(
            source, image.descriptor().digest().toString(), destination, SyncOptions.defaults());
    assertThat(r.tagged()).isEmpty();
    assertThat(destination.tags()).isEmpty();
  }

  @Test
  void aListedGraphBeyondTheLimitIsRefusedBeforeAnythingIsCopied() throws IOException {
    sync.sync(source, "v1", destination, SyncOptions.defaults());
    for (int i = 0; i < 5; i++) {
      Fixtures.referrer(source, image.descriptor(), SIG, "sig " + i);
    }
    SyncOptions small = SyncOptions.builder().limits(GraphLimits.DEFAULTS.withMaxNodes(6)).build();
    CountingTarget dst = new CountingTarget(destination);
    assertThatThrownBy(() -> sync.sync(source, "v1", dst, small))
        .isInstanceOf(GraphLimitException.class)
        .hasMessageContaining("exceed 6 nodes");
    assertThat(CountingTarget.total(dst.pushes)).isZero();
  }

  @Test
  void aListingThatNamesAReferrerTwiceIsWalkedOnce() throws IOException {
    sync.sync(source, "v1", destination, SyncOptions.defaults());
    // a hostile source lists the image's SBOM again as a referrer of the SBOM's signature
    Descriptor sbomSig = firstReferrers.get(2).descriptor();
    ForgedListing forged = new ForgedListing(source, Map.of(sbomSig, sbom.descriptor()));
    assertThat(sync.plan(forged, "v1", destination, SyncOptions.defaults()).isUpToDate()).isTrue();
  }

  /** Lists an extra referrer for some subjects. */
  private static final class ForgedListing extends CountingTarget {
    private final Map<Descriptor, Descriptor> extra;

    ForgedListing(MemoryStore delegate, Map<Descriptor, Descriptor> extra) {
      super(delegate);
      this.extra = extra;
    }

    @Override
    public List<Descriptor> referrers(
        Descriptor subject, @org.jspecify.annotations.Nullable String t) throws IOException {
      List<Descriptor> listed = new ArrayList<>(super.referrers(subject, t));
      for (Map.Entry<Descriptor, Descriptor> e : extra.entrySet()) {
        if (e.getKey().digest().equals(subject.digest())) {
          listed.add(e.getValue());
        }
      }
      return listed;
    }
  }
}
