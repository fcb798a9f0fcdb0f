package dev.ocitrust.cose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ocitrust.testkit.TestCertificate;
import dev.ocitrust.testkit.TestTsa;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RFC 3161 countersignatures against a loopback TSA. */
class TimestampTest {
  private static final Instant NOW = Instant.parse("2026-05-05T05:05:05Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final TargetArtifact TARGET =
      TargetArtifact.of(
          "application/vnd.oci.image.manifest.v1+json", "sha256:" + "cd".repeat(32), 99);
  private TestTsa tsa;
  private HttpClient http;

  @BeforeEach
  void start() throws Exception {
    tsa = TestTsa.create(CLOCK).start();
    http = HttpClient.newHttpClient();
  }

  @AfterEach
  void stop() {
    tsa.close();
  }

  private NotaryEnvelopeSigner signer(
      TestCertificate leaf, List<java.security.cert.X509Certificate> roots)
      throws CertificateChainException {
    return NotaryEnvelopeSigner.builder(leaf.privateKey(), leaf.chain())
        .clock(CLOCK)
        .timestampAuthority(
            HttpTimestampAuthority.create(http, tsa.uri()), TimestampVerifier.create(roots))
        .build();
  }

  @Test
  void signsWithATimestampThatVerifies() throws Exception {
    TestCertificate leaf =
        TestCertificate.leafUnderIntermediate(TestCertificate.ecKeyPair("secp384r1"));
    byte[] env = signer(leaf, List.of(tsa.rootCertificate())).sign(TARGET);
    VerifiedNotaryEnvelope v = NotaryEnvelopeVerifier.builder().build().verify(env);
    assertThat(v.timestampToken()).isPresent();
    VerifiedTimestamp ts =
        v.verifyTimestamp(TimestampVerifier.create(List.of(tsa.rootCertificate())));
    assertThat(ts.genTime()).isEqualTo(NOW);
    assertThat(ts.accuracy()).isEqualTo(Duration.ofSeconds(1));
    assertThat(ts.tsaChain()).containsExactly(tsa.tsaCertificate(), tsa.rootCertificate());
    // another root does not anchor it
    TestTsa other = TestTsa.create(CLOCK);
    try {
      assertThatThrownBy(
              () -> v.verifyTimestamp(TimestampVerifier.create(List.of(other.rootCertificate()))))
          .isInstanceOf(TimestampException.class)
          .hasMessageContaining("unknown authority");
    } finally {
      other.close();
    }
    // the token is bound to this signature: moved onto another envelope it does not verify
    // (another target: with RFC 6979 ECDSA the same inputs give the same signature)
    byte[] second =
        NotaryEnvelopeSigner.builder(leaf.privateKey(), leaf.chain())
            .clock(CLOCK)
            .build()
            .sign(TargetArtifact.of(TARGET.mediaType(), TARGET.digest(), 100));
    VerifiedNotaryEnvelope w = NotaryEnvelopeVerifier.builder().build().verify(second);
    assertThatThrownBy(
            () ->
                TimestampVerifier.create(List.of(tsa.rootCertificate()))
                    .verify(v.timestampToken().orElseThrow(), w.signature()))
        .isInstanceOf(TimestampException.class)
        .hasMessageContaining("mismatched message");
  }

  @Test
  void signingFailsWhenTheTsaIsNotTrusted() throws Exception {
    TestCertificate leaf =
        TestCertificate.leafUnderIntermediate(TestCertificate.ecKeyPair("secp256r1"));
    TestTsa other = TestTsa.create(CLOCK);
    try {
      assertThatThrownBy(() -> signer(leaf, List.of(other.rootCertificate())).sign(TARGET))
          .isInstanceOf(TimestampException.class);
    } finally {
      other.close();
    }
  }

  @Test
  void signingFailsOnAGarbledResponse() {
    TestCertificate leaf =
        TestCertificate.leafUnderIntermediate(TestCertificate.ecKeyPair("secp256r1"));
    tsa.tamper(
        b -> {
          byte[] t = b.clone();
          t[t.length / 2] ^= 0x55;
          return t;
        });
    assertThatThrownBy(() -> signer(leaf, List.of(tsa.rootCertificate())).sign(TARGET))
        .isInstanceOf(TimestampException.class);
    tsa.tamper(b -> new byte[] {0x30, 0x00});
    assertThatThrownBy(() -> signer(leaf, List.of(tsa.rootCertificate())).sign(TARGET))
        .isInstanceOf(TimestampException.class);
  }

  @Test
  void httpAuthorityReportsHttpErrorsAsTimestampExceptions() {
    TimestampAuthority a = HttpTimestampAuthority.create(http, tsa.uri());
    assertThatThrownBy(() -> a.timestamp(new byte[] {1, 2, 3}))
        .isInstanceOf(TimestampException.class)
        .hasMessageContaining("HTTP 500");
    assertThatThrownBy(() -> HttpTimestampAuthority.create(http, URI.create("ftp://tsa.example/")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void unreachableTsaIsATimestampException() throws Exception {
    TestCertificate leaf =
        TestCertificate.leafUnderIntermediate(TestCertificate.ecKeyPair("secp256r1"));
    NotaryEnvelopeSigner s =
        NotaryEnvelopeSigner.builder(leaf.privateKey(), leaf.chain())
            .clock(CLOCK)
            .timestampAuthority(
                HttpTimestampAuthority.create(http, closedLoopbackPort(), Duration.ofSeconds(2)),
                TimestampVerifier.create(List.of(tsa.rootCertificate())))
            .build();
    assertThatThrownBy(() -> s.sign(TARGET))
        .isInstanceOf(TimestampException.class)
        .hasMessageContaining("cannot reach");
  }

  /** A loopback URI on a port nobody listens on (bound, then released). */
  private static URI closedLoopbackPort() throws java.io.IOException {
    java.net.InetAddress lo = java.net.InetAddress.getLoopbackAddress();
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, lo)) {
      return URI.create("http://" + lo.getHostAddress() + ":" + s.getLocalPort() + "/tsa");
    }
  }

  @Test
  void chainNotValidAtTimestampIsRejected() throws Exception {
    // a short-lived leaf, valid when the signer's clock says it signs, but expired by the time
    // the TSA (clock NOW) stamps: signing must fail rather than embed a useless time stamp
    TestCertificate root =
        TestCertificate.builder().subject("CN=Short Root").certificateAuthority(-1).build();
    TestCertificate leaf =
        TestCertificate.builder()
            .subject("CN=Short")
            .signedBy(root)
            .validity(NOW.minusSeconds(3600), NOW.minusSeconds(60))
            .build();
    Clock earlier = Clock.fixed(NOW.minusSeconds(600), ZoneOffset.UTC);
    assertThatThrownBy(
            () ->
                NotaryEnvelopeSigner.builder(leaf.privateKey(), leaf.chain())
                    .clock(earlier)
                    .timestampAuthority(
                        HttpTimestampAuthority.create(http, tsa.uri()),
                        TimestampVerifier.create(List.of(tsa.rootCertificate())))
                    .build()
                    .sign(TARGET))
        .isInstanceOf(TimestampException.class)
        .hasMessageContaining("outside the validity");
  }
}
