package dev.ocitrust.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ocitrust.client.MemoryStore;
import dev.ocitrust.policy.LoopbackRevocationServer.Ocsp;
import dev.ocitrust.testkit.TestCertificate;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** OCSP and CRL checking against a responder and a distribution point on loopback HTTP. */
class OcspCrlRevocationCheckerTest {
  private static LoopbackRevocationServer server;
  private static TestCertificate ca;

  @BeforeAll
  static void start() throws IOException {
    ca = revocationTestCa();
    server = new LoopbackRevocationServer(ca);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** A root CA; each call makes a new one with the same name (another key). */
  private static TestCertificate revocationTestCa() {
    return TestCertificate.builder()
        .subject("CN=Revocation Test CA,O=ocitrust,C=US")
        .certificateAuthority(-1)
        .build();
  }

  private static TestCertificate leaf(boolean ocsp, boolean crl) {
    return leaf("CN=leaf,O=ocitrust,ST=WA,C=US", ocsp, crl);
  }

  private static TestCertificate leaf(String dn, boolean ocsp, boolean crl) {
    TestCertificate.Builder b = TestCertificate.builder().subject(dn).signedBy(ca);
    if (ocsp) {
      b.ocsp(server.ocspUri());
    }
    if (crl) {
      b.crl(server.crlUri());
    }
    return b.build();
  }

  private static OcspCrlRevocationChecker checker() {
    return OcspCrlRevocationChecker.builder().build();
  }

  private static RevocationException.Status status(Runnable r) {
    try {
      r.run();
      return null;
    } catch (RuntimeException e) {
      return ((RevocationException) e.getCause()).status();
    }
  }

  private static RevocationException.Status check(
      OcspCrlRevocationChecker c, TestCertificate leaf, Optional<Instant> signingTime) {
    return status(
        () -> {
          try {
            c.check(leaf.chain(), signingTime);
          } catch (RevocationException e) {
            throw new RuntimeException(e);
          }
        });
  }

  @Test
  void certificateWithoutSourcesIsNotRevocableAndNothingIsFetched() throws Exception {
    int crl = server.crlRequests.get();
    int ocsp = server.ocspRequests.get();
    checker().check(leaf(false, false).chain(), Optional.empty());
    assertThat(server.crlRequests.get()).isEqualTo(crl);
    assertThat(server.ocspRequests.get()).isEqualTo(ocsp);
  }

  @Test
  void theDefaultFetcherMakesItsHttpClientOnTheFirstFetchOnly() throws Exception {
    LazyHttpRevocationFetcher lazy = new LazyHttpRevocationFetcher(Duration.ofSeconds(5));
    assertThat(lazy.started()).isFalse();
    int before = server.crlRequests.get();
    assertThat(lazy.fetchCrl(server.crlUri())).isNotEmpty();
    assertThat(lazy.started()).isTrue();
    assertThat(server.crlRequests.get() - before).isEqualTo(1);
  }

  @Test
  void crlWithoutEntryIsGoodAndIsCachedUntilNextUpdate() {
    TestCertificate leaf = leaf(false, true);
    OcspCrlRevocationChecker c = checker();
    int before = server.crlRequests.get();
    assertThat(check(c, leaf, Optional.empty())).isNull();
    assertThat(check(c, leaf, Optional.empty())).isNull();
    assertThat(server.crlRequests.get() - before).isEqualTo(1);
  }

  @Test
  void crlEntryRevokes() {
    TestCertificate leaf = leaf(false, true);
    server.revoke(leaf.certificate(), Instant.now().minusSeconds(600));
    assertThat(check(checker(), leaf, Optional.empty()))
        .isEqualTo(RevocationException.Status.REVOKED);
  }

  @Test
  void invalidityDateAfterTheAuthenticSigningTimeDoesNotRevoke() {
    TestCertificate leaf = leaf(false, true);
    Instant invalid = Instant.now().minus(Duration.ofDays(2));
    server.revoke(leaf.certificate(), Instant.now().minusSeconds(600));
    server.invalidSince(leaf.certificate(), invalid);
    assertThat(check(checker(), leaf, Optional.of(invalid.minus(Duration.ofDays(1))))).isNull();
    assertThat(check(checker(), leaf, Optional.of(invalid.plus(Duration.ofDays(1)))))
        .isEqualTo(RevocationException.Status.REVOKED);
    assertThat(check(checker(), leaf, Optional.empty()))
        .isEqualTo(RevocationException.Status.REVOKED);
  }

  @Test
  void staleOrForeignCrlGivesUnknown() {
    TestCertificate leaf = leaf(false, true);
    server.crlNextUpdate = Instant.now().minusSeconds(1);
    try {
      assertThat(check(checker(), leaf, Optional.empty()))
          .isEqualTo(RevocationException.Status.UNKNOWN);
    } finally {
      server.crlNextUpdate = Instant.now().plus(Duration.ofDays(7));
    }
    server.crlSigner = revocationTestCa();
    try {
      assertThatThrownBy(() -> checker().check(leaf.chain(), Optional.empty()))
          .isInstanceOf(RevocationException.class)
          .hasMessageContaining("revocation status is unknown");
    } finally {
      server.crlSigner = ca;
    }
  }

  @Test
  void ocspGoodAndRevoked() {
    TestCertificate good = leaf(true, false);
    TestCertificate bad = leaf(true, false);
    server.ocsp(bad.certificate(), Ocsp.REVOKED);
    assertThat(check(checker(), good, Optional.empty())).isNull();
    assertThat(check(checker(), bad, Optional.empty()))
        .isEqualTo(RevocationException.Status.REVOKED);
  }

  @Test
  void ocspAnswerFromADelegatedResponderIsAccepted_fromAnImpostorItIsNot() {
    TestCertificate delegated = leaf(true, false);
    server.ocsp(delegated.certificate(), Ocsp.DELEGATED_GOOD);
    assertThat(check(checker(), delegated, Optional.empty())).isNull();
    TestCertificate forged = leaf(true, false);
    server.ocsp(forged.certificate(), Ocsp.WRONG_SIGNER);
    assertThat(check(checker(), forged, Optional.empty()))
        .isEqualTo(RevocationException.Status.UNKNOWN);
  }

  @Test
  void ocspUnknownOrUnreachableFallsBackToTheCrl() {
    TestCertificate unknown = leaf(true, true);
    server.ocsp(unknown.certificate(), Ocsp.UNKNOWN);
    assertThat(check(checker(), unknown, Optional.empty())).isNull();
    TestCertificate down = leaf(true, true);
    server.ocsp(down.certificate(), Ocsp.HTTP_ERROR);
    server.revoke(down.certificate(), Instant.now().minusSeconds(60));
    assertThat(check(checker(), down, Optional.empty()))
        .isEqualTo(RevocationException.Status.REVOKED);
    TestCertificate noCrl = leaf(true, false);
    server.ocsp(noCrl.certificate(), Ocsp.HTTP_ERROR);
    assertThat(check(checker(), noCrl, Optional.empty()))
        .isEqualTo(RevocationException.Status.UNKNOWN);
  }

  @Test
  void offlineFetchersAreUsedInsteadOfTheNetwork() throws Exception {
    TestCertificate leaf = leaf(true, true);
    OcspCrlRevocationChecker offline =
        OcspCrlRevocationChecker.builder()
            .ocspFetcher(
                (uri, req) -> {
                  throw new IOException("offline");
                })
            .crlFetcher(
                uri -> {
                  throw new IOException("offline");
                })
            .build();
    int ocsp = server.ocspRequests.get();
    assertThatThrownBy(() -> offline.check(leaf.chain(), Optional.empty()))
        .isInstanceOf(RevocationException.class)
        .hasMessageContaining("offline");
    assertThat(server.ocspRequests.get()).isEqualTo(ocsp);
  }

  @Test
  void httpFetcherRefusesNonHttpUrls() {
    HttpRevocationFetcher http =
        HttpRevocationFetcher.create(java.net.http.HttpClient.newHttpClient());
    assertThatThrownBy(() -> http.fetchCrl(java.net.URI.create("file:///etc/passwd")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("non-HTTP");
  }

  @Test
  void verifierRejectsARevokedSignerWhereRevocationIsEnforced() throws Exception {
    TestCertificate leaf = leaf(Fixture.TRUSTED_DN, true, true);
    MemoryStore store = new MemoryStore();
    Fixture.image(store, "v1", "revocation");
    NotarySigner.builder(Fixture.signer(leaf).build()).build().sign(store, "v1");
    InMemoryTrustStore trust =
        InMemoryTrustStore.builder().add(TrustStoreRef.parse("ca:rev"), ca.certificate()).build();
    NotaryVerifier strict =
        NotaryVerifier.builder(
                Fixture.policy("local/rev", "{\"level\":\"strict\"}", "\"ca:rev\"", "\"*\""), trust)
            .build();
    assertThat(strict.verify(store, "local/rev", "v1").isVerified()).isTrue();
    server.ocsp(leaf.certificate(), Ocsp.REVOKED);
    // the good answer is cached by this verifier's checker until its nextUpdate (one hour)
    assertThat(strict.verify(store, "local/rev", "v1").isVerified()).isTrue();
    NotaryVerifier fresh =
        NotaryVerifier.builder(
                Fixture.policy("local/rev", "{\"level\":\"strict\"}", "\"ca:rev\"", "\"*\""), trust)
            .build();
    assertThatThrownBy(() -> fresh.verify(store, "local/rev", "v1"))
        .isInstanceOf(VerificationFailedException.class)
        .hasMessageContaining("revocation failed")
        .hasMessageContaining("is revoked");
    NotaryVerifier permissive =
        NotaryVerifier.builder(
                Fixture.policy("local/rev", "{\"level\":\"permissive\"}", "\"ca:rev\"", "\"*\""),
                trust)
            .build();
    assertThatCode(() -> permissive.verify(store, "local/rev", "v1")).doesNotThrowAnyException();
  }
}
