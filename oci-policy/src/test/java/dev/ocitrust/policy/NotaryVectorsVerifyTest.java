package dev.ocitrust.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.Digest;
import dev.ocitrust.client.MediaTypes;
import dev.ocitrust.client.MemoryStore;
import dev.ocitrust.client.Target;
import dev.ocitrust.cose.NotaryEnvelopeVerifier;
import dev.ocitrust.policy.CheckOutcome.Status;
import java.io.IOException;
import java.io.InputStream;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * notation's own envelopes and trust stores (shared/vectors/notary, see SOURCES.md) through the
 * whole workflow, with the outcomes notation-go's tests expect.
 */
class NotaryVectorsVerifyTest {
  private static final RevocationChecker TSA_NOT_REVOKED = (chain, t) -> {};
  private static final Clock NOW_2026 =
      Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);

  /** After the coseWithTimestamp leaf expired (2033-05-10). */
  private static final Clock AFTER_LEAF_EXPIRY =
      Clock.fixed(Instant.parse("2034-01-01T00:00:00Z"), ZoneOffset.UTC);

  /**
   * A memory store in which {@code resolve} answers with a descriptor whose manifest bytes the
   * vectors do not include (the verifier never reads the artifact itself, only its signatures).
   */
  private static final class ResolvingStore implements Target {
    private final MemoryStore store = new MemoryStore();
    private final Descriptor artifact;

    ResolvingStore(Descriptor artifact) {
      this.artifact = artifact;
    }

    @Override
    public Descriptor resolve(String reference) throws IOException {
      if (reference.equals("v1") || reference.equals(artifact.digest().toString())) {
        return artifact;
      }
      throw new dev.ocitrust.client.NotFoundException(reference);
    }

    @Override
    public List<String> tags() {
      return List.of("v1");
    }

    @Override
    public void tag(Descriptor target, String tag) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<Descriptor> referrers(Descriptor subject, @Nullable String artifactType)
        throws IOException {
      return store.referrers(subject, artifactType);
    }

    @Override
    public void delete(Descriptor target) {
      throw new UnsupportedOperationException();
    }

    @Override
    public InputStream fetch(Descriptor target) throws IOException {
      return store.fetch(target);
    }

    @Override
    public boolean exists(Descriptor target) throws IOException {
      return store.exists(target);
    }

    @Override
    public void push(Descriptor expected, InputStream content) throws IOException {
      store.push(expected, content);
    }
  }

  private static final Descriptor TIMESTAMPED_TARGET =
      Descriptor.of(
          MediaTypes.DOCKER_MANIFEST,
          Digest.parse("sha256:c0669ef34cdc14332c0f1ab0c2c01acb91d96014b172f1a76f3a39e63d1f0bda"),
          528);

  private static ResolvingStore timestamped() throws Exception {
    byte[] env = Vectors.bytes(Vectors.file("cose", "coseWithTimestamp.sig"));
    X509Certificate leaf =
        NotaryEnvelopeVerifier.builder().build().verify(env).certificateChain().get(0);
    ResolvingStore s = new ResolvingStore(TIMESTAMPED_TARGET);
    Fixture.pushSignature(s, TIMESTAMPED_TARGET, env, List.of(leaf), true);
    return s;
  }

  private static NotaryVerifier verifier(
      String verification, String stores, Clock clock, RevocationChecker revocation)
      throws Exception {
    return NotaryVerifier.builder(
            Fixture.policy("local/vectors", verification, stores, "\"*\""),
            DirectoryTrustStore.of(Vectors.file("truststore")))
        .clock(clock)
        .revocationChecker(revocation)
        .build();
  }

  /**
   * Every test here needs the vectors: look them up before any assertion, so that their absence
   * skips the test instead of being caught as the expected failure inside an assertThatThrownBy.
   */
  @BeforeEach
  void vectorsArePresent() {
    Vectors.notary();
  }

  private static final String ALWAYS = "{\"level\":\"strict\",\"verifyTimestamp\":\"always\"}";
  private static final String AFTER_EXPIRY =
      "{\"level\":\"strict\",\"verifyTimestamp\":\"afterCertExpiry\"}";

  @Test
  void coseSignatureVerifiesAgainstItsSignedManifest() throws Exception {
    byte[] env = Vectors.bytes(Vectors.file("cose", "cose_signature.sig"));
    byte[] manifest = Vectors.bytes(Vectors.file("cose", "manifest-sha256-19dbd2e4.json"));
    X509Certificate leaf =
        NotaryEnvelopeVerifier.builder().build().verify(env).certificateChain().get(0);
    MemoryStore store = new MemoryStore();
    Descriptor image = Descriptor.of(MediaTypes.OCI_MANIFEST, manifest);
    assertThat(image.digest().toString())
        .isEqualTo("sha256:19dbd2e48e921426ee8ace4dc892edfb2ecdc1d1a72d5416c83670c30acecef0");
    store.push(image, manifest);
    store.tag(image, "v1");
    Fixture.pushSignature(store, image, env, List.of(leaf), false);
    InMemoryTrustStore trust =
        InMemoryTrustStore.builder().add(TrustStoreRef.parse("ca:alpine"), leaf).build();
    NotaryVerifier v =
        NotaryVerifier.builder(
                Fixture.policy(
                    "local/vectors",
                    "{\"level\":\"strict\"}",
                    "\"ca:alpine\"",
                    "\"x509.subject: C=US, ST=WA, L=Seattle, O=Notary, CN=alpine\""),
                trust)
            .clock(NOW_2026)
            .revocationChecker(TSA_NOT_REVOKED)
            .build();
    VerificationResult r = v.verify(store, "local/vectors", image.digest().toString());
    assertThat(r.isVerified()).isTrue();
    assertThat(r.verifiedEnvelope().orElseThrow().signingTime())
        .isEqualTo(Instant.parse("2023-03-14T04:45:22Z"));

    NotaryVerifier otherIdentity =
        NotaryVerifier.builder(
                Fixture.policy(
                    "local/vectors",
                    "{\"level\":\"strict\"}",
                    "\"ca:alpine\"",
                    "\"x509.subject: C=US, ST=WA, O=Notary, CN=ubuntu\""),
                trust)
            .clock(NOW_2026)
            .build();
    assertThatThrownBy(() -> otherIdentity.verify(store, "local/vectors", "v1"))
        .hasMessageContaining("authenticity failed");
    // the vector trust store's valid-trust-store holds another certificate
    assertThatThrownBy(
            () ->
                verifier(
                        "{\"level\":\"strict\"}",
                        "\"ca:valid-trust-store\"",
                        NOW_2026,
                        TSA_NOT_REVOKED)
                    .verify(store, "local/vectors", "v1"))
        .hasMessageContaining("not produced by a trusted signer");
  }

  @Test
  void timestampedSignatureVerifiesWithVerifyTimestampAlways() throws Exception {
    VerificationResult r =
        verifier(
                ALWAYS,
                "\"ca:valid-trust-store\",\"tsa:test-timestamp\"",
                NOW_2026,
                TSA_NOT_REVOKED)
            .verify(timestamped(), "local/vectors", "v1");
    CheckOutcome ts =
        r.acceptedSignature()
            .orElseThrow()
            .outcome(VerificationCheck.AUTHENTIC_TIMESTAMP)
            .orElseThrow();
    assertThat(ts.status()).isEqualTo(Status.PASSED);
    assertThat(ts.reason()).contains("2024-06-18T06:27:16Z").contains("Globalsign TSA");
  }

  @Test
  void afterCertExpiryDoesNotCheckTheTimestampOfAnUnexpiredLeaf() throws Exception {
    RevocationChecker mustNotBeCalled =
        (chain, t) -> {
          throw new AssertionError("no TSA revocation check expected");
        };
    VerificationResult r =
        verifier(
                AFTER_EXPIRY,
                "\"ca:valid-trust-store\",\"tsa:test-mismatch\"",
                NOW_2026,
                (chain, t) -> {
                  if (chain.size() > 1) {
                    mustNotBeCalled.check(chain, t);
                  }
                })
            .verify(timestamped(), "local/vectors", "v1");
    assertThat(
            r.acceptedSignature()
                .orElseThrow()
                .outcome(VerificationCheck.AUTHENTIC_TIMESTAMP)
                .orElseThrow()
                .reason())
        .contains("no time stamp verification");
  }

  @Test
  void afterTheLeafExpiredTheTimestampCarriesTheSignature() throws Exception {
    for (String verification : List.of(ALWAYS, AFTER_EXPIRY)) {
      assertThat(
              verifier(
                      verification,
                      "\"ca:valid-trust-store\",\"tsa:test-timestamp\"",
                      AFTER_LEAF_EXPIRY,
                      TSA_NOT_REVOKED)
                  .verify(timestamped(), "local/vectors", "v1")
                  .isVerified())
          .isTrue();
    }
    // without a tsa store the expired leaf is judged now
    assertThatThrownBy(
            () ->
                verifier(
                        "{\"level\":\"strict\"}",
                        "\"ca:valid-trust-store\"",
                        AFTER_LEAF_EXPIRY,
                        TSA_NOT_REVOKED)
                    .verify(timestamped(), "local/vectors", "v1"))
        .hasMessageContaining("authenticTimestamp failed");
  }

  @Test
  void wrongTsaRootFailsTheTimestamp() throws Exception {
    assertThatThrownBy(
            () ->
                verifier(
                        ALWAYS,
                        "\"ca:valid-trust-store\",\"tsa:test-mismatch\"",
                        NOW_2026,
                        TSA_NOT_REVOKED)
                    .verify(timestamped(), "local/vectors", "v1"))
        .isInstanceOf(VerificationFailedException.class)
        .hasMessageContaining("authenticTimestamp failed");
  }

  @Test
  void missingTsaStoreFailsTheTimestamp() throws Exception {
    assertThatThrownBy(
            () ->
                verifier(
                        ALWAYS,
                        "\"ca:valid-trust-store\",\"tsa:does-not-exist\"",
                        NOW_2026,
                        TSA_NOT_REVOKED)
                    .verify(timestamped(), "local/vectors", "v1"))
        .hasMessageContaining("failed to load tsa trust store")
        .hasMessageContaining("does-not-exist");
  }

  @Test
  void offlineTsaRevocationIsUnknownAndFailsLikeNotationOffline() throws Exception {
    OcspCrlRevocationChecker offline =
        OcspCrlRevocationChecker.builder()
            .ocspFetcher(
                (u, r) -> {
                  throw new IOException("offline");
                })
            .crlFetcher(
                u -> {
                  throw new IOException("offline");
                })
            .clock(NOW_2026)
            .build();
    assertThatThrownBy(
            () ->
                verifier(
                        ALWAYS,
                        "\"ca:valid-trust-store\",\"tsa:test-timestamp\"",
                        NOW_2026,
                        offline)
                    .verify(timestamped(), "local/vectors", "v1"))
        .hasMessageContaining("time stamping certificate chain")
        .hasMessageContaining("revocation status is unknown");
  }
}
