package dev.ocitrust.client;

import static dev.ocitrust.client.MockRegistry.client;
import static dev.ocitrust.client.MockRegistry.repo;
import static dev.ocitrust.client.MockRegistry.status;
import static dev.ocitrust.client.MockRegistry.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Upload protocols, mounts and tag listing, against MockWebServer. */
class RemoteTransferTest {
  private MockWebServer server;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  @Test
  void chunkedUploadsFollowTheNewestLocationAndHonourTheMinimumChunk() throws Exception {
    byte[] blob = random(10_000, 1);
    Descriptor d = Descriptor.of("application/octet-stream", blob);
    RegistryClient client = client().chunkSize(1000).build();
    server.enqueue(
        status(202)
            .setHeader("Location", "/up/0?_state=a") // mount request
            .setHeader("OCI-Chunk-Min-Length", "4000")
            .build());
    server.enqueue(
        status(202).setHeader("Location", "/up/1?_state=b").setHeader("Range", "0-3999").build());
    server.enqueue(
        status(202).setHeader("Location", "/up/2?_state=c").setHeader("Range", "0-7999").build());
    server.enqueue(
        status(202).setHeader("Location", "/up/3?_state=d").setHeader("Range", "0-9999").build());
    server.enqueue(status(201).setHeader("Docker-Content-Digest", d.digest()).build());
    repo(client, server).push(d, blob);
    RecordedRequest post = server.takeRequest();
    assertThat(post.getMethod()).isEqualTo("POST");
    assertThat(post.getUrl().queryParameter("mount")).isEqualTo(d.digest().toString());
    String[] ranges = {"0-3999", "4000-7999", "8000-9999"};
    for (int i = 0; i < 3; i++) {
      RecordedRequest patch = server.takeRequest();
      assertThat(patch.getMethod()).isEqualTo("PATCH");
      assertThat(patch.getUrl().encodedPath()).isEqualTo("/up/" + i);
      assertThat(patch.getHeaders().get("Content-Range")).isEqualTo(ranges[i]);
    }
    RecordedRequest put = server.takeRequest();
    assertThat(put.getMethod()).isEqualTo("PUT");
    assertThat(put.getUrl().encodedPath()).isEqualTo("/up/3");
    assertThat(put.getUrl().queryParameter("_state")).isEqualTo("d");
    assertThat(put.getUrl().queryParameter("digest")).isEqualTo(d.digest().toString());
    assertThat(put.getBodySize()).isZero();
  }

  @Test
  void aChunkRefusedWith416ResumesFromTheRegistrysOffset() throws Exception {
    byte[] blob = random(2000, 2);
    Descriptor d = Descriptor.of("application/octet-stream", blob);
    RegistryClient client = client().chunkSize(1000).build();
    server.enqueue(status(202).setHeader("Location", "/up/0").build()); // mount request
    server.enqueue(status(202).setHeader("Location", "/up/1").build()); // 0-999
    server.enqueue(status(416).build()); // 1000-1999 refused
    server.enqueue(
        status(204)
            .setHeader("Range", "0-1499")
            .setHeader("Location", "/up/1")
            .build()); // status: has 1500 bytes
    server.enqueue(status(202).setHeader("Location", "/up/2").build()); // 1500-1999
    server.enqueue(status(201).build());
    repo(client, server).push(d, blob);
    for (int i = 0; i < 3; i++) {
      server.takeRequest();
    }
    assertThat(server.takeRequest().getMethod()).isEqualTo("GET");
    RecordedRequest resumed = server.takeRequest();
    assertThat(resumed.getHeaders().get("Content-Range")).isEqualTo("1500-1999");
    assertThat(resumed.getBody().toByteArray())
        .isEqualTo(java.util.Arrays.copyOfRange(blob, 1500, 2000));
  }

