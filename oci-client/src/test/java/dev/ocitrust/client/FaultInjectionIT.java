package dev.ocitrust.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ocitrust.testkit.Fault;
import dev.ocitrust.testkit.Fault.Direction;
import dev.ocitrust.testkit.FaultProxy;
import dev.ocitrust.testkit.FaultTally;
import dev.ocitrust.testkit.FaultTally.Outcome;
import dev.ocitrust.testkit.RegistryExtension;
import dev.ocitrust.testkit.RegistryServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Faults injected by a {@link FaultProxy} between the client and a real docker-registry 2.8: cut
 * and reset connections mid-blob on download and on upload, a stalled server, a server that accepts
 * and never answers, one that trickles a byte a second. Each fault is counted into the fault table
 * ({@link FaultTally}): survived with the content verified, or failed with a typed error; data lost
 * must be 0.
 */
class FaultInjectionIT {
  @RegisterExtension static RegistryExtension registry = RegistryExtension.plain();

  private static final Timeouts QUICK =
      Timeouts.builder()
          .read(Duration.ofSeconds(60))
          .request(Duration.ofSeconds(3))
          .minRate(16 * 1024, Duration.ofSeconds(1))
          .build();
  private static final int MIB = 1024 * 1024;

  private static RegistryServer server;
  private static RegistryClient direct;
  private FaultProxy proxy;
  private RegistryClient client;

  @BeforeAll
  static void start(RegistryServer s) {
    server = s;
    direct = RegistryClient.builder().insecurePlainHttp(s.host()).build();
  }

  @BeforeEach
  void startProxy() {
    proxy = FaultProxy.to("127.0.0.1", server.port());
    client = client(RegistryClient.builder());
  }

  @AfterEach
  void stopProxy() {
    client.close();
    proxy.close();
  }

  private RegistryClient client(RegistryClient.Builder b) {
    return b.insecurePlainHttp(proxy.address())
        .timeouts(QUICK)
        .retryPolicy(
            RetryPolicy.builder()
                .maxAttempts(3)
                .initialBackoff(Duration.ofMillis(10))
                .maxBackoff(Duration.ofMillis(50))
                .build())
        .build();
  }

  private static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static Descriptor blob(byte[] bytes) {
    return Descriptor.of("application/octet-stream", bytes);
  }

  /** The blob pushed straight to the registry (no proxy), for downloads. */
  private static Descriptor stored(String repo, byte[] bytes) throws IOException {
    Descriptor d = blob(bytes);
    direct.repository(server.host() + "/" + repo).push(d, new ByteArrayInputStream(bytes));
    return d;
  }

  private Repository viaProxy(RegistryClient c, String repo) {
    return c.repository(proxy.address() + "/" + repo);
  }

  /** The bytes the registry holds for {@code d} in {@code repo}, read without the proxy. */
  private static byte[] held(String repo, Descriptor d) throws IOException {
    try (InputStream in = direct.repository(server.host() + "/" + repo).fetch(d)) {
      return in.readAllBytes();
    }
  }

  private void download(String fault, Fault injected, int size, long seed) throws Exception {
    byte[] bytes = random(size, seed);
    Descriptor d = stored("faults/download" + seed, bytes);
    proxy.arm(injected);
    byte[] got;
    try (InputStream in = viaProxy(client, "faults/download" + seed).fetch(d)) {
      got = in.readAllBytes();
    }
    FaultTally.record(
        getClass(), fault, Outcome.SURVIVED, java.util.Arrays.equals(got, bytes) ? 0 : size);
    assertThat(proxy.fired()).hasSize(1);
    assertThat(got).isEqualTo(bytes);
    assertThat(proxy.connections()).isGreaterThanOrEqualTo(2); // the resumed request
  }

  @Test
  void aDownloadCutMidBlobResumes() throws Exception {
    download(
        "cut mid-blob on download (resumed with Range)",
        Fault.at(Direction.DOWNSTREAM, 3 * MIB).cut(),
        8 * MIB,
        1);
  }

  @Test
  void aDownloadResetMidBlobResumes() throws Exception {
    download(
        "reset mid-blob on download (resumed with Range)",
        Fault.at(Direction.DOWNSTREAM, 5 * MIB).reset(),
        8 * MIB,
        2);
  }

  @Test
  void aDownloadStalledMidBlobResumesAfterTheStallRule() throws Exception {
    long start = System.nanoTime();
    download(
        "stall mid-blob on download (stall rule, resumed)",
        Fault.at(Direction.DOWNSTREAM, 2 * MIB).stall(),
        4 * MIB,
        3);
    // the stall rule (1 s), not the 60 s read timeout, ended the stalled connection
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
  }

