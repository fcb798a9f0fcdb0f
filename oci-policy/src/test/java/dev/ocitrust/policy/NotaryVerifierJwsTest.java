package dev.ocitrust.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.ImageManifest;
import dev.ocitrust.client.MemoryStore;
import dev.ocitrust.cose.NotaryEnvelopeFormat;
import dev.ocitrust.cose.NotaryEnvelopeSigner;
import dev.ocitrust.cose.NotaryEnvelopeVerifier;
import dev.ocitrust.cose.TargetArtifact;
import dev.ocitrust.cose.TimestampVerifier;
import dev.ocitrust.cose.VerifiedNotaryEnvelope;
import dev.ocitrust.policy.CheckOutcome.Status;
import dev.ocitrust.policy.VerificationResult.Verdict;
import dev.ocitrust.policy.internal.OneLayerReferrer;
import dev.ocitrust.policy.internal.SignatureManifests;
import dev.ocitrust.testkit.TestCertificate;
import dev.ocitrust.testkit.TestTsa;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** JWS envelopes through the same workflow and report as COSE ones. */
class NotaryVerifierJwsTest {
  private static final String SCOPE = "local/app";
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final RevocationChecker NO_REVOCATION = (chain, t) -> {};
  private static final String STRICT = "{\"level\":\"strict\"}";

  private static TestCertificate trustedRoot;
  private static TestCertificate trusted;
  private static InMemoryTrustStore stores;

  private MemoryStore store;
  private Descriptor image;

  @BeforeAll
  static void pki() throws Exception {
    trustedRoot = Fixture.trustedRoot();
    trusted = Fixture.leaf(Fixture.TRUSTED_DN, trustedRoot);
    stores =
        InMemoryTrustStore.builder()
            .add(TrustStoreRef.parse("ca:trusted"), trustedRoot.certificate())
            .build();
  }

  @BeforeEach
  void image() throws Exception {
    store = new MemoryStore();
    image = Fixture.image(store, "v1", "hello");
  }

  private static NotaryVerifier verifier(String verification, InMemoryTrustStore trust)
      throws Exception {
    return NotaryVerifier.builder(
            Fixture.policy(
                SCOPE,
                verification,
                "\"ca:trusted\"" + (trust == stores ? "" : ",\"tsa:tsa\""),
                "\"" + Fixture.IDENTITY + "\""),
            trust)
        .clock(CLOCK)
        .revocationChecker(NO_REVOCATION)
        .build();
  }

  private static NotaryEnvelopeSigner.Builder jws(TestCertificate leaf) {
    return Fixture.signer(leaf)
        .format(NotaryEnvelopeFormat.JWS)
        .clock(Clock.fixed(NOW.minusSeconds(60), ZoneOffset.UTC));
  }

  @Test
  void jwsSignatureVerifiesWithEveryCheckPassedAndTheReportNamesTheFormat() throws Exception {
    Descriptor sig = NotarySigner.builder(jws(trusted).build()).build().sign(store, "v1");
    ImageManifest m = (ImageManifest) store.fetchManifest(sig);
    assertThat(m.layers().get(0).mediaType()).isEqualTo("application/jose+json");
    assertThat(m.artifactType()).contains(NotarySigner.ARTIFACT_TYPE);
    VerificationResult r = verifier(STRICT, stores).verify(store, SCOPE, "v1");
    assertThat(r.verdict()).isEqualTo(Verdict.VERIFIED);
    SignatureReport report = r.acceptedSignature().orElseThrow();
    assertThat(report.envelopeFormat()).contains(NotaryEnvelopeFormat.JWS);
    assertThat(report.checks()).hasSize(5).allMatch(c -> c.status() == Status.PASSED);
    assertThat(report.checks().get(0).reason()).startsWith("the jws envelope is well formed");
    assertThat(r.verifiedEnvelope().orElseThrow().format()).isEqualTo(NotaryEnvelopeFormat.JWS);
    assertThat(r.summary()).contains("(jws)");
    assertThat(r.signedTarget().orElseThrow().digest()).isEqualTo(image.digest().toString());
  }

