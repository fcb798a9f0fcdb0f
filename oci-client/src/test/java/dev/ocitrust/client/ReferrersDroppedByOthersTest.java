package dev.ocitrust.client;

import static dev.ocitrust.client.MockRegistry.client;
import static dev.ocitrust.client.MockRegistry.referrer;
import static dev.ocitrust.client.MockRegistry.repo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ocitrust.client.internal.remote.Referrers;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * A referrer that another writer's stale fallback index dropped after this client had confirmed it
 * is written again by this client's next update of that index, unless it was deleted since.
 */
class ReferrersDroppedByOthersTest {
  /** A registry without the referrers API: manifests by digest and one fallback index. */
  private static final class FallbackRegistry extends Dispatcher {
    final String tagPath;
    final AtomicReference<byte[]> index = new AtomicReference<>();
    final Set<String> manifests = ConcurrentHashMap.newKeySet();

    FallbackRegistry(Descriptor subject) {
      this.tagPath = "/v2/repo/manifests/" + Referrers.fallbackTag(subject.digest());
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      String path = request.getUrl().encodedPath();
      String method = request.getMethod();
      if (path.startsWith("/v2/repo/referrers/")) {
        return MockRegistry.status(404).build();
      }
      if (path.equals(tagPath)) {
        if (method.equals("PUT")) {
          index.set(request.getBody().toByteArray());
          return MockRegistry.status(201).build();
        }
        byte[] bytes = index.get();
        return bytes == null
            ? MockRegistry.status(404).build()
            : MockRegistry.bytes(
                200,
                bytes,
                "Content-Type",
                MediaTypes.OCI_INDEX,
                "Docker-Content-Digest",
                Digest.sha256(bytes).toString());
      }
      String digest = path.substring(path.lastIndexOf('/') + 1);
      if (method.equals("PUT")) {
        manifests.add(Digest.sha256(request.getBody().toByteArray()).toString());
        return MockRegistry.status(201).build();
      }
      if (method.equals("HEAD")) {
        return MockRegistry.status(manifests.contains(digest) ? 200 : 404).build();
      }
      if (method.equals("DELETE")) {
        return MockRegistry.status(202).build();
      }
      return MockRegistry.status(400).build();
    }

    /** What another writer's stale read-modify-write leaves: an index of {@code entries}. */
    void overwrite(Manifest... entries) {
      index.set(
          ImageIndex.builder()
              .manifests(List.of(entries).stream().map(Manifest::referrerDescriptor).toList())
              .build()
              .bytes());
    }

    Set<Digest> listed() throws InvalidManifestException {
      return ((ImageIndex) Manifest.parse(index.get(), MediaTypes.OCI_INDEX))
          .manifests().stream().map(Descriptor::digest).collect(Collectors.toSet());
    }
  }

  @Test
  void aDroppedReferrerGoesBackInWithTheNextUpdateUnlessDeleted() throws Exception {
    Descriptor subject = MockRegistry.image("dropped").descriptor();
    FallbackRegistry registry = new FallbackRegistry(subject);
    try (MockWebServer server = new MockWebServer();
        RegistryClient client = client().build()) {
      server.setDispatcher(registry);
      server.start();
      Repository repo = repo(client, server);
      Manifest mine = referrer(subject, "application/vnd.example", "mine");
      Manifest theirs = referrer(subject, "application/vnd.example", "theirs");
      repo.pushReferrers(subject, List.of(mine));
      repo.pushReferrers(subject, List.of(theirs));
      assertThat(registry.listed())
          .containsOnly(mine.descriptor().digest(), theirs.descriptor().digest());

      registry.overwrite(theirs); // a writer that read before "mine" landed
      Manifest next = referrer(subject, "application/vnd.example", "next");
      repo.pushReferrers(subject, List.of(next));
      assertThat(registry.listed())
          .containsOnly(
              mine.descriptor().digest(), theirs.descriptor().digest(), next.descriptor().digest());

      // deleted by another client since: not put back (docker-registry would refuse the index)
      registry.manifests.remove(mine.descriptor().digest().toString());
      registry.overwrite(theirs, next);
      Manifest last = referrer(subject, "application/vnd.example", "last");
      repo.pushReferrers(subject, List.of(last));
      assertThat(registry.listed())
          .containsOnly(
              theirs.descriptor().digest(), next.descriptor().digest(), last.descriptor().digest());
    }
  }
}
