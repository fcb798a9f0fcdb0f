package dev.ocitrust.client;

import static dev.ocitrust.client.TestGraphs.pushImage;
import static dev.ocitrust.client.TestGraphs.pushReferrer;
import static dev.ocitrust.client.TestGraphs.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Behaviour every {@link Target} shares; one subclass per store. */
abstract class TargetContractTest {
  /** A new, empty store. */
  abstract Target newStore() throws IOException;

  @Test
  void pushThenFetchRoundTrips() throws IOException {
    Target store = newStore();
    byte[] content = utf8("some content");
    Descriptor d = Descriptor.of("application/octet-stream", content);
    assertThat(store.exists(d)).isFalse();
    store.push(d, content);
    assertThat(store.exists(d)).isTrue();
    try (InputStream in = store.fetch(d)) {
      assertThat(in.readAllBytes()).isEqualTo(content);
    }
    store.push(d, content); // already there: fine
  }

  @Test
  void pushOfWrongContentIsRejectedAndLeavesNothing() throws IOException {
    Target store = newStore();
    Descriptor d = Descriptor.of("application/octet-stream", utf8("the real content"));
    assertThatThrownBy(() -> store.push(d, utf8("the fake content")))
        .isInstanceOf(ContentVerificationException.class);
    assertThatThrownBy(() -> store.push(d, utf8("the real conten")))
        .isInstanceOf(ContentVerificationException.class);
    assertThatThrownBy(() -> store.push(d, utf8("the real content!")))
        .isInstanceOf(ContentVerificationException.class);
    assertThat(store.exists(d)).isFalse();
    assertThatThrownBy(() -> store.fetch(d)).isInstanceOf(NotFoundException.class);
  }

  @Test
  void aVerifyingStreamIsTrustedOnlyToFailAndWrongContentThroughItLeavesNothing()
      throws IOException {
    Target store = newStore();
    byte[] real = utf8("content fetched from another store");
    Descriptor d = Descriptor.of("application/octet-stream", real);
    byte[] tampered = real.clone();
    tampered[tampered.length - 1] ^= 1;
    // a fetch from another store verifies itself (the store does not hash it again): it still
    // fails before its last byte, and the push leaves nothing
    assertThatThrownBy(
            () ->
                store.push(
                    d,
                    new dev.ocitrust.client.internal.VerifiedInputStream(
                        new ByteArrayInputStream(tampered), d, "other store")))
        .isInstanceOf(ContentVerificationException.class);
    // a verifying stream of other content is verified by the store against what it is pushed as
    Descriptor other = Descriptor.of("application/octet-stream", tampered);
    assertThatThrownBy(
            () ->
                store.push(
                    d,
                    new dev.ocitrust.client.internal.VerifiedInputStream(
                        new ByteArrayInputStream(tampered), other, "other store")))
        .isInstanceOf(ContentVerificationException.class);
    assertThat(store.exists(d)).isFalse();
    store.push(
        d,
        new dev.ocitrust.client.internal.VerifiedInputStream(
            new ByteArrayInputStream(real), d, "other store"));
    try (InputStream in = store.fetch(d)) {
      assertThat(in.readAllBytes()).isEqualTo(real);
    }
  }

  @Test
  void aLazyStreamIsOpenedOnlyWhenTheStoreLacksTheContent() throws IOException {
    for (int size : new int[] {64, (int) Repository.SMALL_BLOB + 1}) {
      Target store = newStore();
      MemoryStore source = new MemoryStore();
      byte[] content = new byte[size];
      new Random(-size).nextBytes(content);
      Descriptor d = Descriptor.of("application/octet-stream", content);
      source.push(d, content);
      AtomicInteger opened = new AtomicInteger();
      ContentStreams.Opener fetch =
          () -> {
            opened.incrementAndGet();
            return source.fetch(d);
          };
      try (InputStream in = ContentStreams.lazy(fetch)) {
        store.push(d, in);
      }
      assertThat(opened).as("%d bytes, absent", size).hasValue(1);
      try (InputStream in = ContentStreams.lazy(fetch)) {
        store.push(d, in);
      }
      assertThat(opened).as("%d bytes, present", size).hasValue(1);
    }
  }