  @Test
  void legacyManifestWithAJwsLayerIsRead() throws Exception {
    NotarySigner.builder(jws(trusted).build()).legacyManifest(true).build().sign(store, "v1");
    assertThat(verifier(STRICT, stores).verify(store, SCOPE, "v1").isVerified()).isTrue();
  }

  @Test
  void theLayerMediaTypeChoosesTheParser() throws Exception {
    byte[] env = jws(trusted).build().sign(Fixture.target(image));
    // a JWS envelope labelled application/cose is not a COSE envelope
    Fixture.pushSignature(store, image, env, trusted.chain(), false);
    VerificationFailedException e =
        catchThrowableOfType(
            VerificationFailedException.class,
            () -> verifier(STRICT, stores).verify(store, SCOPE, "v1"));
    SignatureReport r = e.result().signatures().get(0);
    assertThat(r.envelopeFormat()).contains(NotaryEnvelopeFormat.COSE);
    assertThat(r.checks()).hasSize(1);
    assertThat(r.checks().get(0).check()).isEqualTo(VerificationCheck.INTEGRITY);
  }

  @Test
  void anUnknownEnvelopeMediaTypeIsAnIntegrityFailureNamingBothFormats() throws Exception {
    byte[] env = jws(trusted).build().sign(Fixture.target(image));
    ImageManifest m =
        ImageManifest.builder(Descriptor.EMPTY_JSON_DESCRIPTOR)
            .artifactType(NotarySigner.ARTIFACT_TYPE)
            .layer(Descriptor.of("application/jws", env))
            .subject(image)
            .build();
    OneLayerReferrer.push(store, image, env, m);
    VerificationFailedException e =
        catchThrowableOfType(
            VerificationFailedException.class,
            () -> verifier(STRICT, stores).verify(store, SCOPE, "v1"));
    assertThat(e.getMessage())
        .contains("unsupported signature envelope media type application/jws")
        .contains("application/cose and application/jose+json");
    assertThat(e.result().signatures().get(0).envelopeFormat()).isEmpty();
  }

  @Test
  void tamperedJwsFailsIntegrityAtEveryLevelButSkip() throws Exception {
    byte[] env = jws(trusted).build().sign(Fixture.target(image));
    String text = new String(env, java.nio.charset.StandardCharsets.UTF_8);
    String sig = text.substring(text.indexOf("\"signature\":\"") + 13, text.length() - 2);
    char c = sig.charAt(10);
    String flipped =
        text.replace(sig, sig.substring(0, 10) + (c == 'A' ? 'B' : 'A') + sig.substring(11));
    byte[] tampered = flipped.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    ImageManifest m =
        SignatureManifests.build(
            NotaryEnvelopeFormat.JWS, tampered, trusted.chain(), NOW, image, false);
    OneLayerReferrer.push(store, image, tampered, m);
    for (String level : List.of(STRICT, "{\"level\":\"permissive\"}", "{\"level\":\"audit\"}")) {
      VerificationFailedException e =
          catchThrowableOfType(
              VerificationFailedException.class,
              () -> verifier(level, stores).verify(store, SCOPE, "v1"));
      SignatureReport r = e.result().signatures().get(0);
      assertThat(r.checks()).hasSize(1);
      assertThat(r.checks().get(0).check()).isEqualTo(VerificationCheck.INTEGRITY);
      assertThat(r.checks().get(0).reason()).contains("signature does not verify");
      assertThat(r.envelope()).isEmpty();
    }
  }

  @Test
  void expiredJwsSignatureFailsUnlessExpiryIsOverriddenToLog() throws Exception {
    NotarySigner.builder(
            Fixture.signer(trusted)
                .format(NotaryEnvelopeFormat.JWS)
                .clock(Clock.fixed(NOW.minus(Duration.ofDays(2)), ZoneOffset.UTC))
                .expiry(Duration.ofDays(1))
                .build())
        .build()
        .sign(store, "v1");
    VerificationFailedException e =
        catchThrowableOfType(
            VerificationFailedException.class,
            () -> verifier(STRICT, stores).verify(store, SCOPE, "v1"));
    assertThat(e.getMessage()).contains("expiry failed");
    VerificationResult logged =
        verifier("{\"level\":\"strict\",\"override\":{\"expiry\":\"log\"}}", stores)
            .verify(store, SCOPE, "v1");
    assertThat(logged.isVerified()).isTrue();
    assertThat(logged.acceptedSignature().orElseThrow().outcome(VerificationCheck.EXPIRY))
        .hasValueSatisfying(o -> assertThat(o.status()).isEqualTo(Status.FAILED));
  }

