package dev.ocitrust.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ocitrust.testkit.RegistryExtension;
import dev.ocitrust.testkit.RegistryServer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Blob and manifest round trips, mounts and deletes against a real docker-registry 2.8. */
class RegistryRoundTripIT {
  @RegisterExtension static RegistryExtension registry = RegistryExtension.plain();

  private static RegistryServer server;
  private static RegistryClient monolithic;
  private static RegistryClient chunked;

  @BeforeAll
  static void start(RegistryServer s) {
    server = s;
    monolithic = RegistryClient.builder().insecurePlainHttp(s.host()).build();
    chunked = monolithic.toBuilder().chunkSize(4 * 1024 * 1024).build();
  }

  @AfterAll
  static void stop() {
    chunked.close();
    monolithic.close();
  }

  private static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static Repository repo(RegistryClient c, String name) {
    return c.repository(server.host() + "/" + name);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 5 * 1024 * 1024, 64 * 1024 * 1024})
  void blobsRoundTripMonolithicAndChunked(int size) throws Exception {
    byte[] blob = random(size, size);
    Descriptor d = Descriptor.of("application/octet-stream", blob);
    for (RegistryClient c : List.of(monolithic, chunked)) {
      Repository repo = repo(c, "roundtrip/" + (c == chunked ? "chunked" : "mono") + size);
      assertThat(repo.exists(d)).isFalse();
      repo.push(d, new ByteArrayInputStream(blob));
      assertThat(repo.exists(d)).isTrue();
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      long total = 0;
      try (InputStream in = repo.fetch(d)) {
        byte[] buffer = new byte[1 << 16];
        int n;
        while ((n = in.read(buffer)) >= 0) {
          sha.update(buffer, 0, n);
          total += n;
        }
      }
      assertThat(total).isEqualTo(size);
      assertThat(d.digest().matches(sha.digest())).isTrue();
    }
  }

  @Test
  void wrongContentIsNotStored() throws Exception {
    Repository repo = repo(monolithic, "roundtrip/wrong");
    byte[] blob = random(1024 * 1024, 9);
    Descriptor d = Descriptor.of("application/octet-stream", blob);
    byte[] tampered = blob.clone();
    tampered[tampered.length - 1] ^= 1;
    assertThatThrownBy(() -> repo.push(d, tampered))
        .isInstanceOf(ContentVerificationException.class);
    assertThat(repo.exists(d)).isFalse();
    assertThatThrownBy(
            () -> chunked.repository(server.host() + "/roundtrip/wrong").push(d, tampered))
        .isInstanceOf(ContentVerificationException.class);
    assertThat(repo.exists(d)).isFalse();
  }

  @Test
  void streamedUploadsComputeTheirDigest() throws Exception {
    Repository repo = repo(monolithic, "roundtrip/streamed");
    byte[] blob = random(3 * 1024 * 1024 + 7, 10);
    Descriptor d = repo.pushBlob("application/x-tar", new ByteArrayInputStream(blob));
    assertThat(d).isEqualTo(Descriptor.of("application/x-tar", blob));
    assertThat(repo.fetchBytes(d, blob.length)).isEqualTo(blob);
  }

  @Test
  void blobsMountBetweenRepositories() throws Exception {
    Repository a = repo(monolithic, "mount/a");
    Repository b = repo(monolithic, "mount/b");
    byte[] blob = random(100_000, 11);
    Descriptor d = Descriptor.of("application/octet-stream", blob);
    a.push(d, blob);
    assertThat(b.exists(d)).isFalse();
    assertThat(b.mount(d, a)).isTrue();
    assertThat(b.exists(d)).isTrue();
    // from a repository that does not have it the registry opens an upload: declined, cancelled
    Descriptor missing = Descriptor.of("application/octet-stream", random(10, 12));
    assertThat(b.mount(missing, a)).isFalse();
    assertThat(b.exists(missing)).isFalse();
  }

  @Test
  void mountOrPushSendsThroughTheSessionAMountRefusalOpened() throws Exception {
    Repository a = repo(monolithic, "mountorpush/a");
    Repository b = repo(monolithic, "mountorpush/b");
    byte[] blob = random(300_000, 13);
    Descriptor d = Descriptor.of("application/octet-stream", blob);
    // a lacks it: the registry answers the mount with an upload session, used for the bytes
    assertThat(b.mountOrPush(d, a, new ByteArrayInputStream(blob))).isFalse();
    assertThat(b.exists(d)).isTrue();
    assertThat(a.exists(d)).isFalse();
    // b has it now: mounted into a, nothing read
    assertThat(a.mountOrPush(d, b, unreadable())).isTrue();
    assertThat(a.exists(d)).isTrue();
    try (InputStream in = a.fetch(d)) {
      assertThat(in.readAllBytes()).isEqualTo(blob);
    }
  }

  @Test
  void aSmallBlobsPresenceIsAskedWithAMountFromItsOwnRepository() throws Exception {
    byte[] blob = random((int) Repository.SMALL_BLOB, 14);
    Descriptor d = Descriptor.of("application/octet-stream", blob);
    Repository first = repo(monolithic, "selfmount/first");
    first.push(d, blob);
    first.push(d, unreadable()); // there: the registry says so, the content is not read
    // in another repository of the same registry the blob is not linked: it is sent
    Repository second = repo(monolithic, "selfmount/second");
    assertThat(second.exists(d)).isFalse();
    second.push(d, blob);
    assertThat(second.exists(d)).isTrue();
    // wrong content through the mount request's session is refused and leaves nothing
    Descriptor other = Descriptor.of("application/octet-stream", random(1000, 15));
    assertThatThrownBy(() -> second.push(other, random(1000, 16)))
        .isInstanceOf(ContentVerificationException.class);
    assertThat(second.exists(other)).isFalse();
  }

  @Test
  void oneTagListingTellsWhichSubjectsMayHaveReferrers() throws Exception {
    Repository repo = repo(monolithic, "roundtrip/possible");
    repo.push(
        Descriptor.EMPTY_JSON_DESCRIPTOR, "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    List<Descriptor> subjects = new java.util.ArrayList<>();
    for (int i = 0; i < 9; i++) {
      ImageManifest m =
          ImageManifest.builder(Descriptor.EMPTY_JSON_DESCRIPTOR)
              .artifactType("application/vnd.example.subject")
              .annotation("n", Integer.toString(i))
              .build();
      repo.push(m);
      subjects.add(m.descriptor());
    }
    repo.push(
        ImageManifest.builder(Descriptor.EMPTY_JSON_DESCRIPTOR)
            .artifactType("application/vnd.example.claim")
            .subject(subjects.get(5))
            .build());
    assertThat(repo.withPossibleReferrers(subjects)).containsExactly(subjects.get(5));
    assertThat(repo.referrers(subjects.get(5), null)).hasSize(1);
  }

  /** A stream that fails the test when it is read. */
  private static InputStream unreadable() {
    return new InputStream() {
      @Override
      public int read() {
        throw new AssertionError("the content was read");
      }
    };
  }

  @Test
  void imagesResolveByTagAndDigestAndDeleteByDigest() throws Exception {
    Repository repo = repo(monolithic, "roundtrip/image");
    ImageManifest image = LayoutInteropIT.pushRunnableImage(repo);
    repo.push(image, "v1");
    Descriptor byTag = repo.resolve("v1");
    assertThat(byTag).isEqualTo(image.descriptor());
    assertThat(repo.resolve(image.descriptor().digest().toString())).isEqualTo(image.descriptor());
    assertThat(repo.fetchManifest("v1").bytes()).isEqualTo(image.bytes());
    assertThat(repo.tags()).containsExactly("v1");
    assertThat(monolithic.catalog(server.host())).contains("roundtrip/image");
    // docker-registry cannot delete a tag alone
    assertThatThrownBy(() -> repo.untag("v1"))
        .isInstanceOfSatisfying(
            RegistryException.class, e -> assertThat(e.statusCode()).isEqualTo(400));
    repo.delete(image.descriptor());
    assertThatThrownBy(() -> repo.resolve("v1")).isInstanceOf(NotFoundException.class);
    Descriptor layer = image.layers().get(0);
    repo.delete(layer);
    assertThat(repo.exists(layer)).isFalse();
    assertThatThrownBy(() -> repo.delete(layer)).isInstanceOf(NotFoundException.class);
  }

  @Test
  void aBatchOfReferrersLandsInOneFallbackIndex() throws Exception {
    Repository repo = repo(monolithic, "roundtrip/batch");
    ImageManifest image = LayoutInteropIT.pushRunnableImage(repo);
    repo.push(
        Descriptor.EMPTY_JSON_DESCRIPTOR, "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    List<Manifest> batch = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      byte[] layer = ("claim " + i).getBytes(java.nio.charset.StandardCharsets.UTF_8);
      Descriptor l = Descriptor.of("application/vnd.example.claim", layer);
      repo.push(l, layer);
      batch.add(
          ImageManifest.builder(Descriptor.EMPTY_JSON_DESCRIPTOR)
              .artifactType("application/vnd.example.claim")
              .layer(l)
              .subject(image.descriptor())
              .build());
    }
    repo.pushReferrers(image.descriptor(), batch);
    repo.pushReferrers(image.descriptor(), batch); // again: no duplicates
    assertThat(repo.referrers(image.descriptor(), "application/vnd.example.claim"))
        .extracting(Descriptor::digest)
        .containsExactlyInAnyOrderElementsOf(
            batch.stream().map(m -> m.descriptor().digest()).toList());
    assertThat(repo.allTags()).containsExactly("sha256-" + image.descriptor().digest().encoded());
    assertThat(repo.tags()).isEmpty();
  }
}
