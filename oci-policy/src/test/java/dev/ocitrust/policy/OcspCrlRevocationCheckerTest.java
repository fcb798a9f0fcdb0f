package dev.ocitrust.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ocitrust.client.MemoryStore;
import dev.ocitrust.policy.LoopbackRevocationServer.Ocsp;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** OCSP and CRL checking against a responder and a distribution point on loopback HTTP. */
class OcspCrlRevocationCheckerTest {
  private static LoopbackRevocationServer server;
  private static Pki.Issued ca;

  @BeforeAll
  static void start() throws IOException {
    ca = Pki.root("CN=Revocation Test CA,O=ocitrust,C=US");
    server = new LoopbackRevocationServer(ca);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Pki.Issued leaf(boolean ocsp, boolean crl) {
    return Pki.leaf(
        "CN=leaf,O=ocitrust,ST=WA,C=US",
        ca,
        Pki.LONG_AGO,
        Pki.FAR_AHEAD,
        ocsp ? server.ocspUri() : null,
        crl ? server.crlUri() : null);
  }

  private static List<java.security.cert.X509Certificate> chain(Pki.Issued leaf) {
    return List.of(leaf.cert(), ca.cert());
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
      OcspCrlRevocationChecker c, Pki.Issued leaf, Optional<Instant> signingTime) {
    return status(
        () -> {
          try {
            c.check(chain(leaf), signingTime);
          } catch (RevocationException e) {
            throw new RuntimeException(e);
          }
        });
  }

  @Test
  void certificateWithoutSourcesIsNotRevocableAndNothingIsFetched() throws Exception {
    int crl = server.crlRequests.get();
    int ocsp = server.ocspRequests.get();
    checker().check(chain(leaf(false, false)), Optional.empty());
    assertThat(server.crlRequests.get()).isEqualTo(crl);
    assertThat(server.ocspRequests.get()).isEqualTo(ocsp);
  }

  @Test
  void crlWithoutEntryIsGoodAndIsCachedUntilNextUpdate() {
    Pki.Issued leaf = leaf(false, true);
    OcspCrlRevocationChecker c = checker();
    int before = server.crlRequests.get();
    assertThat(check(c, leaf, Optional.empty())).isNull();
    assertThat(check(c, leaf, Optional.empty())).isNull();
    assertThat(server.crlRequests.get() - before).isEqualTo(1);
  }

  @Test
  void crlEntryRevokes() {
    Pki.Issued leaf = leaf(false, true);
    server.revoke(leaf.cert(), Instant.now().minusSeconds(600));
    assertThat(check(checker(), leaf, Optional.empty()))
        .isEqualTo(RevocationException.Status.REVOKED);
  }

  @Test
  void invalidityDateAfterTheAuthenticSigningTimeDoesNotRevoke() {
    Pki.Issued leaf = leaf(false, true);
    Instant invalid = Instant.now().minus(Duration.ofDays(2));
    server.revoke(leaf.cert(), Instant.now().minusSeconds(600));
    server.invalidSince(leaf.cert(), invalid);
    assertThat(check(checker(), leaf, Optional.of(invalid.minus(Duration.ofDays(1))))).isNull();
    assertThat(check(checker(), leaf, Optional.of(invalid.plus(Duration.ofDays(1)))))
        .isEqualTo(RevocationException.Status.REVOKED);
    assertThat(check(checker(), leaf, Optional.empty()))
        .isEqualTo(RevocationException.Status.REVOKED);
  }

  @Test
  void staleOrForeignCrlGivesUnknown() {
    Pki.Issued leaf = leaf(false, true);
    server.crlNextUpdate = Instant.now().minusSeconds(1);
    try {
      assertThat(check(checker(), leaf, Optional.empty()))
          .isEqualTo(RevocationException.Status.UNKNOWN);
    } finally {
      server.crlNextUpdate = Instant.now().plus(Duration.ofDays(7));
    }
    server.crlSigner = Pki.root("CN=Revocation Test CA,O=ocitrust,C=US");
    try {
      assertThatThrownBy(() -> checker().check(chain(leaf), Optional.empty()))
          .isInstanceOf(RevocationException.class)
          .hasMessageContaining("revocation status is unknown");
    } finally {
      server.crlSigner = ca;
    }
  }

  @Test
  void ocspGoodAndRevoked() {
    Pki.Issued good = leaf(true, false);
    Pki.Issued bad = leaf(true, false);
    server.ocsp(bad.cert(), Ocsp.REVOKED);
    assertThat(check(checker(), good, Optional.empty())).isNull();
    assertThat(check(checker(), bad, Optional.empty()))
        .isEqualTo(RevocationException.Status.REVOKED);
  }

  @Test
  void ocspAnswerFromADelegatedResponderIsAccepted_fromAnImpostorItIsNot() {
    Pki.Issued delegated = leaf(true, false);
    server.ocsp(delegated.cert(), Ocsp.DELEGATED_GOOD);
    assertThat(check(checker(), delegated, Optional.empty())).isNull();
    Pki.Issued forged = leaf(true, false);
    server.ocsp(forged.cert(), Ocsp.WRONG_SIGNER);
    assertThat(check(checker(), forged, Optional.empty()))
        .isEqualTo(RevocationException.Status.UNKNOWN);
  }

  @Test
  void ocspUnknownOrUnreachableFallsBackToTheCrl() {
    Pki.Issued unknown = leaf(true, true);
    server.ocsp(unknown.cert(), Ocsp.UNKNOWN);
    assertThat(check(checker(), unknown, Optional.empty())).isNull();
    Pki.Issued down = leaf(true, true);
    server.ocsp(down.cert(), Ocsp.HTTP_ERROR);
    server.revoke(down.cert(), Instant.now().minusSeconds(60));
    assertThat(check(checker(), down, Optional.empty()))
        .isEqualTo(RevocationException.Status.REVOKED);
    Pki.Issued noCrl = leaf(true, false);
    server.ocsp(noCrl.cert(), Ocsp.HTTP_ERROR);
    assertThat(check(checker(), noCrl, Optional.empty()))
        .isEqualTo(RevocationException.Status.UNKNOWN);
  }

  @Test
  void offlineFetchersAreUsedInsteadOfTheNetwork() throws Exception {
    Pki.Issued leaf = leaf(true, true);
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
    assertThatThrownBy(() -> offline.check(chain(leaf), Optional.empty()))
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
    Pki.Issued leaf =
        Pki.leaf(
            Fixture.TRUSTED_DN, ca, Pki.LONG_AGO, Pki.FAR_AHEAD, server.ocspUri(), server.crlUri());
    MemoryStore store = new MemoryStore();
    Fixture.image(store, "v1", "revocation");
    NotarySigner.builder(Fixture.signer(new Pki.Chain(leaf, ca)).build()).build().sign(store, "v1");
    InMemoryTrustStore trust =
        InMemoryTrustStore.builder().add(TrustStoreRef.parse("ca:rev"), ca.cert()).build();
    NotaryVerifier strict =
        NotaryVerifier.builder(
                Fixture.policy("local/rev", "{\"level\":\"strict\"}", "\"ca:rev\"", "\"*\""), trust)
            .build();
    assertThat(strict.verify(store, "local/rev", "v1").isVerified()).isTrue();
    server.ocsp(leaf.cert(), Ocsp.REVOKED);
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