  @Test
  void jwsTimestampVerifiesAfterTheCertificateExpired() throws Exception {
    Instant signedAt = NOW.minus(Duration.ofDays(10));
    TestTsa tsa = Fixture.tsa(Clock.fixed(signedAt.plusSeconds(5), ZoneOffset.UTC));
    TestCertificate leaf = Fixture.expiredLeaf(trustedRoot, NOW);
    NotarySigner.builder(
            Fixture.signer(leaf)
                .format(NotaryEnvelopeFormat.JWS)
                .clock(Clock.fixed(signedAt, ZoneOffset.UTC))
                .timestampAuthority(
                    tsa::respond, TimestampVerifier.create(List.of(tsa.rootCertificate())))
                .build())
        .build()
        .sign(store, "v1");
    InMemoryTrustStore withTsa =
        InMemoryTrustStore.builder()
            .add(TrustStoreRef.parse("ca:trusted"), trustedRoot.certificate())
            .add(TrustStoreRef.parse("tsa:tsa"), tsa.rootCertificate())
            .build();
    VerificationResult r =
        verifier("{\"level\":\"strict\",\"verifyTimestamp\":\"afterCertExpiry\"}", withTsa)
            .verify(store, SCOPE, "v1");
    assertThat(r.verifiedEnvelope().orElseThrow().timestampToken()).isPresent();
    assertThat(
            r.acceptedSignature()
                .orElseThrow()
                .outcome(VerificationCheck.AUTHENTIC_TIMESTAMP)
                .orElseThrow()
                .reason())
        .contains("time stamp");
    // without the tsa store the expired certificate is judged now, and fails
    VerificationFailedException e =
        catchThrowableOfType(
            VerificationFailedException.class,
            () -> verifier(STRICT, stores).verify(store, SCOPE, "v1"));
    assertThat(e.getMessage()).contains("authenticTimestamp failed");
  }

  @Test
  void readmeSnippetSignsAndVerifiesJws() throws Exception {
    java.security.PrivateKey key = trusted.privateKey();
    List<java.security.cert.X509Certificate> chain = trusted.chain();
    MemoryStore target = store;
    NotaryVerifier verifier =
        NotaryVerifier.builder(
                Fixture.policy(SCOPE, STRICT, "\"ca:trusted\"", "\"" + Fixture.IDENTITY + "\""),
                stores)
            .revocationChecker(NO_REVOCATION)
            .build();
    String mediaType = image.mediaType();
    String digest = image.digest().toString();
    long size = image.size();
    // README: jws-sign-verify
    NotaryEnvelopeSigner jws =
        NotaryEnvelopeSigner.builder(key, chain)
            .format(NotaryEnvelopeFormat.JWS) // the default is COSE
            .build();
    Descriptor signature = NotarySigner.builder(jws).build().sign(target, "v1");
    VerificationResult result = verifier.verify(target, "local/app", "v1");
    // the report names the format: result.acceptedSignature().get().envelopeFormat() is JWS
    byte[] envelopeBytes = jws.sign(TargetArtifact.of(mediaType, digest, size));
    VerifiedNotaryEnvelope env =
        NotaryEnvelopeVerifier.builder().build().verify(NotaryEnvelopeFormat.JWS, envelopeBytes);
    // END README
    assertThat(result.isVerified()).isTrue();
    assertThat(result.acceptedSignature().orElseThrow().signatureManifest().digest())
        .isEqualTo(signature.digest());
    assertThat(result.acceptedSignature().orElseThrow().envelopeFormat())
        .contains(NotaryEnvelopeFormat.JWS);
    assertThat(env.targetArtifact().digest()).isEqualTo(digest);
  }
}
