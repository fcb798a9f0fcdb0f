package dev.ocitrust.graph;

import static dev.ocitrust.graph.Fixtures.SBOM;
import static dev.ocitrust.graph.Fixtures.SIG;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.Digest;
import dev.ocitrust.client.ImageManifest;
import dev.ocitrust.client.MemoryStore;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Stores that lie in their referrer listings: cycles, self-reference, wrong subjects. */
class HostileGraphTest {
  /** A store whose referrer listings have extra, made-up entries. */
  static class LyingTarget extends CountingTarget {
    final Map<Digest, List<Descriptor>> extra = new ConcurrentHashMap<>();

    LyingTarget(MemoryStore delegate) {
      super(delegate);
    }

    void lie(Descriptor subject, Descriptor listed) {
      extra.computeIfAbsent(subject.digest(), d -> new ArrayList<>()).add(listed);
    }

    @Override
    public List<Descriptor> referrers(Descriptor subject, @Nullable String artifactType)
        throws IOException {
      List<Descriptor> all = new ArrayList<>(super.referrers(subject, artifactType));
      all.addAll(extra.getOrDefault(subject.digest(), List.of()));
      return all;
    }
  }

  @Test
  void aSubjectListedAsItsOwnReferrerIsIgnored() throws Exception {
    MemoryStore store = new MemoryStore();
    ImageManifest image = Fixtures.image(store, "self");
    LyingTarget lying = new LyingTarget(store);
    lying.lie(image.descriptor(), image.referrerDescriptor());
    ArtifactGraph g = walk(lying, image.descriptor());
    assertThat(g.referrers(image.descriptor().digest())).isEmpty();
    assertThat(g.anomalies())
        .extracting(GraphAnomaly::message)
        .containsExactly("listed as its own referrer");
  }

  @Test
  void aSubjectListedAsItsReferrersReferrerMakesNoCycle() throws Exception {
    // The hand-crafted cycle: sig's subject is image, and the store claims image refers to sig.
    MemoryStore store = new MemoryStore();
    ImageManifest image = Fixtures.image(store, "cycle");
    ImageManifest sig = Fixtures.referrer(store, image.descriptor(), SIG, "sig");
    ImageManifest sigOfSig = Fixtures.referrer(store, sig.descriptor(), SIG, "sig of sig");
    LyingTarget lying = new LyingTarget(store);
    lying.lie(sig.descriptor(), image.referrerDescriptor());
    lying.lie(sigOfSig.descriptor(), image.referrerDescriptor());
    lying.lie(sigOfSig.descriptor(), sig.referrerDescriptor());
    ArtifactGraph g = walk(lying, image.descriptor());

    assertThat(g.manifests())
        .extracting(GraphNode::digest)
        .containsExactly(
            image.descriptor().digest(), sig.descriptor().digest(), sigOfSig.descriptor().digest());
    assertThat(g.subject(image.descriptor().digest())).isEmpty();
    assertThat(g.anomalies())
        .extracting(GraphAnomaly::message)
        .containsExactlyInAnyOrder(
            "listed as a referrer of " + sig.descriptor().digest() + " but its subject is absent",
            "listed as a referrer of "
                + sigOfSig.descriptor().digest()
                + " but its subject is absent",
            "listed as a referrer of "
                + sigOfSig.descriptor().digest()
                + " but its subject is "
                + image.descriptor().digest());
    // still a DAG: bottom-up order exists and the copier can schedule it
    assertThat(g.bottomUp()).hasSize(g.size());
    MemoryStore dst = new MemoryStore();
    try (GraphCopier copier = GraphCopier.builder().concurrency(2).build()) {
      copier.copy(lying, image.descriptor(), dst, CopyOptions.withReferrers());
    }
    assertThat(dst.referrers(sig.descriptor(), null))
        .extracting(Descriptor::digest)
        .containsExactly(sigOfSig.descriptor().digest());
  }

  @Test
  void aReferrerListedUnderTheWrongSubjectIsDropped() throws Exception {
    MemoryStore store = new MemoryStore();
    ImageManifest a = Fixtures.image(store, "a");
    ImageManifest b = Fixtures.image(store, "b");
    ImageManifest sbomOfB = Fixtures.referrer(store, b.descriptor(), SBOM, "sbom of b");
    LyingTarget lying = new LyingTarget(store);
    lying.lie(a.descriptor(), sbomOfB.referrerDescriptor());
    ArtifactGraph g = walk(lying, a.descriptor());
    assertThat(g.contains(sbomOfB.descriptor().digest())).isFalse();
    assertThat(g.anomalies())
        .extracting(GraphAnomaly::message)
        .containsExactly(
            "listed as a referrer of "
                + a.descriptor().digest()
                + " but its subject is "
                + b.descriptor().digest());
  }

  @Test
  void aListingThatLiesAboutTheArtifactTypeDoesNotPassTheFilter() throws Exception {
    MemoryStore store = new MemoryStore();
    ImageManifest image = Fixtures.image(store, "typed");
    ImageManifest sbom = Fixtures.referrer(store, image.descriptor(), SBOM, "sbom");
    MemoryStore empty = new MemoryStore();
    Fixtures.image(empty, "typed");
    LyingTarget lying =
        new LyingTarget(empty) {
          @Override
          public java.io.InputStream fetch(Descriptor target) throws IOException {
            return store.fetch(target);
          }
        };
    lying.lie(image.descriptor(), sbom.referrerDescriptor().withArtifactType(SIG));
    ArtifactGraph g =
        Discovery.builder(lying)
            .options(DiscoveryOptions.builder().filter(ReferrerFilter.artifactTypes(SIG)).build())
            .build()
            .discover(image.descriptor());
    assertThat(g.referrers(image.descriptor().digest())).isEmpty();
    assertThat(g.anomalies())
        .singleElement()
        .extracting(GraphAnomaly::message)
        .asString()
        .contains("is refused by the filter");
  }

  @Test
  void aListedReferrerTheStoreDoesNotHaveIsAnAnomaly() throws Exception {
    MemoryStore store = new MemoryStore();
    ImageManifest image = Fixtures.image(store, "dangling");
    LyingTarget lying = new LyingTarget(store);
    Descriptor ghost =
        Descriptor.of(
                dev.ocitrust.client.MediaTypes.OCI_MANIFEST, Fixtures.utf8("{\"ghost\":true}"))
            .withArtifactType(SIG);
    lying.lie(image.descriptor(), ghost);
    ArtifactGraph g = walk(lying, image.descriptor());
    assertThat(g.contains(ghost.digest())).isFalse();
    assertThat(g.anomalies())
        .singleElement()
        .extracting(GraphAnomaly::message)
        .asString()
        .contains("does not have it");
  }

  private static ArtifactGraph walk(LyingTarget target, Descriptor root) throws Exception {
    return org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
        Duration.ofSeconds(10), () -> new Discovery(target).discover(root));
  }

  static Map<String, String> none() {
    return Map.of();
  }
}