  @Test
  void foreignStreamsThatLookVerifiedAreHashedAnyway() throws IOException {
    // a small blob and one past Repository.SMALL_BLOB: each goes its own way into a registry
    for (int size : new int[] {64, (int) Repository.SMALL_BLOB + 1}) {
      Target store = newStore();
      byte[] real = new byte[size];
      new Random(size).nextBytes(real);
      Descriptor d = Descriptor.of("application/octet-stream", real);
      byte[] tampered = real.clone();
      tampered[size / 2] ^= 1;
      Descriptor ofTampered = Descriptor.of("application/octet-stream", tampered);
      MemoryStore other = new MemoryStore();
      other.push(d, real);
      other.push(ofTampered, tampered);
      for (Map.Entry<String, ContentStreams.Opener> e :
          ForeignStreams.disguises(other, d, ofTampered).entrySet()) {
        try (InputStream in = e.getValue().open()) {
          assertThatThrownBy(() -> store.push(d, in))
              .as(e.getKey() + ", " + size + " bytes")
              .isInstanceOf(ContentVerificationException.class);
        }
        assertThat(store.exists(d)).as(e.getKey()).isFalse();
      }
    }
  }

  @Test
  void whoeverHoldsAVerifyingStreamCannotReadPastTheStoresHash() throws IOException {
    Target store = newStore();
    byte[] real = utf8("content that a thief wants stored without its first bytes");
    Descriptor d = Descriptor.of("application/octet-stream", real);
    ForeignStreams.Thief thief = new ForeignStreams.Thief(real);
    InputStream victim =
        new dev.ocitrust.client.internal.VerifiedInputStream(thief, d, "foreign source");
    thief.victim = victim;
    // the thief reads through the stream it feeds, from inside its own read: were that stream
    // trusted as it is, the store would get the rest under the whole content's digest
    store.push(d, victim);
    assertThat(thief.refused).isNotNull();
    try (InputStream in = store.fetch(d)) {
      assertThat(in.readAllBytes()).isEqualTo(real);
    }
    assertThatThrownBy(victim::read).isInstanceOf(IOException.class);
  }

  @Test
  void pushDoesNotCloseTheCallersStream() throws IOException {
    Target store = newStore();
    byte[] content = utf8("stream content");
    AtomicBoolean closed = new AtomicBoolean();
    InputStream in =
        new ByteArrayInputStream(content) {
          @Override
          public void close() {
            closed.set(true);
          }
        };
    store.push(Descriptor.of("application/octet-stream", content), in);
    assertThat(closed).isFalse();
  }

  @Test
  void manifestsResolveByDigestAndTag() throws IOException {
    Target store = newStore();
    ImageManifest image = pushImage(store, "a");
    assertThat(store.resolve(image.descriptor().digest().toString()).digest())
        .isEqualTo(image.descriptor().digest());
    assertThatThrownBy(() -> store.resolve("v1")).isInstanceOf(NotFoundException.class);
    store.tag(image.descriptor(), "v1");
    assertThat(store.resolve("v1").digest()).isEqualTo(image.descriptor().digest());
    assertThat(store.fetchManifest(store.resolve("v1")).bytes()).isEqualTo(image.bytes());

    ImageManifest other = pushImage(store, "b");
    store.tag(other.descriptor(), "v1");
    store.tag(other.descriptor(), "latest");
    assertThat(store.resolve("v1").digest()).isEqualTo(other.descriptor().digest());
    assertThat(store.tags()).containsExactly("latest", "v1");
    // the untagged manifest is still resolvable by digest
    assertThat(store.resolve(image.descriptor().digest().toString()).digest())
        .isEqualTo(image.descriptor().digest());
  }

