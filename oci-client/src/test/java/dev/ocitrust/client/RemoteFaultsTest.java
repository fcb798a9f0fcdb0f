package dev.ocitrust.client;

import static dev.ocitrust.client.MockRegistry.bytes;
import static dev.ocitrust.client.MockRegistry.client;
import static dev.ocitrust.client.MockRegistry.errorBody;
import static dev.ocitrust.client.MockRegistry.image;
import static dev.ocitrust.client.MockRegistry.manifest;
import static dev.ocitrust.client.MockRegistry.repo;
import static dev.ocitrust.client.MockRegistry.status;
import static dev.ocitrust.client.MockRegistry.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retries, redirects, registry errors and hostile responses, against MockWebServer. */
class RemoteFaultsTest {
  private MockWebServer server;
  private RegistryClient client;

  /** The waits the clients were asked for before retrying; none of them sleeps. */
  private final List<Duration> delays = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
    client = client().sleeper(delays::add).build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void retriesA429AfterItsRetryAfterSeconds() throws Exception {
    ImageManifest m = image("a");
    server.enqueue(status(429).setHeader("Retry-After", "1").build());
    server.enqueue(manifest(m));
    Manifest got = repo(client, server).fetchManifest("v1");
    assertThat(got.bytes()).isEqualTo(m.bytes());
    assertThat(delays).containsExactly(Duration.ofSeconds(1));
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void retriesA503AfterARetryAfterDate() throws Exception {
    ImageManifest m = image("a");
    // the client's clock stands still at a whole second, so the date means exactly 1 s of waiting
    java.time.Instant now = java.time.Instant.parse("2026-01-01T00:00:00Z");
    RegistryClient fixed =
        client().clock(java.time.Clock.fixed(now, ZoneOffset.UTC)).sleeper(delays::add).build();
    String date =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(now.plusSeconds(1).atZone(ZoneOffset.UTC));
    server.enqueue(status(503).setHeader("Retry-After", date).build());
    server.enqueue(manifest(m));
    repo(fixed, server).fetchManifest("v1");
    assertThat(delays).containsExactly(Duration.ofSeconds(1)); // the date's, not the 10 ms backoff
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aRetryAfterBeyondTheLimitFailsAtOnce() {
    RegistryClient impatient =
        client()
            .retryPolicy(RetryPolicy.builder().maxRetryAfter(Duration.ofSeconds(1)).build())
            .sleeper(delays::add)
            .build();
    server.enqueue(status(429).setHeader("Retry-After", "3600").build());
    assertThatThrownBy(() -> repo(impatient, server).fetchManifest("v1"))
        .isInstanceOfSatisfying(
            RegistryException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(429);
              assertThat(e.method()).isEqualTo("GET");
              assertThat(e.repository()).contains("repo");
              assertThat(e.reference()).contains("v1");
            });
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(delays).isEmpty();
  }

  @Test
  void retriesAreBoundedByTheMaximumAttempts() {
    for (int i = 0; i < 5; i++) {
      server.enqueue(status(503).build());
    }
    assertThatThrownBy(() -> repo(client, server).fetchManifest("v1"))
        .isInstanceOfSatisfying(
            RegistryException.class, e -> assertThat(e.statusCode()).isEqualTo(503));
    assertThat(server.getRequestCount()).isEqualTo(3);
    // two waits: the 10 and 20 ms backoffs, each with full jitter down to half
    assertThat(delays).hasSize(2);
    assertThat(delays.get(0)).isBetween(Duration.ofMillis(5), Duration.ofMillis(10));
    assertThat(delays.get(1)).isBetween(Duration.ofMillis(10), Duration.ofMillis(20));
  }

  @Test
  void anInterruptedWaitFailsTheRequestAndKeepsTheInterrupt() {
    RegistryClient interrupted =
        client()
            .sleeper(
                d -> {
                  throw new InterruptedException("stop");
                })
            .build();
    server.enqueue(status(503).build());
    try {
      assertThatThrownBy(() -> repo(interrupted, server).fetchManifest("v1"))
          .isInstanceOf(java.io.InterruptedIOException.class)
          .hasMessageContaining("interrupted while waiting to retry");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aStreamedUploadIsNeverRepeated() throws Exception {
    byte[] blob = utf8("blob content");
    Descriptor d = Descriptor.of("application/octet-stream", blob);
    server.enqueue(status(404).build()); // HEAD
    server.enqueue(status(202).setHeader("Location", "/v2/repo/blobs/uploads/1").build());
    server.enqueue(status(503).build()); // PUT with the streamed body
    server.enqueue(status(204).build()); // DELETE of the session
    assertThatThrownBy(() -> repo(client, server).push(d, blob))
        .isInstanceOfSatisfying(
            RegistryException.class, e -> assertThat(e.statusCode()).isEqualTo(503));
    server.takeRequest();
    server.takeRequest();
    assertThat(server.takeRequest().getMethod()).isEqualTo("PUT");
    assertThat(server.takeRequest().getMethod()).isEqualTo("DELETE");
    assertThat(delays).isEmpty();
  }

  @Test
  void registryErrorBodiesAreParsed() {
    server.enqueue(errorBody(403, "DENIED", "requested access to the resource is denied"));
    assertThatThrownBy(() -> repo(client, server).fetchManifest("v1"))
        .isInstanceOfSatisfying(
            RegistryException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(403);
              assertThat(e.errors())
                  .containsExactly(
                      new RegistryError(
                          "DENIED", "requested access to the resource is denied", "{\"x\":1}"));
              assertThat(e.url()).endsWith("/v2/repo/manifests/v1");
              assertThat(e.getMessage()).contains("DENIED").contains("repository repo");
            });
  }

  @Test
  void resolveFallsBackToGetWhenHeadLacksTheDigest() throws Exception {
    ImageManifest m = image("a");
    server.enqueue(
        status(200)
            .setHeader("Content-Type", m.mediaType())
            .setHeader("Content-Length", m.bytes().length)
            .build()); // HEAD without a digest
    server.enqueue(manifest(m));
    assertThat(repo(client, server).resolve("v1")).isEqualTo(m.descriptor());
    RecordedRequest head = server.takeRequest();
    assertThat(head.getMethod()).isEqualTo("HEAD");
    assertThat(head.getHeaders().get("Accept"))
        .contains(MediaTypes.OCI_MANIFEST)
        .contains(MediaTypes.OCI_INDEX)
        .contains(MediaTypes.DOCKER_MANIFEST);
    assertThat(server.takeRequest().getMethod()).isEqualTo("GET");
  }

  @Test
  void resolveTrustsAHeadThatNamesTheDigest() throws Exception {
    ImageManifest m = image("a");
    server.enqueue(
        status(200)
            .setHeader("Content-Type", m.mediaType())
            .setHeader("Content-Length", m.bytes().length)
            .setHeader("Docker-Content-Digest", m.descriptor().digest())
            .build());
    assertThat(repo(client, server).resolve("v1")).isEqualTo(m.descriptor());
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aMissingManifestIsNotFound() {
    server.enqueue(errorBody(404, "MANIFEST_UNKNOWN", "manifest unknown"));
    assertThatThrownBy(() -> repo(client, server).resolve("v1"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("v1");
  }

  @Test
  void crossOriginRedirectsDropAuthorization() throws Exception {
    try (MockWebServer storage = new MockWebServer()) {
      storage.start();
      byte[] blob = utf8("blob in storage");
      Descriptor d = Descriptor.of("application/octet-stream", blob);
      RegistryClient authed =
          client()
              .credentials(
                  CredentialsProvider.of(
                      MockRegistry.host(server), Credential.basic("alice", "secret")))
              .build();
      server.enqueue(status(401).setHeader("WWW-Authenticate", "Basic realm=\"r\"").build());
      server.enqueue(
          status(307)
              .setHeader("Location", storage.url("/bucket/blob?sig=abc").toString())
              .build());
      storage.enqueue(bytes(200, blob));
      try (InputStream in = repo(authed, server).fetch(d)) {
        assertThat(in.readAllBytes()).isEqualTo(blob);
      }
      assertThat(server.takeRequest().getHeaders().get("Authorization")).isNull();
      assertThat(server.takeRequest().getHeaders().get("Authorization")).startsWith("Basic ");
      RecordedRequest atStorage = storage.takeRequest();
      assertThat(atStorage.getUrl().encodedPath()).isEqualTo("/bucket/blob");
      assertThat(atStorage.getHeaders().get("Authorization")).isNull();
    }
  }

  @Test
  void redirectLoopsFail() {
    server.enqueue(status(302).setHeader("Location", "/a").build());
    server.enqueue(status(302).setHeader("Location", "/b").build());
    server.enqueue(status(302).setHeader("Location", "/a").build());
    Descriptor d = Descriptor.of("application/octet-stream", utf8("x"));
    assertThatThrownBy(() -> repo(client, server).fetch(d).close())
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("redirect loop");
  }

  @Test
  void endlessRedirectChainsFail() {
    for (int i = 0; i < 20; i++) {
      server.enqueue(status(302).setHeader("Location", "/hop" + i).build());
    }
    Descriptor d = Descriptor.of("application/octet-stream", utf8("x"));
    assertThatThrownBy(() -> repo(client, server).fetch(d).close())
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("more than 10 redirects");
  }

  @Test
  void aManifestOverFourMebibytesIsRefusedByContentLength() {
    byte[] big = new byte[Manifest.MAX_BYTES + 1];
    Arrays.fill(big, (byte) ' ');
    server.enqueue(bytes(200, big, "Content-Type", MediaTypes.OCI_MANIFEST));
    assertThatThrownBy(() -> repo(client, server).fetchManifest("v1"))
        .isInstanceOf(InvalidManifestException.class)
        .hasMessageContaining("Content-Length");
  }

  @Test
  void aManifestOverFourMebibytesIsRefusedWhileStreaming() {
    byte[] big = new byte[Manifest.MAX_BYTES + 1];
    Arrays.fill(big, (byte) ' ');
    server.enqueue(
        status(200)
            .setHeader("Content-Type", MediaTypes.OCI_MANIFEST)
            .chunkedBody(new okio.Buffer().write(big), 64 * 1024)
            .build());
    assertThatThrownBy(() -> repo(client, server).fetchManifest("v1"))
        .isInstanceOf(InvalidManifestException.class)
        .hasMessageContaining("longer than the limit");
  }

  @Test
  void aLyingDockerContentDigestIsRefused() {
    ImageManifest m = image("a");
    server.enqueue(
        bytes(
            200,
            m.bytes(),
            "Content-Type",
            m.mediaType(),
            "Docker-Content-Digest",
            image("b").descriptor().digest().toString()));
    assertThatThrownBy(() -> repo(client, server).fetchManifest("v1"))
        .isInstanceOf(ContentVerificationException.class)
        .hasMessageContaining("Docker-Content-Digest");
  }

  @Test
  void aManifestThatIsNotTheRequestedDigestIsRefused() {
    ImageManifest m = image("a");
    ImageManifest other = image("b");
    server.enqueue(bytes(200, other.bytes(), "Content-Type", m.mediaType()));
    assertThatThrownBy(() -> repo(client, server).fetchManifest(m.descriptor()))
        .isInstanceOf(ContentVerificationException.class);
  }

  @Test
  void aBlobLongerOrShorterThanItsDescriptorIsRefusedBeforeReading() {
    byte[] blob = utf8("exact content");
    Descriptor d = Descriptor.of("application/octet-stream", blob);
    server.enqueue(bytes(200, utf8("exact content and more")));
    assertThatThrownBy(() -> repo(client, server).fetch(d).close())
        .isInstanceOf(ContentVerificationException.class)
        .hasMessageContaining("Content-Length");
    server.enqueue(bytes(200, utf8("exact")));
    assertThatThrownBy(() -> repo(client, server).fetch(d).close())
        .isInstanceOf(ContentVerificationException.class)
        .hasMessageContaining("Content-Length");
  }

  @Test
  void aLongerChunkedBlobFailsBeforeItsLastByte() throws Exception {
    byte[] blob = utf8("exact content");
    Descriptor d = Descriptor.of("application/octet-stream", blob);
    server.enqueue(
        status(200).chunkedBody(new okio.Buffer().write(utf8("exact content!!")), 4).build());
    try (InputStream in = repo(client, server).fetch(d)) {
      byte[] buffer = new byte[blob.length];
      int read = 0;
      IOException failure = null;
      try {
        while (read < blob.length) {
          int n = in.read(buffer, read, blob.length - read);
          if (n < 0) {
            break;
          }
          read += n;
        }
      } catch (IOException e) {
        failure = e;
      }
      assertThat(failure).isInstanceOf(ContentVerificationException.class);
      assertThat(read).isLessThan(blob.length);
    }
  }

  @Test
  void aBlobWithTheWrongDigestFailsBeforeItsLastByte() throws Exception {
    byte[] blob = utf8("the real content");
    Descriptor d = Descriptor.of("application/octet-stream", blob);
    server.enqueue(bytes(200, utf8("the fake content")));
    try (InputStream in = repo(client, server).fetch(d)) {
      assertThatThrownBy(in::readAllBytes).isInstanceOf(ContentVerificationException.class);
    }
  }

  @Test
  void aBrokenDownloadResumesWithRange() throws Exception {
    byte[] blob = new byte[300_000];
    new java.util.Random(1).nextBytes(blob);
    Descriptor d = Descriptor.of("application/octet-stream", blob);
    int cut = 100_000;
    server.enqueue(
        status(200)
            .body(new okio.Buffer().write(Arrays.copyOf(blob, cut)))
            .setHeader("Content-Length", blob.length)
            .onResponseEnd(new SocketEffect.CloseSocket(true, false, false))
            .build());
    server.enqueue(
        bytes(
            206,
            Arrays.copyOfRange(blob, cut, blob.length),
            "Content-Range",
            "bytes " + cut + "-" + (blob.length - 1) + "/" + blob.length));
    try (InputStream in = repo(client, server).fetch(d)) {
      assertThat(in.readAllBytes()).isEqualTo(blob);
    }
    assertThat(server.takeRequest().getHeaders().get("Range")).isNull();
    assertThat(server.takeRequest().getHeaders().get("Range")).isEqualTo("bytes=" + cut + "-");
  }

  @Test
  void aBrokenDownloadRestartsWhenTheRegistryIgnoresRange() throws Exception {
    byte[] blob = new byte[200_000];
    new java.util.Random(2).nextBytes(blob);
    Descriptor d = Descriptor.of("application/octet-stream", blob);
    server.enqueue(
        status(200)
            .body(new okio.Buffer().write(Arrays.copyOf(blob, 50_000)))
            .setHeader("Content-Length", blob.length)
            .onResponseEnd(new SocketEffect.CloseSocket(true, false, false))
            .build());
    server.enqueue(bytes(200, blob));
    try (InputStream in = repo(client, server).fetch(d)) {
      assertThat(in.readAllBytes()).isEqualTo(blob);
    }
  }

  @Test
  void aResumedDownloadIsStillVerified() throws Exception {
    byte[] blob = new byte[200_000];
    new java.util.Random(3).nextBytes(blob);
    Descriptor d = Descriptor.of("application/octet-stream", blob);
    byte[] tampered = blob.clone();
    tampered[150_000] ^= 1;
    server.enqueue(
        status(200)
            .body(new okio.Buffer().write(Arrays.copyOf(blob, 100_000)))
            .setHeader("Content-Length", blob.length)
            .onResponseEnd(new SocketEffect.CloseSocket(true, false, false))
            .build());
    server.enqueue(
        bytes(
            206,
            Arrays.copyOfRange(tampered, 100_000, blob.length),
            "Content-Range",
            "bytes 100000-199999/200000"));
    try (InputStream in = repo(client, server).fetch(d)) {
      assertThatThrownBy(in::readAllBytes).isInstanceOf(ContentVerificationException.class);
    }
  }

  @Test
  void aStalledRegistryTimesOut() throws Exception {
    okhttp3.OkHttpClient quick =
        new okhttp3.OkHttpClient.Builder().readTimeout(Duration.ofMillis(300)).build();
    RegistryClient c = client().okHttpClient(quick).retryPolicy(RetryPolicy.none()).build();
    server.enqueue(
        status(200)
            .setHeader("Content-Type", MediaTypes.OCI_MANIFEST)
            .headersDelay(5, TimeUnit.SECONDS)
            .body("{}")
            .build());
    // the read timeout, not the 5 s delay ending, is what stops it: typed, naming the host
    assertThatThrownBy(() -> repo(c, server).fetchManifest("v1"))
        .isInstanceOfSatisfying(
            RegistryTimeoutException.class,
            e -> {
              assertThat(e.limit()).isEqualTo(RegistryTimeoutException.Limit.READ);
              assertThat(e.host()).isEqualTo(MockRegistry.host(server));
              assertThat(e.getMessage())
                  .contains(MockRegistry.host(server), "300 ms", "read timeout");
              assertThat(e.getCause()).isInstanceOf(java.io.InterruptedIOException.class);
            });
  }

  @Test
  void aConnectionNeverAcceptedIsAConnectTimeoutNamingTheHost() throws Exception {
    // a listener that never accepts, its backlog filled: further connection attempts get no
    // answer (loopback drops their SYNs), so connecting times out
    try (java.net.ServerSocket full =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      List<java.net.Socket> fillers = new java.util.ArrayList<>();
      try {
        for (int i = 0; i < 8; i++) {
          java.net.Socket s = new java.net.Socket();
          try {
            s.connect(full.getLocalSocketAddress(), 200);
            fillers.add(s);
          } catch (java.net.SocketTimeoutException e) {
            s.close();
            break; // the backlog is full
          }
        }
        String host = "127.0.0.1:" + full.getLocalPort();
        RegistryClient c =
            client()
                .timeouts(Timeouts.builder().connect(Duration.ofMillis(300)).build())
                .retryPolicy(RetryPolicy.none())
                .build();
        assertThatThrownBy(() -> c.repository(host + "/repo").resolve("v1"))
            .isInstanceOfSatisfying(
                RegistryTimeoutException.class,
                e -> {
                  assertThat(e.limit()).isEqualTo(RegistryTimeoutException.Limit.CONNECT);
                  assertThat(e.host()).isEqualTo(host);
                  assertThat(e.getMessage())
                      .startsWith(host + ": ")
                      .contains("no connection within 300 ms (connect timeout)");
                });
        c.close();
      } finally {
        for (java.net.Socket s : fillers) {
          s.close();
        }
      }
    }
  }

  @Test
  void theRequestDeadlineSpansEveryRetry() throws Exception {
    // each attempt waits out a 300 ms read timeout; four attempts would take 1.2 s, the 700 ms
    // deadline stops them first
    RegistryClient c =
        client()
            .timeouts(
                Timeouts.builder()
                    .read(Duration.ofMillis(300))
                    .request(Duration.ofMillis(700))
                    .build())
            .retryPolicy(RetryPolicy.builder().maxAttempts(4).initialBackoff(Duration.ZERO).build())
            .build();
    for (int i = 0; i < 4; i++) {
      server.enqueue(status(200).headersDelay(5, TimeUnit.SECONDS).body("{}").build());
    }
    // REQUEST_DEADLINE, not READ: the deadline ended the retries before they ran out
    assertThatThrownBy(() -> repo(c, server).fetchManifest("v1"))
        .isInstanceOfSatisfying(
            RegistryTimeoutException.class,
            e -> {
              assertThat(e.limit()).isEqualTo(RegistryTimeoutException.Limit.REQUEST_DEADLINE);
              assertThat(e.host()).isEqualTo(MockRegistry.host(server));
              assertThat(e.getMessage()).contains("request deadline of 700 ms", "GET ");
            });
    c.close();
  }

  @Test
  void aTricklingBlobBreaksTheStallRule() throws Exception {
    byte[] blob = new byte[64 * 1024];
    new java.util.Random(4).nextBytes(blob);
    Descriptor d = Descriptor.of("application/octet-stream", blob);
    // 100 bytes every 100 ms keeps a 300 ms read timeout quiet; 1000 bytes/s is below the rule
    RegistryClient c =
        client()
            .timeouts(
                Timeouts.builder()
                    .read(Duration.ofMillis(300))
                    .minRate(16 * 1024, Duration.ofMillis(500))
                    .build())
            .retryPolicy(RetryPolicy.none())
            .build();
    server.enqueue(
        status(200)
            .body(new okio.Buffer().write(blob))
            .throttleBody(100, 100, TimeUnit.MILLISECONDS)
            .build());
    server.enqueue(status(404).build()); // the resume after the stall finds nothing
    try (InputStream in = repo(c, server).fetch(d)) {
      assertThatThrownBy(in::readAllBytes)
          .isInstanceOfSatisfying(
              RegistryTimeoutException.class,
              e -> {
                assertThat(e.limit()).isEqualTo(RegistryTimeoutException.Limit.STALL);
                assertThat(e.getMessage()).contains("stalled", "below the minimum of 16384");
              });
    }
    c.close();
  }

  @Test
  void textErrorBodiesStillGiveTheStatus() {
    server.enqueue(text(500, "<html>oops</html>"));
    assertThatThrownBy(() -> repo(client, server).fetchManifest("v1"))
        .isInstanceOfSatisfying(
            RegistryException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(500);
              assertThat(e.errors()).isEmpty();
            });
  }
}
