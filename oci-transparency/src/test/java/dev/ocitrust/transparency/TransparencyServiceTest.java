package dev.ocitrust.transparency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ocitrust.cose.internal.Cbor;
import dev.ocitrust.cose.internal.CborDecoder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SCRAPI resources over real HTTP on loopback. */
class TransparencyServiceTest {
  private final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @TempDir Path dir;

  /** The service's clock: the tests move it instead of sleeping. */
  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2026-12-01T00:00:00Z"));

  private final Clock clock =
      new Clock() {
        @Override
        public ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now.get();
        }
      };

  private TransparencyService service(Duration pending) throws Exception {
    return TransparencyService.builder(dir)
        .issuer("https://ts.example")
        .policy(RegistrationPolicy.builder().allowIssuer(TestStatements.ISSUER).build())
        .pendingFor(pending)
        .clock(clock)
        .build();
  }

  private HttpResponse<byte[]> post(TransparencyService ts, byte[] body, String type)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(ts.uri().resolve("/entries"))
            .header("Content-Type", type)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpResponse<byte[]> get(TransparencyService ts, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(ts.uri().resolve(path)).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private PublicKey serviceKey() throws Exception {
    byte[] spki = java.nio.file.Files.readAllBytes(dir.resolve("service-key.spki"));
    return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki));
  }

  private static String title(byte[] problem) throws Exception {
    Cbor.MapItem m = (Cbor.MapItem) CborDecoder.decode(problem);
    return ((Cbor.Text) m.get(new Cbor.Int(-1))).value()
        + ": "
        + ((Cbor.Text) m.get(new Cbor.Int(-2))).value();
  }

  @Test
  void registersAndAnswersWithAReceiptThatVerifies() throws Exception {
    try (TransparencyService ts = service(Duration.ZERO)) {
      byte[] first = TestStatements.statement(TestStatements.ISSUER, "one");
      byte[] second = TestStatements.statement(TestStatements.ISSUER, "two");
      post(ts, first, "application/cose");
      HttpResponse<byte[]> r = post(ts, second, "application/cose");
      assertThat(r.statusCode()).isEqualTo(201);
      assertThat(r.headers().firstValue("Content-Type")).contains("application/cose");
      assertThat(r.headers().firstValue("Location")).contains("/entries/1");
      InclusionProof p = ReceiptChecks.verify(r.body(), second, serviceKey());
      assertThat(p.treeSize()).isEqualTo(2);
      assertThat(p.leafIndex()).isEqualTo(1);
      // a later receipt for the first entry proves it in the grown tree
      HttpResponse<byte[]> again = get(ts, "/entries/0");
      assertThat(again.statusCode()).isEqualTo(200);
      assertThat(ReceiptChecks.verify(again.body(), first, serviceKey()).treeSize()).isEqualTo(2);
    }
  }

  @Test
  void aReceiptDoesNotVerifyForAnotherStatement() throws Exception {
    try (TransparencyService ts = service(Duration.ZERO)) {
      byte[] one = TestStatements.statement(TestStatements.ISSUER, "one");
      post(ts, one, "application/cose");
      byte[] receipt =
          post(ts, TestStatements.statement(TestStatements.ISSUER, "two"), "application/cose")
              .body();
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> ReceiptChecks.verify(receipt, one, serviceKey()))
          .isInstanceOf(dev.ocitrust.cose.CoseSignatureException.class);
    }
  }

  @Test
  void refusesIssuersNotAllowedBadSignaturesAndOtherMediaTypes() throws Exception {
    try (TransparencyService ts = service(Duration.ZERO)) {
      HttpResponse<byte[]> r =
          post(ts, TestStatements.statement("https://mallory.example", "x"), "application/cose");
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(r.headers().firstValue("Content-Type"))
          .contains("application/concise-problem-details+cbor");
      assertThat(title(r.body()))
          .startsWith("Rejected: issuer \"https://mallory.example\" is not allowed");

      byte[] s = TestStatements.statement(TestStatements.ISSUER, "x");
      s[s.length - 1] ^= 1;
      r = post(ts, s, "application/cose");
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(title(r.body()))
          .startsWith(
              "Bad Signature: the statement from \""
                  + TestStatements.ISSUER
                  + "\" does not verify");

      r = post(ts, TestStatements.statement(TestStatements.ISSUER, "x"), "application/json");
      assertThat(r.statusCode()).isEqualTo(415);
      r = post(ts, new byte[] {1, 2, 3}, "application/cose");
      assertThat(title(r.body())).startsWith("Bad Statement");
      assertThat(ts.size()).isZero();

      r = get(ts, "/entries/7");
      assertThat(r.statusCode()).isEqualTo(404);
      assertThat(title(r.body())).isEqualTo("Not Found: no entry 7 (the log holds 0)");
      assertThat(get(ts, "/entries/x").statusCode()).isEqualTo(400);
    }
  }

  @Test
  void aDefaultPolicyRefusesEveryone() throws Exception {
    try (TransparencyService ts = TransparencyService.builder(dir).build()) {
      HttpResponse<byte[]> r =
          post(ts, TestStatements.statement(TestStatements.ISSUER, "x"), "application/cose");
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(title(r.body())).startsWith("Rejected");
    }
  }

  @Test
  void asynchronousRegistrationRedirectsUntilTheReceiptIsReady() throws Exception {
    try (TransparencyService ts = service(Duration.ofMillis(1500))) {
      byte[] s = TestStatements.statement(TestStatements.ISSUER, "slow");
      HttpResponse<byte[]> r = post(ts, s, "application/cose");
      assertThat(r.statusCode()).isEqualTo(303);
      assertThat(r.headers().firstValue("Location")).contains("/entries/0");
      assertThat(r.headers().firstValue("Retry-After")).contains("2");
      r = get(ts, "/entries/0");
      assertThat(r.statusCode()).isEqualTo(302);
      assertThat(r.headers().firstValue("Retry-After")).contains("2");
      now.set(now.get().plusMillis(1499));
      assertThat(get(ts, "/entries/0").statusCode()).isEqualTo(302);
      now.set(now.get().plusMillis(1));
      r = get(ts, "/entries/0");
      assertThat(r.statusCode()).isEqualTo(200);
      ReceiptChecks.verify(r.body(), s, serviceKey());
    }
  }

  @Test
  void servesItsKeySetAndKeepsKeyAndLogAcrossRestarts() throws Exception {
    byte[] keys;
    byte[] s = TestStatements.statement(TestStatements.ISSUER, "kept");
    try (TransparencyService ts = service(Duration.ZERO)) {
      HttpResponse<byte[]> r = get(ts, "/.well-known/scitt-keys");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type")).contains("application/cbor");
      keys = r.body();
      Cbor.MapItem key = (Cbor.MapItem) ((Cbor.Array) CborDecoder.decode(keys)).items().get(0);
      byte[] kid = ((Cbor.Bytes) key.get(new Cbor.Int(2))).value();
      assertThat(kid).hasSize(32);
      assertThat(key.get(new Cbor.Int(1))).isEqualTo(new Cbor.Int(2));
      assertThat(key.get(new Cbor.Int(-1))).isEqualTo(new Cbor.Int(1));
      String b64 = Base64.getUrlEncoder().withoutPadding().encodeToString(kid);
      assertThat(get(ts, "/.well-known/scitt-keys/" + b64).statusCode()).isEqualTo(200);
      assertThat(get(ts, "/.well-known/scitt-keys/AAAA").statusCode()).isEqualTo(404);
      post(ts, s, "application/cose");
    }
    try (TransparencyService ts = service(Duration.ZERO)) {
      assertThat(ts.keySet()).isEqualTo(keys);
      assertThat(ts.size()).isEqualTo(1);
      ReceiptChecks.verify(get(ts, "/entries/0").body(), s, serviceKey());
      assertThat(ts.uri()).isNotEqualTo(URI.create("http://127.0.0.1:0"));
    }
  }
}