  private void chunkedUpload(String fault, Fault injected, long seed) throws Exception {
    RegistryClient chunked = client(RegistryClient.builder().chunkSize(MIB));
    byte[] bytes = random(5 * MIB + 123, seed);
    Descriptor d = blob(bytes);
    String repo = "faults/upload" + seed;
    proxy.arm(injected);
    viaProxy(chunked, repo).push(d, new ByteArrayInputStream(bytes));
    byte[] got = held(repo, d);
    FaultTally.record(
        getClass(),
        fault,
        Outcome.SURVIVED,
        java.util.Arrays.equals(got, bytes) ? 0 : bytes.length);
    assertThat(proxy.fired()).hasSize(1);
    assertThat(got).isEqualTo(bytes);
    // resumed by asking the registry for the upload's state, not by repeating the chunk blindly
    assertThat(server.log()).contains("\"GET /v2/" + repo + "/blobs/uploads/");
    chunked.close();
  }

  @Test
  void anUploadCutBetweenChunksResumesFromTheRegistrysOffset() throws Exception {
    // the third chunk's request never reaches the registry: GET on the upload says 0-2097151
    chunkedUpload(
        "cut mid-blob on chunked upload, between chunks (resumed from the registry's Range)",
        Fault.before(Direction.UPSTREAM, "PATCH ", 3).cut(),
        11);
  }

  @Test
  void anUploadResetBetweenChunksResumes() throws Exception {
    chunkedUpload(
        "reset mid-blob on chunked upload, between chunks (resumed from the registry's Range)",
        Fault.before(Direction.UPSTREAM, "PATCH ", 5).reset(),
        12);
  }