  @Test
  void taggingMissingContentOrBadTagsFails() throws IOException {
    Target store = newStore();
    Descriptor missing = Descriptor.of(MediaTypes.OCI_MANIFEST, utf8("{}"));
    assertThatThrownBy(() -> store.tag(missing, "v1")).isInstanceOf(NotFoundException.class);
    ImageManifest image = pushImage(store, "a");
    assertThatThrownBy(() -> store.tag(image.descriptor(), "-bad"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-bad")
        .hasMessageContaining(":-bad'"); // names the store
  }

  @Test
  void invalidManifestsAreRefused() throws IOException {
    Target store = newStore();
    byte[] notJson = utf8("not json");
    Descriptor d = Descriptor.of(MediaTypes.OCI_MANIFEST, notJson);
    assertThatThrownBy(() -> store.push(d, notJson)).isInstanceOf(InvalidManifestException.class);
    assertThat(store.exists(d)).isFalse();
  }

  @Test
  void referrersAreFoundFromSubjectFields() throws IOException {
    Target store = newStore();
    ImageManifest image = pushImage(store, "a");
    ImageManifest sbom = pushReferrer(store, image.descriptor(), "application/spdx+json", "sbom");
    ImageManifest sig =
        pushReferrer(store, image.descriptor(), "application/vnd.cncf.notary.signature", "sig");
    ImageManifest sigOfSbom =
        pushReferrer(store, sbom.descriptor(), "application/vnd.cncf.notary.signature", "sig2");

    List<Descriptor> all = store.referrers(image.descriptor(), null);
    assertThat(all)
        .extracting(Descriptor::digest)
        .containsExactlyInAnyOrder(sbom.descriptor().digest(), sig.descriptor().digest());
    assertThat(all).allSatisfy(d -> assertThat(d.artifactType()).isPresent());
    assertThat(all)
        .allSatisfy(
            d -> assertThat(d.annotations()).containsKey("org.opencontainers.image.created"));
    assertThat(store.referrers(image.descriptor(), "application/spdx+json"))
        .extracting(Descriptor::digest)
        .containsExactly(sbom.descriptor().digest());
    assertThat(store.referrers(sbom.descriptor(), null))
        .extracting(Descriptor::digest)
        .containsExactly(sigOfSbom.descriptor().digest());
    assertThat(store.referrers(sig.descriptor(), null)).isEmpty();
  }

  @Test
  void deleteRemovesContentTagsAndReferrerEntries() throws IOException {
    Target store = newStore();
    ImageManifest image = pushImage(store, "a");
    ImageManifest sbom = pushReferrer(store, image.descriptor(), "application/spdx+json", "sbom");
    store.tag(sbom.descriptor(), "sbom");
    assertThat(store.referrers(image.descriptor(), null)).hasSize(1);
    store.delete(sbom.descriptor());
    assertThat(store.exists(sbom.descriptor())).isFalse();
    assertThat(store.tags()).doesNotContain("sbom");
    assertThat(store.referrers(image.descriptor(), null)).isEmpty();
    assertThatThrownBy(() -> store.delete(sbom.descriptor())).isInstanceOf(NotFoundException.class);
  }

  @Test
  void concurrentWritersFromManyThreadsAreSafe() throws Exception {
    Target store = newStore();
    ImageManifest base = pushImage(store, "base");
    int threads = 8;
    int perThread = 10;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<ImageManifest>>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int id = t;
        futures.add(
            pool.submit(
                () -> {
                  List<ImageManifest> mine = new ArrayList<>();
                  for (int i = 0; i < perThread; i++) {
                    ImageManifest m =
                        pushReferrer(store, base.descriptor(), "x/t" + id, "body " + id + "/" + i);
                    store.tag(m.descriptor(), "t" + id + "-" + i);
                    mine.add(m);
                  }
                  return mine;
                }));
      }
      List<ImageManifest> all = new ArrayList<>();
      for (Future<List<ImageManifest>> f : futures) {
        all.addAll(f.get());
      }
      assertThat(store.tags()).hasSize(threads * perThread);
      assertThat(store.referrers(base.descriptor(), null)).hasSize(threads * perThread);
      for (ImageManifest m : all) {
        assertThat(store.fetchManifest(m.descriptor()).bytes()).isEqualTo(m.bytes());
      }
      afterConcurrentWrites(store, threads * perThread);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Extra checks a store may make after {@link #concurrentWritersFromManyThreadsAreSafe}. */
  void afterConcurrentWrites(Target store, int tags) throws IOException {}
}
