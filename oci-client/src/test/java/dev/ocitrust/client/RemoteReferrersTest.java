package dev.ocitrust.client;

import static dev.ocitrust.client.MockRegistry.bytes;
import static dev.ocitrust.client.MockRegistry.client;
import static dev.ocitrust.client.MockRegistry.image;
import static dev.ocitrust.client.MockRegistry.manifest;
import static dev.ocitrust.client.MockRegistry.referrer;
import static dev.ocitrust.client.MockRegistry.repo;
import static dev.ocitrust.client.MockRegistry.status;
import static dev.ocitrust.client.MockRegistry.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The referrers API, its detection, and the fallback tag schema, against MockWebServer. */
class RemoteReferrersTest {
  private static final String SBOM = "application/spdx+json";
  private static final String SIG = "application/vnd.cncf.notary.signature";

  private MockWebServer server;
  private RegistryClient client;
  private final ImageManifest subject = image("subject");

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
    client = client().build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  private static ImageIndex indexOf(Manifest... referrers) {
    ImageIndex.Builder b = ImageIndex.builder();
    for (Manifest m : referrers) {
      b.manifest(m.referrerDescriptor());
    }
    return b.build();
  }

  private static mockwebserver3.MockResponse referrersPage(ImageIndex index, String... headers) {
    String[] all = new String[headers.length + 2];
    all[0] = "Content-Type";
    all[1] = MediaTypes.OCI_INDEX;
    System.arraycopy(headers, 0, all, 2, headers.length);
    return bytes(200, index.bytes(), all);
  }

  @Test
  void theApiIsPagedAndFilteredHereWhenTheRegistryDidNotFilter() throws Exception {
    ImageManifest sbom1 = referrer(subject.descriptor(), SBOM, "1");
    ImageManifest sig = referrer(subject.descriptor(), SIG, "2");
    ImageManifest sbom2 = referrer(subject.descriptor(), SBOM, "3");
    server.enqueue(
        referrersPage(
            indexOf(sbom1, sig),
            "Link",
            "</v2/repo/referrers/" + subject.descriptor().digest() + "?page=2>; rel=\"next\""));
    server.enqueue(referrersPage(indexOf(sbom2)));
    List<Descriptor> got = repo(client, server).referrers(subject.descriptor(), SBOM);
    assertThat(got)
        .extracting(Descriptor::digest)
        .containsExactly(sbom1.descriptor().digest(), sbom2.descriptor().digest());
    RecordedRequest first = server.takeRequest();
    assertThat(first.getUrl().queryParameter("artifactType")).isEqualTo(SBOM);
    assertThat(first.getHeaders().get("Accept")).contains(MediaTypes.OCI_INDEX);
    assertThat(server.takeRequest().getUrl().queryParameter("page")).isEqualTo("2");
  }

  @Test
  void withoutTheApiOneTagListingRulesOutSubjectsWithoutAFallbackTag() throws Exception {
    List<Descriptor> subjects = new java.util.ArrayList<>();
    for (int i = 0; i < 10; i++) {
      subjects.add(image("s" + i).descriptor());
    }
    String tagged =
        dev.ocitrust.client.internal.remote.Referrers.fallbackTag(subjects.get(3).digest());
    server.enqueue(status(404).build()); // referrers API
    server.enqueue(text(200, "{\"name\":\"repo\",\"tags\":[\"v1\",\"" + tagged + "\"]}"));
    List<Descriptor> possible = repo(client, server).withPossibleReferrers(subjects);
    assertThat(possible).containsExactly(subjects.get(3));
    assertThat(server.takeRequest().getUrl().encodedPath()).contains("/referrers/");
    assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/v2/repo/tags/list");
    assertThat(server.getRequestCount()).isEqualTo(2);

    // a few subjects are not worth a listing; with the API every subject stays
    assertThat(repo(client, server).withPossibleReferrers(subjects.subList(0, 7)))
        .isEqualTo(subjects.subList(0, 7));
    assertThat(server.getRequestCount()).isEqualTo(2);
    // a registry that refuses to list tags: every subject is asked about after all
    server.enqueue(MockRegistry.errorBody(403, "DENIED", "no listing"));
    assertThat(repo(client, server).withPossibleReferrers(subjects)).isEqualTo(subjects);
    server.enqueue(MockRegistry.errorBody(404, "NAME_UNKNOWN", "no listing"));
    assertThat(repo(client, server).withPossibleReferrers(subjects)).isEqualTo(subjects);
    assertThat(server.getRequestCount()).isEqualTo(4);

    RegistryClient withApi = client().build();
    server.enqueue(referrersPage(ImageIndex.builder().build()));
    assertThat(repo(withApi, server).withPossibleReferrers(subjects)).isEqualTo(subjects);
    assertThat(server.getRequestCount()).isEqualTo(5);
  }