  @Test
  void anUploadCutInsideAChunkFailsTypedAndStoresNothing() throws Exception {
    // docker-registry 2.8 cancels an upload whose stored size no longer matches its _state
    RegistryClient chunked = client(RegistryClient.builder().chunkSize(MIB));
    byte[] bytes = random(3 * MIB, 13);
    Descriptor d = blob(bytes);
    String repo = "faults/upload13";
    proxy.arm(Fault.at(Direction.UPSTREAM, MIB + MIB / 2).cut());
    Throwable thrown = null;
    try {
      viaProxy(chunked, repo).push(d, new ByteArrayInputStream(bytes));
    } catch (IOException e) {
      thrown = e;
    }
    boolean stored = direct.repository(server.host() + "/" + repo).exists(d);
    FaultTally.record(
        getClass(),
        "cut inside a chunk on upload (docker-registry 2.8 drops the session)",
        thrown instanceof RegistryException ? Outcome.TYPED_ERROR : Outcome.UNTYPED_ERROR,
        stored && !java.util.Arrays.equals(held(repo, d), bytes) ? bytes.length : 0);
    assertThat(proxy.fired()).hasSize(1);
    assertThat(thrown)
        .isInstanceOfSatisfying(
            RegistryException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(404);
              assertThat(e.getMessage()).contains("upload was lost when its connection broke");
            });
    assertThat(stored).isFalse();
    chunked.close();
  }

  @Test
  void aStreamedUploadCutMidBlobFailsTypedAndStoresNothing() throws Exception {
    byte[] bytes = random(6 * MIB, 14);
    Descriptor d = blob(bytes);
    String repo = "faults/upload14";
    proxy.arm(Fault.at(Direction.UPSTREAM, 2 * MIB).cut());
    Throwable thrown = null;
    try {
      viaProxy(client, repo).push(d, new ByteArrayInputStream(bytes));
    } catch (IOException e) {
      thrown = e;
    }
    boolean stored = direct.repository(server.host() + "/" + repo).exists(d);
    FaultTally.record(
        getClass(),
        "cut mid-blob on a streamed (one PUT) upload: cannot be resent",
        thrown instanceof RegistryException ? Outcome.TYPED_ERROR : Outcome.UNTYPED_ERROR,
        stored && !java.util.Arrays.equals(held(repo, d), bytes) ? bytes.length : 0);
    assertThat(proxy.fired()).hasSize(1);
    assertThat(thrown)
        .isInstanceOfSatisfying(
            RegistryException.class,
            e -> assertThat(e.getMessage()).contains("the upload broke after", "of 6291456 bytes"));
    assertThat(stored).isFalse();
  }

  @Test
  void anUploadStalledMidBlobBreaksTheStallRule() throws Exception {
    // far more than the loopback socket buffers hold, so the client's writes block
    byte[] bytes = random(64 * MIB, 17);
    Descriptor d = blob(bytes);
    String repo = "faults/upload17";
    timesOut(
        "upload stalled mid-blob: the registry stops reading (stall rule, host named)",
        RegistryTimeoutException.Limit.STALL,
        proxy.address(),
        () -> proxy.arm(Fault.at(Direction.UPSTREAM, 4 * MIB).stall()),
        () -> viaProxy(client, repo).push(d, new ByteArrayInputStream(bytes)));
    assertThat(proxy.fired()).hasSize(1);
    assertThat(direct.repository(server.host() + "/" + repo).exists(d)).isFalse();
  }

  private void answerLost(String fault, RegistryClient c, long seed) throws Exception {
    byte[] bytes = random(3 * MIB, seed);
    Descriptor d = blob(bytes);
    String repo = "faults/answer" + seed;
    // the registry completes the upload; its "201 Created" never reaches the client
    proxy.arm(Fault.before(Direction.DOWNSTREAM, "HTTP/1.1 201", 1).cut());
    viaProxy(c, repo).push(d, new ByteArrayInputStream(bytes));
    byte[] got = held(repo, d);
    FaultTally.record(
        getClass(),
        fault,
        Outcome.SURVIVED,
        java.util.Arrays.equals(got, bytes) ? 0 : bytes.length);
    assertThat(proxy.fired()).hasSize(1);
    assertThat(got).isEqualTo(bytes);
  }

  @Test
  void aLostAnswerToAStreamedUploadIsCheckedByDigest() throws Exception {
    answerLost("answer to a streamed upload's PUT lost (blob found by digest)", client, 15);
  }

  @Test
  void aLostAnswerToTheFinalPutOfAChunkedUploadIsCheckedByDigest() throws Exception {
    RegistryClient chunked = client(RegistryClient.builder().chunkSize(MIB));
    answerLost(
        "answer to a chunked upload's final PUT lost (repeated, found by digest)", chunked, 16);
    chunked.close();
  }

  private void timesOut(
      String fault, RegistryTimeoutException.Limit limit, String host, Runnable arm, Call op)
      throws Exception {
    arm.run();
    long start = System.nanoTime();
    Throwable thrown = null;
    try {
      op.run();
    } catch (IOException e) {
      thrown = e;
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    FaultTally.record(
        getClass(),
        fault,
        thrown instanceof RegistryTimeoutException t && t.limit() == limit && t.host().equals(host)
            ? Outcome.TYPED_ERROR
            : Outcome.UNTYPED_ERROR,
        0);
    assertThat(thrown)
        .isInstanceOfSatisfying(
            RegistryTimeoutException.class,
            e -> {
              assertThat(e.limit()).isEqualTo(limit);
              assertThat(e.host()).isEqualTo(host);
              assertThat(e.getMessage()).startsWith(host + ": ");
            });
    // the limit, not the 60 s read timeout (a loaded machine may add seconds)
    assertThat(took).isLessThan(Duration.ofSeconds(30));
  }

  /** An operation that may fail. */
  private interface Call {
    void run() throws Exception;
  }

  @Test
  void aStalledServerHitsTheRequestDeadline() throws Exception {
    byte[] bytes = random(1000, 21);
    Descriptor d = stored("faults/stalled", bytes);
    timesOut(
        "stalled server: answers swallowed (request deadline, host named)",
        RegistryTimeoutException.Limit.REQUEST_DEADLINE,
        proxy.address(),
        () -> proxy.arm(Fault.at(Direction.DOWNSTREAM, 0).stall().times(10)),
        () -> viaProxy(client, "faults/stalled").exists(d));
    assertThat(proxy.fired()).isNotEmpty();
  }

  @Test
  void aServerThatAcceptsAndNeverAnswersHitsTheRequestDeadline() throws Exception {
    List<Socket> held = new CopyOnWriteArrayList<>();
    try (ServerSocket silent = new ServerSocket()) {
      silent.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      Thread acceptor =
          new Thread(
              () -> {
                while (!silent.isClosed()) {
                  try {
                    held.add(silent.accept()); // read nothing, answer nothing
                  } catch (IOException e) {
                    return;
                  }
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      String host = "127.0.0.1:" + silent.getLocalPort();
      RegistryClient c =
          RegistryClient.builder()
              .insecurePlainHttp(host)
              .timeouts(QUICK)
              .retryPolicy(RetryPolicy.builder().initialBackoff(Duration.ofMillis(10)).build())
              .build();
      timesOut(
          "server accepts and never answers (request deadline, host named)",
          RegistryTimeoutException.Limit.REQUEST_DEADLINE,
          host,
          () -> {},
          () -> c.repository(host + "/faults/silent").resolve("v1"));
      c.close();
      assertThat(held).isNotEmpty();
    } finally {
      for (Socket s : held) {
        s.close();
      }
    }
  }

  @Test
  void aServerTricklingAByteASecondHitsTheRequestDeadline() throws Exception {
    byte[] bytes = random(1000, 22);
    Descriptor d = stored("faults/trickle", bytes);
    timesOut(
        "server trickles its answer a byte a second (request deadline)",
        RegistryTimeoutException.Limit.REQUEST_DEADLINE,
        proxy.address(),
        () -> proxy.arm(Fault.at(Direction.DOWNSTREAM, 0).slow(Duration.ofSeconds(1)).times(10)),
        () -> viaProxy(client, "faults/trickle").exists(d));
  }

  @Test
  void aBlobTricklingAByteASecondBreaksTheStallRule() throws Exception {
    byte[] bytes = random(2 * MIB, 23);
    Descriptor d = stored("faults/trickleblob", bytes);
    timesOut(
        "blob trickles a byte a second on every connection (stall rule)",
        RegistryTimeoutException.Limit.STALL,
        proxy.address(),
        () ->
            proxy.arm(
                Fault.at(Direction.DOWNSTREAM, 64 * 1024).slow(Duration.ofSeconds(1)).times(10)),
        () -> {
          try (InputStream in = viaProxy(client, "faults/trickleblob").fetch(d)) {
            in.readAllBytes();
          }
        });
    assertThat(proxy.fired()).hasSizeGreaterThanOrEqualTo(2); // the resumed request trickled too
  }
}