  @Test
  void monolithicUploadsStreamOnePutAndCancelOnBadContent() throws Exception {
    byte[] blob = random(5000, 3);
    Descriptor d = Descriptor.of("application/octet-stream", blob);
    RegistryClient client = client().build();
    server.enqueue(status(202).setHeader("Location", "/up/0?_state=x").build()); // mount request
    server.enqueue(status(201).build());
    repo(client, server).push(d, blob);
    server.takeRequest();
    RecordedRequest put = server.takeRequest();
    assertThat(put.getBody().toByteArray()).isEqualTo(blob);
    assertThat(put.getHeaders().get("Content-Length")).isEqualTo("5000");

    byte[] tampered = blob.clone();
    tampered[4999] ^= 1;
    server.enqueue(status(202).setHeader("Location", "/up/1").build());
    server.enqueue(status(201).build()); // whatever the PUT would have got
    server.enqueue(status(204).build()); // DELETE of the session
    assertThatThrownBy(() -> repo(client, server).push(d, tampered))
        .isInstanceOf(ContentVerificationException.class);
    server.takeRequest();
    List<String> methods = new ArrayList<>();
    RecordedRequest r;
    while ((r = server.takeRequest(1, java.util.concurrent.TimeUnit.SECONDS)) != null) {
      methods.add(r.getMethod() + " " + r.getBodySize());
    }
    // the PUT never completed its 5000 bytes; the session was cancelled
    assertThat(methods).contains("DELETE 0").noneMatch(s -> s.equals("PUT 5000"));
  }

  @Test
  void largeUploadsStreamAndStillFailBeforeTheLastByte() throws Exception {
    byte[] blob = random(9 * 1024 * 1024 + 3, 13);
    Descriptor d = Descriptor.of("application/octet-stream", blob);
    RegistryClient client = client().build();
    server.enqueue(status(404).build());
    server.enqueue(status(202).setHeader("Location", "/up/0").build());
    server.enqueue(status(201).build());
    repo(client, server).push(d, new ByteArrayInputStream(blob));
    server.takeRequest();
    server.takeRequest();
    assertThat(server.takeRequest().getBody().toByteArray()).isEqualTo(blob);

    byte[] tampered = blob.clone();
    tampered[5] ^= 1;
    server.enqueue(status(404).build());
    server.enqueue(status(202).setHeader("Location", "/up/1").build());
    server.enqueue(status(201).build());
    server.enqueue(status(204).build());
    assertThatThrownBy(() -> repo(client, server).push(d, new ByteArrayInputStream(tampered)))
        .isInstanceOf(ContentVerificationException.class);
    server.takeRequest();
    server.takeRequest();
    RecordedRequest r;
    while ((r = server.takeRequest(1, java.util.concurrent.TimeUnit.SECONDS)) != null) {
      assertThat(r.getMethod() + " " + r.getBodySize()).isNotEqualTo("PUT " + blob.length);
    }
  }