  @Test
  void aRegistryThatFilteredIsTrusted() throws Exception {
    ImageManifest sig = referrer(subject.descriptor(), SIG, "2");
    // the registry says it applied the filter; whatever it returns is its answer
    server.enqueue(referrersPage(indexOf(sig), "OCI-Filters-Applied", "artifactType"));
    assertThat(repo(client, server).referrers(subject.descriptor(), SBOM))
        .extracting(Descriptor::digest)
        .containsExactly(sig.descriptor().digest());
  }

  @Test
  void pagesOnAnotherOriginAreRefused() {
    server.enqueue(
        referrersPage(
            indexOf(),
            "Link",
            "<http://elsewhere.example:1/v2/repo/referrers/x?p=2>; rel=\"next\""));
    assertThatThrownBy(() -> repo(client, server).referrers(subject.descriptor(), null))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("another origin");
  }

  @Test
  void anEndlessLinkChainStopsAtThePageLimit() {
    RegistryClient limited = client().maxPages(5).build();
    for (int i = 0; i < 6; i++) {
      server.enqueue(
          referrersPage(indexOf(), "Link", "</v2/repo/referrers/x?p=" + i + ">; rel=\"next\""));
    }
    assertThatThrownBy(() -> repo(limited, server).referrers(subject.descriptor(), null))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("more than 5 pages");
    assertThat(server.getRequestCount()).isEqualTo(5);
  }

  @Test
  void aLinkBackToAPageAlreadyReadIsRefused() {
    server.enqueue(referrersPage(indexOf(), "Link", "</v2/repo/referrers/x?p=1>; rel=\"next\""));
    server.enqueue(referrersPage(indexOf(), "Link", "</v2/repo/referrers/x?p=1>; rel=\"next\""));
    assertThatThrownBy(() -> repo(client, server).referrers(subject.descriptor(), null))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("loops");
  }

  @Test
  void withoutTheApiTheFallbackTagIsReadAndTheAnswerRemembered() throws Exception {
    ImageManifest sbom = referrer(subject.descriptor(), SBOM, "1");
    ImageManifest sig = referrer(subject.descriptor(), SIG, "2");
    ImageIndex fallback = indexOf(sbom, sig);
    server.enqueue(text(404, "404 page not found\n", "Content-Type", "text/plain"));
    server.enqueue(manifest(fallback));
    server.enqueue(manifest(fallback));
    Repository repo = repo(client, server);
    assertThat(repo.referrers(subject.descriptor(), SIG))
        .extracting(Descriptor::digest)
        .containsExactly(sig.descriptor().digest());
    server.takeRequest();
    String tag = "sha256-" + subject.descriptor().digest().encoded();
    assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/v2/repo/manifests/" + tag);
    // the second listing goes straight to the tag
    assertThat(
            client
                .repository(MockRegistry.host(server) + "/repo")
                .referrers(subject.descriptor(), null))
        .hasSize(2);
    assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/v2/repo/manifests/" + tag);
  }

  @Test
  void aFallbackTagThatResolvesToTheSubjectMeansNoReferrers() throws Exception {
    server.enqueue(text(404, "404 page not found\n"));
    server.enqueue(manifest(subject));
    assertThat(repo(client, server).referrers(subject.descriptor(), null)).isEmpty();
  }

  @Test
  void aPushAnsweredWithOciSubjectTouchesNoIndex() throws Exception {
    ImageManifest sbom = referrer(subject.descriptor(), SBOM, "1");
    server.enqueue(status(201).setHeader("OCI-Subject", subject.descriptor().digest()).build());
    repo(client, server).push(sbom);
    assertThat(server.getRequestCount()).isEqualTo(1); // one PUT, no HEAD first
    RecordedRequest put = server.takeRequest();
    assertThat(put.getMethod()).isEqualTo("PUT");
    assertThat(put.getHeaders().get("Content-Type")).isEqualTo(MediaTypes.OCI_MANIFEST);
    assertThat(put.getBody().toByteArray()).isEqualTo(sbom.bytes());
  }

