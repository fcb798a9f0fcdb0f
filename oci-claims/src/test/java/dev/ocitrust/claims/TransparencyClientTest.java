package dev.ocitrust.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ocitrust.claims.internal.ScittWire;
import dev.ocitrust.client.RegistryClient;
import dev.ocitrust.cose.HeaderLabel;
import dev.ocitrust.cose.ScittStatementSigner;
import dev.ocitrust.cose.UnverifiedSign1;
import dev.ocitrust.testkit.TestCertificate;
import dev.ocitrust.transparency.RegistrationPolicy;
import dev.ocitrust.transparency.TransparencyService;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SCRAPI client against the project's transparency service over HTTP on loopback. */
class TransparencyClientTest {
  private static final TestCertificate SIGNER =
      ClaimFixture.leaf(ClaimFixture.WABBIT_DN, ClaimFixture.root("CN=Wabbit Root,O=w,C=US"));

  @TempDir Path dir;
  private final RegistryClient registry = RegistryClient.builder().build();

  @AfterEach
  void close() {
    registry.close();
  }

  private TransparencyService service(Duration pending) throws Exception {
    return TransparencyService.builder(dir)
        .policy(RegistrationPolicy.builder().allowIssuer(ClaimFixture.WABBIT_ISS).build())
        .pendingFor(pending)
        .build();
  }

  private static byte[] statement(String iss) throws Exception {
    return ScittStatementSigner.builder(SIGNER.privateKey())
        .certificateChain(SIGNER.chain())
        .issuer(iss)
        .subject("pkg:oci/net-monitor@sha256%3A" + "cd".repeat(32))
        .contentType(ClaimFixture.SARIF)
        .build()
        .sign("{}".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void registersWaitsThroughRedirectsAndEmbedsTheReceipt() throws Exception {
    List<Duration> waits = new CopyOnWriteArrayList<>();
    try (TransparencyService ts = service(Duration.ofMillis(1200))) {
      TransparencyClient client =
          TransparencyClient.builder(ts.uri(), registry)
              .sleeper(
                  d -> {
                    waits.add(d);
                    Thread.sleep(d.toMillis());
                  })
              .build();
      byte[] s = statement(ClaimFixture.WABBIT_ISS);
      byte[] transparent = client.registerAndEmbed(s);
      assertThat(waits).isNotEmpty().allMatch(d -> d.equals(Duration.ofSeconds(2)));
      UnverifiedSign1 t = UnverifiedSign1.parse(transparent);
      UnverifiedSign1 original = UnverifiedSign1.parse(s);
      assertThat(t.protectedBytes()).isEqualTo(original.protectedBytes());
      assertThat(t.signature()).isEqualTo(original.signature());
      List<byte[]> receipts = t.unprotectedHeaders().bytesList(HeaderLabel.of(394)).orElseThrow();
      assertThat(receipts).hasSize(1);
      assertThat(
              UnverifiedSign1.parse(receipts.get(0))
                  .protectedHeaders()
                  .integer(HeaderLabel.of(395)))
          .contains(1L);
      assertThat(client.receipt("0")).isEqualTo(receipts.get(0));
      assertThat(client.keySet()).isEqualTo(ts.keySet());
      // a second receipt is appended, not replacing the first
      byte[] twice = ScittWire.embedReceipt(transparent, receipts.get(0));
      assertThat(
              UnverifiedSign1.parse(twice)
                  .unprotectedHeaders()
                  .bytesList(HeaderLabel.of(394))
                  .orElseThrow())
          .hasSize(2);
    }
  }

  @Test
  void anIssuerThatRegistersAttachesTransparentStatementsAndNothingWhenRefused() throws Exception {
    ClaimFixture f = new ClaimFixture();
    try (TransparencyService ts = service(Duration.ZERO)) {
      TransparencyClient client = TransparencyClient.builder(ts.uri(), registry).build();
      dev.ocitrust.client.MemoryStore store = new dev.ocitrust.client.MemoryStore();
      dev.ocitrust.client.Descriptor image = ClaimFixture.image(store, "v1", "x");
      dev.ocitrust.client.Descriptor claim =
          ClaimIssuer.builder(f.wabbit.privateKey(), f.wabbit.chain(), ClaimFixture.WABBIT_ISS)
              .register(client)
              .build()
              .issue(store, "v1", ClaimFixture.SARIF, "{}".getBytes(StandardCharsets.UTF_8));
      dev.ocitrust.client.ImageManifest m =
          (dev.ocitrust.client.ImageManifest) store.fetchManifest(claim);
      byte[] statement = store.fetchBytes(m.layers().get(0), 1 << 20);
      assertThat(
              UnverifiedSign1.parse(statement).unprotectedHeaders().bytesList(HeaderLabel.of(394)))
          .hasValueSatisfying(r -> assertThat(r).hasSize(1));
      assertThat(ts.size()).isEqualTo(1);

      ClaimIssuer acme =
          ClaimIssuer.builder(f.acme.privateKey(), f.acme.chain(), ClaimFixture.ACME_ISS)
              .register(client)
              .build();
      assertThatThrownBy(
              () ->
                  acme.issue(
                      store, "v1", ClaimFixture.SARIF, "{}".getBytes(StandardCharsets.UTF_8)))
          .isInstanceOf(TransparencyServiceException.class)
          .hasMessageContaining("Rejected");
      assertThat(store.referrers(image, null)).hasSize(1);
    }
  }

  @Test
  void problemDetailsBecomeTypedExceptions() throws Exception {
    try (TransparencyService ts = service(Duration.ZERO)) {
      TransparencyClient client = TransparencyClient.builder(ts.uri(), registry).build();
      assertThatThrownBy(() -> client.register(statement("https://mallory.example")))
          .isInstanceOfSatisfying(
              TransparencyServiceException.class,
              e -> {
                assertThat(e.status()).isEqualTo(400);
                assertThat(e.title()).isEqualTo("Rejected");
                assertThat(e.detail()).contains("\"https://mallory.example\" is not allowed");
                assertThat(e.isTransient()).isFalse();
                assertThat(e.getMessage()).contains(ts.uri() + "/entries: HTTP 400 Rejected");
              });
      assertThatThrownBy(() -> client.receipt("9"))
          .isInstanceOfSatisfying(
              TransparencyServiceException.class,
              e -> assertThat(e.title() + " " + e.status()).isEqualTo("Not Found 404"));
    }
  }

  @Test
  void pollingStopsAtTheDeadline() throws Exception {
    try (TransparencyService ts = service(Duration.ofSeconds(30))) {
      TransparencyClient client =
          TransparencyClient.builder(ts.uri(), registry).deadline(Duration.ofSeconds(3)).build();
      long start = System.nanoTime();
      assertThatThrownBy(() -> client.register(statement(ClaimFixture.WABBIT_ISS)))
          .isInstanceOfSatisfying(
              TransparencyServiceException.class,
              e -> {
                assertThat(e.status()).isZero();
                assertThat(e.isTransient()).isTrue();
                assertThat(e.getMessage()).contains("within 3 s");
              });
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }
  }

  @Test
  void plainHttpOnlyToLoopbackUnlessAllowed() {
    assertThatThrownBy(
            () -> TransparencyClient.builder(URI.create("http://ts.example"), registry).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not loopback");
    assertThat(
            TransparencyClient.builder(URI.create("http://ts.example/scitt/"), registry)
                .insecurePlainHttp(true)
                .build()
                .uri())
        .isEqualTo(URI.create("http://ts.example/scitt"));
  }
}