  @Test
  void anExistingBlobIsNotUploadedAgain() throws Exception {
    byte[] large = random((int) Repository.SMALL_BLOB + 1, 4);
    server.enqueue(status(200).build());
    repo(client().build(), server)
        .push(Descriptor.of("application/octet-stream", large), new ThrowingStream());
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(server.takeRequest().getMethod()).isEqualTo("HEAD");

    // a small blob: the mount request from the repository itself is the existence check
    byte[] small = random((int) Repository.SMALL_BLOB, 5);
    Descriptor d = Descriptor.of("application/octet-stream", small);
    server.enqueue(status(201).build());
    repo(client().build(), server).push(d, new ThrowingStream());
    RecordedRequest post = server.takeRequest();
    assertThat(post.getMethod()).isEqualTo("POST");
    assertThat(post.getUrl().encodedPath()).isEqualTo("/v2/repo/blobs/uploads/");
    assertThat(post.getUrl().queryParameter("mount")).isEqualTo(d.digest().toString());
    assertThat(post.getUrl().queryParameter("from")).isEqualTo("repo");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aSmallBlobGoesThroughTheSessionItsMountRequestOpened() throws Exception {
    byte[] blob = random(300, 8);
    Descriptor d = Descriptor.of("application/octet-stream", blob);
    server.enqueue(status(202).setHeader("Location", "/up/7?_state=m").build());
    server.enqueue(status(201).build());
    repo(client().build(), server).push(d, blob);
    assertThat(server.takeRequest().getUrl().queryParameter("mount")).isNotNull();
    RecordedRequest put = server.takeRequest();
    assertThat(put.getMethod()).isEqualTo("PUT");
    assertThat(put.getUrl().encodedPath()).isEqualTo("/up/7");
    assertThat(put.getUrl().queryParameter("digest")).isEqualTo(d.digest().toString());
    assertThat(put.getBody().toByteArray()).isEqualTo(blob);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aRefusedMountRequestFallsBackToAnOrdinaryUpload() throws Exception {
    byte[] blob = random(300, 9);
    Descriptor d = Descriptor.of("application/octet-stream", blob);
    server.enqueue(status(405).build()); // a registry that refuses mount requests outright
    server.enqueue(status(202).setHeader("Location", "/up/8").build());
    server.enqueue(status(201).build());
    repo(client().build(), server).push(d, blob);
    assertThat(server.takeRequest().getUrl().queryParameter("mount")).isNotNull();
    RecordedRequest post = server.takeRequest();
    assertThat(post.getMethod()).isEqualTo("POST");
    assertThat(post.getUrl().queryParameter("mount")).isNull();
    RecordedRequest put = server.takeRequest();
    assertThat(put.getUrl().encodedPath()).isEqualTo("/up/8");
    assertThat(put.getBody().toByteArray()).isEqualTo(blob);
  }

  @Test
  void aMountRequestsSessionWithoutLocationIsAnError() {
    byte[] blob = random(30, 10);
    server.enqueue(status(202).build());
    assertThatThrownBy(
            () ->
                repo(client().build(), server)
                    .push(Descriptor.of("application/octet-stream", blob), blob))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("Location");
  }

  /** A stream that fails the test when it is read. */
  private static final class ThrowingStream extends java.io.InputStream {
    @Override
    public int read() {
      throw new AssertionError("the content was read");
    }
  }

  @Test
  void contentOfUnknownDigestIsStreamedAndItsDigestComputed() throws Exception {
    byte[] blob = random(300_000, 5);
    server.enqueue(status(202).setHeader("Location", "/up/0").build());
    server.enqueue(status(202).setHeader("Location", "/up/1").build());
    server.enqueue(status(201).build());
    Descriptor d =
        repo(client().build(), server)
            .pushBlob("application/x-tar", new ByteArrayInputStream(blob));
    assertThat(d).isEqualTo(Descriptor.of("application/x-tar", blob));
    server.takeRequest();
    RecordedRequest patch = server.takeRequest();
    assertThat(patch.getMethod()).isEqualTo("PATCH");
    assertThat(patch.getHeaders().get("Transfer-Encoding")).isEqualTo("chunked");
    assertThat(patch.getBody().toByteArray()).isEqualTo(blob);
    RecordedRequest put = server.takeRequest();
    assertThat(put.getUrl().encodedPath()).isEqualTo("/up/1");
    assertThat(put.getUrl().queryParameter("digest")).isEqualTo(d.digest().toString());
  }

  @Test
  void aMountAnsweredWith202CancelsTheSessionAndSaysNo() throws Exception {
    RegistryClient client = client().build();
    Repository target = repo(client, server);
    Repository source = client.repository(MockRegistry.host(server) + "/other");
    Descriptor blob = Descriptor.of("application/octet-stream", random(10, 6));
    server.enqueue(status(202).setHeader("Location", "/up/9").build());
    server.enqueue(status(204).build());
    assertThat(target.mount(blob, source)).isFalse();
    RecordedRequest post = server.takeRequest();
    assertThat(post.getUrl().queryParameter("mount")).isEqualTo(blob.digest().toString());
    assertThat(post.getUrl().queryParameter("from")).isEqualTo("other");
    RecordedRequest delete = server.takeRequest();
    assertThat(delete.getMethod()).isEqualTo("DELETE");
    assertThat(delete.getUrl().encodedPath()).isEqualTo("/up/9");

    server.enqueue(status(201).build());
    assertThat(target.mount(blob, source)).isTrue();
  }

  @Test
  void mountOrPushUploadsThroughTheSessionARefusedMountOpened() throws Exception {
    RegistryClient client = client().build();
    Repository target = repo(client, server);
    Repository source = client.repository(MockRegistry.host(server) + "/other");
    byte[] bytes = random(400_000, 11);
    Descriptor blob = Descriptor.of("application/octet-stream", bytes);
    server.enqueue(status(202).setHeader("Location", "/up/5").build());
    server.enqueue(status(201).build());
    assertThat(target.mountOrPush(blob, source, new ByteArrayInputStream(bytes))).isFalse();
    RecordedRequest post = server.takeRequest();
    assertThat(post.getUrl().queryParameter("mount")).isEqualTo(blob.digest().toString());
    assertThat(post.getUrl().queryParameter("from")).isEqualTo("other");
    RecordedRequest put = server.takeRequest();
    assertThat(put.getMethod()).isEqualTo("PUT");
    assertThat(put.getUrl().encodedPath()).isEqualTo("/up/5");
    assertThat(put.getBody().toByteArray()).isEqualTo(bytes);
    assertThat(server.getRequestCount()).isEqualTo(2); // no HEAD, no DELETE, no second POST

    server.enqueue(status(201).build());
    assertThat(target.mountOrPush(blob, source, new ThrowingStream())).isTrue();
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void noMountIsTriedBetweenRegistriesOrStoreKinds() throws Exception {
    Repository target = repo(client().build(), server);
    Descriptor blob = Descriptor.of("application/octet-stream", random(10, 7));
    assertThat(target.mount(blob, new MemoryStore())).isFalse();
    Repository elsewhere = client().build().repository("127.0.0.2:1/other");
    assertThat(target.mount(blob, elsewhere)).isFalse();
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void tagListsArePagedAndFallbackTagsHidden() throws Exception {
    String fallback = "sha256-" + "a".repeat(64);
    server.enqueue(
        text(
            200,
            "{\"name\":\"repo\",\"tags\":[\"v2\",\"" + fallback + "\"]}",
            "Link",
            "</v2/repo/tags/list?n=2&last=v2>; rel=\"next\""));
    server.enqueue(text(200, "{\"name\":\"repo\",\"tags\":[\"v1\"]}"));
    Repository repo = repo(client().build(), server);
    assertThat(repo.tags()).containsExactly("v1", "v2");
    assertThat(server.takeRequest().getUrl().queryParameter("n")).isEqualTo("1000");
    assertThat(server.takeRequest().getUrl().queryParameter("last")).isEqualTo("v2");
    server.enqueue(text(200, "{\"name\":\"repo\",\"tags\":[\"v2\",\"" + fallback + "\"]}"));
    assertThat(repo.allTags()).containsExactly(fallback, "v2");
  }

  @Test
  void theCatalogIsPaged() throws Exception {
    server.enqueue(
        text(
            200,
            "{\"repositories\":[\"a\",\"b\"]}",
            "Link",
            "</v2/_catalog?last=b&n=2>; rel=\"next\""));
    server.enqueue(text(200, "{\"repositories\":[\"c\"]}"));
    assertThat(client().build().catalog(MockRegistry.host(server))).containsExactly("a", "b", "c");
  }

  @Test
  void manifestsArePushedAsTheirBytesWithTheirOwnMediaType() throws Exception {
    byte[] docker =
        ("{\"schemaVersion\":2,\"mediaType\":\""
                + MediaTypes.DOCKER_MANIFEST
                + "\",\"config\":{\"mediaType\":\""
                + MediaTypes.DOCKER_CONFIG
                + "\",\"digest\":\""
                + Digest.sha256("c")
                + "\",\"size\":1},\"layers\":[]}")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Manifest m = Manifest.parse(docker, null);
    server.enqueue(status(201).build());
    repo(client().build(), server).push(m, "v1");
    RecordedRequest put = server.takeRequest();
    assertThat(put.getUrl().encodedPath()).isEqualTo("/v2/repo/manifests/v1");
    assertThat(put.getHeaders().get("Content-Type")).isEqualTo(MediaTypes.DOCKER_MANIFEST);
    assertThat(put.getBody().toByteArray()).isEqualTo(docker);
  }

  @Test
  void transferListenersHearUploadAndDownloadBytes() throws Exception {
    byte[] blob = random(600_000, 8);
    Descriptor d = Descriptor.of("application/octet-stream", blob);
    List<String> heard = java.util.Collections.synchronizedList(new ArrayList<>());
    RegistryClient client =
        client()
            .transferListener(
                (b, dir, n) -> {
                  if (n == b.size()) {
                    heard.add(dir + " " + n);
                  }
                })
            .build();
    server.enqueue(status(404).build()); // HEAD (a large blob)
    server.enqueue(status(202).setHeader("Location", "/up/0").build());
    server.enqueue(status(201).build());
    repo(client, server).push(d, blob);
    server.enqueue(MockRegistry.bytes(200, blob));
    try (var in = repo(client, server).fetch(d)) {
      in.readAllBytes();
    }
    assertThat(heard).containsExactly("UPLOAD 600000", "DOWNLOAD 600000");
  }
}