  @Test
  void aPushWithoutTheApiUpdatesTheFallbackIndexWithoutDuplicates() throws Exception {
    ImageManifest old = referrer(subject.descriptor(), SIG, "old");
    ImageManifest sbom = referrer(subject.descriptor(), SBOM, "1");
    ImageIndex before =
        ImageIndex.builder()
            .manifest(old.referrerDescriptor())
            .manifest(old.referrerDescriptor())
            .build();
    server.enqueue(status(201).build()); // PUT referrer, no OCI-Subject
    server.enqueue(text(404, "404 page not found\n")); // referrers API ping
    server.enqueue(manifest(before)); // GET fallback tag
    server.enqueue(status(201).build()); // PUT new index
    server.enqueue(manifest(indexOf(old, sbom))); // GET it again: no other writer replaced it
    server.enqueue(manifest(indexOf(old, sbom))); // and once more, later
    server.enqueue(status(202).build()); // DELETE the replaced index
    repo(client, server).push(sbom);
    for (int i = 0; i < 3; i++) {
      server.takeRequest();
    }
    RecordedRequest put = server.takeRequest();
    assertThat(put.getMethod()).isEqualTo("PUT");
    assertThat(put.getUrl().encodedPath())
        .endsWith("/manifests/sha256-" + subject.descriptor().digest().encoded());
    assertThat(put.getHeaders().get("Content-Type")).isEqualTo(MediaTypes.OCI_INDEX);
    ImageIndex written = (ImageIndex) Manifest.parse(put.getBody().toByteArray(), null);
    assertThat(written.manifests())
        .extracting(Descriptor::digest)
        .containsExactly(old.descriptor().digest(), sbom.descriptor().digest());
    assertThat(server.takeRequest().getMethod()).isEqualTo("GET");
    assertThat(server.takeRequest().getMethod()).isEqualTo("GET");
    RecordedRequest delete = server.takeRequest();
    assertThat(delete.getMethod()).isEqualTo("DELETE");
    assertThat(delete.getUrl().encodedPath())
        .endsWith("/manifests/" + before.descriptor().digest());
  }

  @Test
  void pushingAReferrerThatIsThereAlreadyRepairsTheIndex() throws Exception {
    ImageManifest sbom = referrer(subject.descriptor(), SBOM, "1");
    server.enqueue(status(200).build()); // HEAD: the manifest is there
    server.enqueue(text(404, "404 page not found\n")); // ping
    server.enqueue(status(404).build()); // no fallback index (an earlier update failed)
    server.enqueue(status(201).build()); // PUT index
    server.enqueue(manifest(indexOf(sbom))); // GET it again
    server.enqueue(manifest(indexOf(sbom))); // and once more, later
    repo(client, server).push(sbom);
    assertThat(server.getRequestCount()).isEqualTo(6);
    for (int i = 0; i < 3; i++) {
      server.takeRequest();
    }
    ImageIndex written =
        (ImageIndex) Manifest.parse(server.takeRequest().getBody().toByteArray(), null);
    assertThat(written.manifests())
        .extracting(Descriptor::digest)
        .containsExactly(sbom.descriptor().digest());
  }

  @Test
  void aBatchOfReferrersUpdatesTheIndexOnce() throws Exception {
    List<Manifest> batch =
        List.of(
            referrer(subject.descriptor(), SBOM, "1"),
            referrer(subject.descriptor(), SBOM, "2"),
            referrer(subject.descriptor(), SIG, "3"));
    for (int i = 0; i < 3; i++) {
      server.enqueue(status(201).build());
    }
    server.enqueue(text(404, "404 page not found\n")); // ping
    server.enqueue(text(404, "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\"}]}")); // no index yet
    server.enqueue(status(201).build()); // the one index PUT
    server.enqueue(manifest(indexOf(batch.toArray(Manifest[]::new)))); // GET it again
    server.enqueue(manifest(indexOf(batch.toArray(Manifest[]::new)))); // and once more, later
    repo(client, server).pushReferrers(subject.descriptor(), batch);
    assertThat(server.getRequestCount()).isEqualTo(8);
    for (int i = 0; i < 5; i++) {
      server.takeRequest();
    }
    ImageIndex written =
        (ImageIndex) Manifest.parse(server.takeRequest().getBody().toByteArray(), null);
    assertThat(written.manifests())
        .hasSize(3)
        .allSatisfy(d -> assertThat(d.artifactType()).isPresent());
  }

