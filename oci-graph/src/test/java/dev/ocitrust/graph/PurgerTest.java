package dev.ocitrust.graph;

import static dev.ocitrust.graph.Fixtures.SBOM;
import static dev.ocitrust.graph.Fixtures.SCAN;
import static dev.ocitrust.graph.Fixtures.SIG;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.Digest;
import dev.ocitrust.client.ImageManifest;
import dev.ocitrust.client.MemoryStore;
import dev.ocitrust.client.OciLayout;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PurgerTest {
  @TempDir Path tmp;

  @Test
  void deletesReferrersDeepestFirstThenTheRoot() throws IOException {
    MemoryStore memory = new MemoryStore();
    DiscoveryTest.Chain c = DiscoveryTest.chain(memory);
    memory.tag(c.image().descriptor(), "v1");
    CountingTarget store = new CountingTarget(memory);

    PurgeResult r = Purger.builder().build().purge(store, c.image().descriptor());

    List<String> deletes = store.events.stream().filter(e -> e.startsWith("delete")).toList();
    assertThat(deletes)
        .containsExactly(
            "delete " + c.sbomSig().descriptor().digest(),
            "delete " + c.scan().descriptor().digest(),
            "delete " + c.sig().descriptor().digest(),
            "delete " + c.sbom().descriptor().digest(),
            "delete " + c.image().descriptor().digest());
    assertThat(r.deleted())
        .extracting(Descriptor::digest)
        .containsExactly(
            c.sbomSig().descriptor().digest(),
            c.scan().descriptor().digest(),
            c.sig().descriptor().digest(),
            c.sbom().descriptor().digest(),
            c.image().descriptor().digest());
    assertThat(r.dryRun()).isFalse();
    assertThat(memory.tags()).isEmpty();
    assertThat(memory.exists(c.image().descriptor())).isFalse();
    // blobs are left for garbage collection unless asked
    assertThat(memory.exists(c.image().config())).isTrue();
  }

  @Test
  void protectedContentIsKeptAndListedAsKept() throws IOException {
    MemoryStore memory = new MemoryStore();
    DiscoveryTest.Chain c = DiscoveryTest.chain(memory);
    Descriptor config = c.image().config();
    PurgeResult r =
        Purger.builder()
            .includeBlobs(true)
            .protect(java.util.Set.of(config.digest(), c.sig().descriptor().digest()))
            .build()
            .purge(memory, c.image().descriptor());
    assertThat(memory.exists(config)).isTrue();
    assertThat(memory.exists(c.sig().descriptor())).isTrue();
    assertThat(memory.exists(c.image().descriptor())).isFalse();
    assertThat(r.kept())
        .extracting(Descriptor::digest)
        .contains(config.digest(), c.sig().descriptor().digest());
    assertThat(r.deleted()).extracting(Descriptor::digest).doesNotContain(config.digest());
  }

  @Test
  void dryRunListsTheSameOrderAndDeletesNothing() throws IOException {
    MemoryStore memory = new MemoryStore();
    DiscoveryTest.Chain c = DiscoveryTest.chain(memory);
    CountingTarget store = new CountingTarget(memory);
    PurgeResult plan =
        Purger.builder()
            .dryRun(true)
            .includeBlobs(true)
            .build()
            .purge(store, c.image().descriptor());
    assertThat(store.events).noneMatch(e -> e.startsWith("delete"));
    assertThat(plan.dryRun()).isTrue();
    assertThat(plan.deleted()).hasSize(plan.graph().size());
    // every node comes before what it names
    List<Digest> order = plan.deleted().stream().map(Descriptor::digest).toList();
    for (GraphEdge e : plan.graph().edges()) {
      assertThat(order.indexOf(e.from())).as(e.toString()).isLessThan(order.indexOf(e.to()));
    }
    assertThat(memory.exists(c.sbomSig().descriptor())).isTrue();

    PurgeResult done =
        Purger.builder().includeBlobs(true).build().purge(store, c.image().descriptor());
    assertThat(done.deleted()).isEqualTo(plan.deleted());
    for (Descriptor d : done.deleted()) {
      assertThat(memory.exists(d)).as(d.toString()).isFalse();
    }
  }

  @Test
  void keptReferrersKeepWhatTheyNeed() throws IOException {
    OciLayout store = OciLayout.open(tmp.resolve("layout"));
    DiscoveryTest.Chain c = DiscoveryTest.chain(store);
    ImageManifest archiveRecord =
        Fixtures.referrer(
            store,
            c.sbom().descriptor(),
            "application/vnd.example.archive+json",
            "in production 2026",
            Map.of("keep", "yes"));

    PurgeResult r =
        Purger.builder()
            .keep(ReferrerFilter.annotationEquals("keep", "yes"))
            .includeBlobs(true)
            .build()
            .purge(store, c.image().descriptor());

    // kept: the record, its content, its subject (the sbom) and the sbom's subject (the image),
    // with their content; gone: the other referrers and their own layers
    for (Descriptor kept :
        List.of(
            archiveRecord.descriptor(),
            archiveRecord.layers().get(0),
            c.sbom().descriptor(),
            c.image().descriptor(),
            c.image().config(),
            c.image().layers().get(0),
            Descriptor.EMPTY_JSON_DESCRIPTOR)) {
      assertThat(store.exists(kept)).as(kept.toString()).isTrue();
      assertThat(r.kept()).extracting(Descriptor::digest).contains(kept.digest());
    }
    for (ImageManifest gone : List.of(c.sig(), c.sbomSig(), c.scan())) {
      assertThat(store.exists(gone.descriptor())).isFalse();
      assertThat(store.exists(gone.layers().get(0))).isFalse();
    }
    assertThat(store.referrers(c.sbom().descriptor(), null))
        .extracting(Descriptor::digest)
        .containsExactly(archiveRecord.descriptor().digest());
    assertThat(
            new Discovery(store)
                .discover(c.image().descriptor())
                .referrers(c.image().descriptor().digest()))
        .extracting(n -> n.artifactType().get())
        .containsExactly(SBOM);
  }

  @Test
  void aRerunAfterPartialDeletionFinishes() throws IOException {
    MemoryStore memory = new MemoryStore();
    DiscoveryTest.Chain c = DiscoveryTest.chain(memory);
    memory.delete(c.sbomSig().descriptor());
    PurgeResult r = Purger.builder().build().purge(memory, c.image().descriptor());
    assertThat(r.deleted())
        .extracting(Descriptor::digest)
        .doesNotContain(c.sbomSig().descriptor().digest());
    assertThat(memory.referrers(c.image().descriptor(), SIG)).isEmpty();
    assertThat(memory.referrers(c.image().descriptor(), SCAN)).isEmpty();
    assertThat(memory.exists(c.image().descriptor())).isFalse();
  }
}