  @Test
  void aBatchRefusesManifestsOfAnotherSubject() {
    ImageManifest other = referrer(image("other").descriptor(), SBOM, "x");
    assertThatThrownBy(
            () -> repo(client, server).pushReferrers(subject.descriptor(), List.of(other)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void deletingAReferrerRemovesItFromTheIndexFirst() throws Exception {
    ImageManifest sbom = referrer(subject.descriptor(), SBOM, "1");
    ImageManifest sig = referrer(subject.descriptor(), SIG, "2");
    ImageIndex before = indexOf(sbom, sig);
    server.enqueue(manifest(sbom)); // GET the referrer to learn its subject
    server.enqueue(text(404, "404 page not found\n")); // ping
    server.enqueue(manifest(before)); // GET fallback index
    server.enqueue(status(201).build()); // PUT index without sbom
    server.enqueue(manifest(indexOf(sig))); // GET it again
    server.enqueue(manifest(indexOf(sig))); // and once more, later
    server.enqueue(status(202).build()); // DELETE old index
    server.enqueue(status(202).build()); // DELETE the referrer
    repo(client, server).delete(sbom.descriptor());
    for (int i = 0; i < 3; i++) {
      server.takeRequest();
    }
    ImageIndex written =
        (ImageIndex) Manifest.parse(server.takeRequest().getBody().toByteArray(), null);
    assertThat(written.manifests())
        .extracting(Descriptor::digest)
        .containsExactly(sig.descriptor().digest());
    server.takeRequest();
    server.takeRequest();
    server.takeRequest();
    RecordedRequest last = server.takeRequest();
    assertThat(last.getMethod()).isEqualTo("DELETE");
    assertThat(last.getUrl().encodedPath()).endsWith("/manifests/" + sbom.descriptor().digest());
  }

  @Test
  void anIndexReplacedByAnotherWriterIsMergedAndWrittenAgain() throws Exception {
    ImageManifest mine = referrer(subject.descriptor(), SBOM, "mine");
    ImageManifest theirs = referrer(subject.descriptor(), SIG, "theirs");
    server.enqueue(status(201).build()); // PUT the referrer, no OCI-Subject
    server.enqueue(text(404, "404 page not found\n")); // ping
    server.enqueue(status(404).build()); // no index yet
    server.enqueue(status(201).build()); // PUT [mine]
    server.enqueue(manifest(indexOf(theirs))); // another process wrote [theirs] over it
    server.enqueue(status(201).build()); // PUT [theirs, mine]
    server.enqueue(manifest(indexOf(theirs, mine))); // it stays
    server.enqueue(manifest(indexOf(theirs, mine))); // still, later
    server.enqueue(status(202).build()); // DELETE [theirs], replaced
    repo(client, server).push(mine);
    assertThat(server.getRequestCount()).isEqualTo(9);
    for (int i = 0; i < 3; i++) {
      server.takeRequest();
    }
    ImageIndex first =
        (ImageIndex) Manifest.parse(server.takeRequest().getBody().toByteArray(), null);
    assertThat(first.manifests())
        .extracting(Descriptor::digest)
        .containsExactly(mine.descriptor().digest());
    server.takeRequest();
    RecordedRequest again = server.takeRequest();
    assertThat(again.getMethod()).isEqualTo("PUT");
    ImageIndex merged = (ImageIndex) Manifest.parse(again.getBody().toByteArray(), null);
    assertThat(merged.manifests())
        .extracting(Descriptor::digest)
        .containsExactly(theirs.descriptor().digest(), mine.descriptor().digest());
    server.takeRequest();
    server.takeRequest();
    RecordedRequest delete = server.takeRequest();
    assertThat(delete.getMethod()).isEqualTo("DELETE");
    assertThat(delete.getUrl().encodedPath())
        .endsWith("/manifests/" + indexOf(theirs).descriptor().digest());
  }
}
