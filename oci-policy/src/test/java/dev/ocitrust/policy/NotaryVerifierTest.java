package dev.ocitrust.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.MemoryStore;
import dev.ocitrust.client.Target;
import dev.ocitrust.cose.NotaryEnvelopeSigner;
import dev.ocitrust.cose.NotarySigningScheme;
import dev.ocitrust.cose.TimestampVerifier;
import dev.ocitrust.policy.CheckOutcome.Status;
import dev.ocitrust.policy.VerificationResult.Verdict;
import dev.ocitrust.testkit.TestCertificate;
import dev.ocitrust.testkit.TestTsa;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The verification workflow on a memory store, with hand-made PKI. */
class NotaryVerifierTest {
  private static final String SCOPE = "local/app";
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final RevocationChecker NO_REVOCATION = (chain, t) -> {};

  private static TestCertificate trustedRoot;
  private static TestCertificate trusted;
  private static TestCertificate otherSubject;
  private static TestCertificate foreign;
  private static InMemoryTrustStore stores;

  private MemoryStore store;
  private Descriptor image;

  @BeforeAll
  static void pki() throws Exception {
    trustedRoot = Fixture.trustedRoot();
    trusted = Fixture.leaf(Fixture.TRUSTED_DN, trustedRoot);
    otherSubject = Fixture.leaf("CN=someone else,O=ocitrust,ST=WA,C=US", trustedRoot);
    foreign = Fixture.trustedLeaf();
    stores =
        InMemoryTrustStore.builder()
            .add(TrustStoreRef.parse("ca:trusted"), trustedRoot.certificate())
            .add(TrustStoreRef.parse("signingAuthority:sa"), trustedRoot.certificate())
            .build();
  }

  @BeforeEach
  void image() throws Exception {
    store = new MemoryStore();
    image = Fixture.image(store, "v1", "hello");
  }

  private static NotaryVerifier verifier(String verification) throws Exception {
    return verifier(verification, "\"ca:trusted\"", "\"" + Fixture.IDENTITY + "\"");
  }

  private static NotaryVerifier verifier(String verification, String stores0, String ids)
      throws Exception {
    return NotaryVerifier.builder(Fixture.policy(SCOPE, verification, stores0, ids), stores)
        .clock(CLOCK)
        .revocationChecker(NO_REVOCATION)
        .build();
  }

  private static final String STRICT = "{\"level\":\"strict\"}";
  private static final String PERMISSIVE = "{\"level\":\"permissive\"}";
  private static final String AUDIT = "{\"level\":\"audit\"}";

  private void sign(NotaryEnvelopeSigner s) throws Exception {
    NotarySigner.builder(s).build().sign(store, "v1");
  }

  private static NotaryEnvelopeSigner valid() {
    return Fixture.signer(trusted).clock(Clock.fixed(NOW.minusSeconds(60), ZoneOffset.UTC)).build();
  }

  private VerificationFailedException rejected(NotaryVerifier v) {
    return (VerificationFailedException)
        org.assertj.core.api.Assertions.catchThrowable(() -> v.verify(store, SCOPE, "v1"));
  }

  @Test
  void validSignatureVerifiesWithEveryCheckPassed() throws Exception {
    sign(valid());
    VerificationResult r = verifier(STRICT).verify(store, SCOPE, "v1");
    assertThat(r.verdict()).isEqualTo(Verdict.VERIFIED);
    assertThat(r.artifact()).contains(image);
    assertThat(r.statement().name()).isEqualTo("test");
    assertThat(r.signatures()).hasSize(1);
    SignatureReport report = r.acceptedSignature().orElseThrow();
    assertThat(report.checks())
        .extracting(CheckOutcome::check)
        .containsExactly(
            VerificationCheck.INTEGRITY,
            VerificationCheck.AUTHENTICITY,
            VerificationCheck.EXPIRY,
            VerificationCheck.AUTHENTIC_TIMESTAMP,
            VerificationCheck.REVOCATION);
    assertThat(report.checks()).allMatch(c -> c.status() == Status.PASSED);
    assertThat(report.checks()).allMatch(c -> c.action() == CheckAction.ENFORCE);
    assertThat(r.signedTarget().orElseThrow().digest()).isEqualTo(image.digest().toString());
    assertThat(r.verifiedEnvelope().orElseThrow().certificateChain()).isEqualTo(trusted.chain());
  }

  @Test
  void digestReferenceVerifiesAndAMismatchingDigestIsRefused() throws Exception {
    sign(valid());
    assertThat(verifier(STRICT).verify(store, SCOPE, image.digest().toString()).isVerified())
        .isTrue();
    Descriptor other = Fixture.image(store, "v2", "other");
    // a digest that resolves, but to another artifact, is fine: it is what the caller asked for
    assertThatThrownBy(() -> verifier(STRICT).verify(store, SCOPE, other.digest().toString()))
        .isInstanceOf(VerificationFailedException.class)
        .hasMessageContaining("no signature is associated");
    assertThatThrownBy(() -> verifier(STRICT).verify(store, SCOPE, "sha256:nothex"))
        .isInstanceOf(PolicyException.class);
  }

  @Test
  void untrustedIdentityIsEnforcedInStrictAndPermissiveButOnlyLoggedInAudit() throws Exception {
    sign(Fixture.signer(otherSubject).clock(CLOCK).build());
    for (String level : List.of(STRICT, PERMISSIVE)) {
      VerificationFailedException e = rejected(verifier(level));
      CheckOutcome auth =
          e.result().signatures().get(0).outcome(VerificationCheck.AUTHENTICITY).orElseThrow();
      assertThat(auth.status()).isEqualTo(Status.FAILED);
      assertThat(auth.reason()).contains("someone else");
      assertThat(e.result().signatures().get(0).outcome(VerificationCheck.EXPIRY)).isEmpty();
    }
    VerificationResult audit = verifier(AUDIT).verify(store, SCOPE, "v1");
    assertThat(audit.isVerified()).isTrue();
    CheckOutcome logged =
        audit
            .acceptedSignature()
            .orElseThrow()
            .outcome(VerificationCheck.AUTHENTICITY)
            .orElseThrow();
    assertThat(logged.status()).isEqualTo(Status.FAILED);
    assertThat(logged.action()).isEqualTo(CheckAction.LOG);
    assertThat(logged.rejects()).isFalse();
  }

  @Test
  void wildcardIdentityTrustsAnySubjectOfTheTrustedRoot() throws Exception {
    sign(Fixture.signer(otherSubject).clock(CLOCK).build());
    assertThat(verifier(STRICT, "\"ca:trusted\"", "\"*\"").verify(store, SCOPE, "v1").isVerified())
        .isTrue();
  }

  @Test
  void chainOutsideTheTrustStoreFailsAuthenticity() throws Exception {
    sign(Fixture.signer(foreign).clock(CLOCK).build());
    VerificationFailedException e = rejected(verifier(STRICT));
    assertThat(e.result().signatures().get(0).rejection().orElseThrow())
        .startsWith("authenticity failed")
        .contains("not produced by a trusted signer");
    assertThat(verifier(AUDIT).verify(store, SCOPE, "v1").isVerified()).isTrue();
  }

  @Test
  void missingTrustStoreFailsAuthenticityNamingIt() throws Exception {
    sign(valid());
    VerificationFailedException e =
        rejected(verifier(STRICT, "\"ca:absent\"", "\"" + Fixture.IDENTITY + "\""));
    assertThat(e.getMessage()).contains("absent");
  }

  @Test
  void expiredLeafWithoutTimestampFailsStrictAndIsLoggedInPermissive() throws Exception {
    TestCertificate leaf = Fixture.expiredLeaf(trustedRoot, NOW);
    sign(
        Fixture.signer(leaf)
            .clock(Clock.fixed(NOW.minus(Duration.ofDays(10)), ZoneOffset.UTC))
            .build());
    VerificationFailedException e = rejected(verifier(STRICT));
    CheckOutcome ts =
        e.result().signatures().get(0).outcome(VerificationCheck.AUTHENTIC_TIMESTAMP).orElseThrow();
    assertThat(ts.status()).isEqualTo(Status.FAILED);
    assertThat(ts.reason()).contains("not valid at " + NOW);
    VerificationResult permissive = verifier(PERMISSIVE).verify(store, SCOPE, "v1");
    assertThat(permissive.isVerified()).isTrue();
    assertThat(
            permissive
                .acceptedSignature()
                .orElseThrow()
                .outcome(VerificationCheck.AUTHENTIC_TIMESTAMP)
                .orElseThrow()
                .action())
        .isEqualTo(CheckAction.LOG);
  }

  @Test
  void expiredLeafWithTimestampVerifiesAfterCertExpiry() throws Exception {
    Instant signedAt = NOW.minus(Duration.ofDays(10));
    TestTsa tsa = Fixture.tsa(Clock.fixed(signedAt.plusSeconds(5), ZoneOffset.UTC));
    TestCertificate leaf = Fixture.expiredLeaf(trustedRoot, NOW);
    sign(
        Fixture.signer(leaf)
            .clock(Clock.fixed(signedAt, ZoneOffset.UTC))
            .timestampAuthority(
                tsa::respond, TimestampVerifier.create(List.of(tsa.rootCertificate())))
            .build());
    InMemoryTrustStore withTsa =
        InMemoryTrustStore.builder()
            .add(TrustStoreRef.parse("ca:trusted"), trustedRoot.certificate())
            .add(TrustStoreRef.parse("tsa:tsa"), tsa.rootCertificate())
            .build();
    for (String when : List.of("always", "afterCertExpiry")) {
      NotaryVerifier v =
          NotaryVerifier.builder(
                  Fixture.policy(
                      SCOPE,
                      "{\"level\":\"strict\",\"verifyTimestamp\":\"" + when + "\"}",
                      "\"ca:trusted\",\"tsa:tsa\"",
                      "\"" + Fixture.IDENTITY + "\""),
                  withTsa)
              .clock(CLOCK)
              .revocationChecker(NO_REVOCATION)
              .build();
      VerificationResult r = v.verify(store, SCOPE, "v1");
      assertThat(
              r.acceptedSignature()
                  .orElseThrow()
                  .outcome(VerificationCheck.AUTHENTIC_TIMESTAMP)
                  .orElseThrow()
                  .reason())
          .contains("time stamp");
    }
    // without the tsa store the expired certificate is judged at verification time
    assertThat(rejected(verifier(STRICT)).getMessage()).contains("authenticTimestamp failed");
  }

  @Test
  void validLeafWithoutTimestampFailsWhenTimestampsAreAlwaysRequired() throws Exception {
    sign(valid());
    TestTsa tsa = Fixture.tsa(CLOCK);
    InMemoryTrustStore withTsa =
        InMemoryTrustStore.builder()
            .add(TrustStoreRef.parse("ca:trusted"), trustedRoot.certificate())
            .add(TrustStoreRef.parse("tsa:tsa"), tsa.rootCertificate())
            .build();
    NotaryVerifier always =
        NotaryVerifier.builder(
                Fixture.policy(SCOPE, STRICT, "\"ca:trusted\",\"tsa:tsa\"", "\"*\""), withTsa)
            .clock(CLOCK)
            .revocationChecker(NO_REVOCATION)
            .build();
    assertThatThrownBy(() -> always.verify(store, SCOPE, "v1"))
        .hasMessageContaining("no timestamp countersignature");
    NotaryVerifier after =
        NotaryVerifier.builder(
                Fixture.policy(
                    SCOPE,
                    "{\"level\":\"strict\",\"verifyTimestamp\":\"afterCertExpiry\"}",
                    "\"ca:trusted\",\"tsa:tsa\"",
                    "\"*\""),
                withTsa)
            .clock(CLOCK)
            .revocationChecker(NO_REVOCATION)
            .build();
    assertThat(after.verify(store, SCOPE, "v1").isVerified()).isTrue();
  }

  @Test
  void timestampBeforeTheSigningTimeIsRejected() throws Exception {
    TestTsa early = Fixture.tsa(Clock.fixed(NOW.minusSeconds(3600), ZoneOffset.UTC));
    sign(
        Fixture.signer(trusted)
            .clock(CLOCK)
            .timestampAuthority(
                early::respond, TimestampVerifier.create(List.of(early.rootCertificate())))
            .build());
    InMemoryTrustStore withTsa =
        InMemoryTrustStore.builder()
            .add(TrustStoreRef.parse("ca:trusted"), trustedRoot.certificate())
            .add(TrustStoreRef.parse("tsa:tsa"), early.rootCertificate())
            .build();
    NotaryVerifier v =
        NotaryVerifier.builder(
                Fixture.policy(SCOPE, STRICT, "\"ca:trusted\",\"tsa:tsa\"", "\"*\""), withTsa)
            .clock(CLOCK)
            .revocationChecker(NO_REVOCATION)
            .build();
    assertThatThrownBy(() -> v.verify(store, SCOPE, "v1"))
        .hasMessageContaining("not bounded after the signing time");
  }

  @Test
  void expiredSignatureFailsUnlessExpiryIsOverriddenToLog() throws Exception {
    sign(
        Fixture.signer(trusted)
            .clock(Clock.fixed(NOW.minusSeconds(7200), ZoneOffset.UTC))
            .expiry(Duration.ofHours(1))
            .build());
    assertThat(rejected(verifier(STRICT)).getMessage()).contains("expiry failed");
    VerificationResult r =
        verifier("{\"level\":\"strict\",\"override\":{\"expiry\":\"log\"}}")
            .verify(store, SCOPE, "v1");
    assertThat(r.acceptedSignature().orElseThrow().outcome(VerificationCheck.EXPIRY).orElseThrow())
        .satisfies(
            o -> {
              assertThat(o.status()).isEqualTo(Status.FAILED);
              assertThat(o.action()).isEqualTo(CheckAction.LOG);
            });
  }

  @Test
  void tamperedEnvelopeFailsIntegrityAtEveryLevelButSkip() throws Exception {
    byte[] env = valid().sign(Fixture.target(image));
    Fixture.pushSignature(store, image, Fixture.tamperPayload(env), trusted.chain(), false);
    for (String level : List.of(STRICT, PERMISSIVE, AUDIT)) {
      VerificationFailedException e = rejected(verifier(level));
      SignatureReport r = e.result().signatures().get(0);
      assertThat(r.checks()).hasSize(1);
      assertThat(r.checks().get(0).check()).isEqualTo(VerificationCheck.INTEGRITY);
      assertThat(r.envelope()).isEmpty();
    }
    NotaryVerifier skip =
        NotaryVerifier.builder(Fixture.policy(SCOPE, "{\"level\":\"skip\"}", null, null), stores)
            .build();
    VerificationResult r = skip.verify(store, SCOPE, "v1");
    assertThat(r.verdict()).isEqualTo(Verdict.SKIPPED);
    assertThat(r.isVerified()).isFalse();
    assertThat(r.signatures()).isEmpty();
    assertThat(r.summary()).contains("skip");
  }

  @Test
  void skipDoesNotTouchTheStore() throws Exception {
    NotaryVerifier skip =
        NotaryVerifier.builder(Fixture.policy(SCOPE, "{\"level\":\"skip\"}", null, null), stores)
            .build();
    VerificationResult r = skip.verify(new MemoryStore(), SCOPE, "absent");
    assertThat(r.verdict()).isEqualTo(Verdict.SKIPPED);
    assertThat(r.artifact()).isEmpty();
  }

  @Test
  void noSignatureIsRejectedAtEveryLevelButSkip() throws Exception {
    for (String level : List.of(STRICT, PERMISSIVE, AUDIT)) {
      VerificationFailedException e = rejected(verifier(level));
      assertThat(e.getMessage())
          .contains("no signature is associated with local/app@" + image.digest());
      assertThat(e.result().verdict()).isEqualTo(Verdict.REJECTED);
      assertThat(e.result().signatures()).isEmpty();
    }
  }

  @Test
  void signatureOfAnotherDescriptorIsRejectedEvenInAudit() throws Exception {
    Descriptor other = Fixture.image(store, "v2", "other");
    byte[] env = valid().sign(Fixture.target(other));
    Fixture.pushSignature(store, image, env, trusted.chain(), false);
    VerificationFailedException e = rejected(verifier(AUDIT));
    SignatureReport r = e.result().signatures().get(0);
    assertThat(r.rejection().orElseThrow()).startsWith("content descriptor mismatch");
    assertThat(r.checks()).allMatch(c -> c.status() == Status.PASSED);
  }

  @Test
  void userMetadataMustBeSigned() throws Exception {
    NotarySigner.builder(valid()).build().sign(store, "v1", Map.of("buildId", "42"));
    NotaryVerifier v = verifier(STRICT);
    assertThat(
            v.verify(store, SCOPE, "v1", Map.of("buildId", "42"))
                .signedTarget()
                .orElseThrow()
                .annotations())
        .containsEntry("buildId", "42");
    assertThatThrownBy(() -> v.verify(store, SCOPE, "v1", Map.of("buildId", "43")))
        .hasMessageContaining("buildId=43");
    assertThatThrownBy(() -> v.verify(store, SCOPE, "v1", Map.of("env", "prod")))
        .hasMessageContaining("env=prod (absent)");
  }

  @Test
  void firstPassingSignatureWinsAndBadOnesAreReported() throws Exception {
    Descriptor tampered =
        Fixture.pushSignature(
            store,
            image,
            Fixture.tamperPayload(valid().sign(Fixture.target(image))),
            trusted.chain(),
            false);
    Descriptor untrusted =
        NotarySigner.builder(Fixture.signer(foreign).clock(CLOCK).build())
            .build()
            .sign(store, "v1");
    sign(valid());
    Target ordered = new BadOnesFirst(store, List.of(tampered, untrusted));
    VerificationResult r = verifier(STRICT).verify(ordered, SCOPE, "v1");
    assertThat(r.isVerified()).isTrue();
    assertThat(r.signatures()).hasSize(3);
    assertThat(r.signatures().get(0).signatureManifest().digest()).isEqualTo(tampered.digest());
    assertThat(r.signatures().get(0).rejection().orElseThrow()).startsWith("integrity failed");
    assertThat(r.signatures().get(1).signatureManifest().digest()).isEqualTo(untrusted.digest());
    assertThat(r.signatures().get(1).rejection().orElseThrow())
        .startsWith("authenticity failed: signature is not produced by a trusted signer");
    assertThat(r.signatures().get(2).accepted()).isTrue();
    assertThat(r.acceptedSignature()).contains(r.signatures().get(2));
  }

  @Test
  void atMostMaxSignaturesAreTried() throws Exception {
    sign(Fixture.signer(foreign).clock(CLOCK).build());
    sign(
        Fixture.signer(foreign)
            .clock(CLOCK.withZone(ZoneOffset.UTC))
            .expiry(Duration.ofDays(1))
            .build());
    NotaryVerifier v =
        NotaryVerifier.builder(Fixture.policy(SCOPE, STRICT, "\"ca:trusted\"", "\"*\""), stores)
            .clock(CLOCK)
            .revocationChecker(NO_REVOCATION)
            .maxSignatures(1)
            .build();
    VerificationFailedException e =
        (VerificationFailedException)
            org.assertj.core.api.Assertions.catchThrowable(() -> v.verify(store, SCOPE, "v1"));
    assertThat(e.getMessage()).contains("limit of 1 signatures");
    assertThat(e.result().signatures()).hasSize(1);
    assertThatThrownBy(
            () ->
                NotaryVerifier.builder(
                        v == null ? null : Fixture.policy(SCOPE, STRICT, "\"ca:trusted\"", "\"*\""),
                        stores)
                    .maxSignatures(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theTrustStoresAreReadOncePerVerifyCall() throws Exception {
    sign(Fixture.signer(foreign).clock(CLOCK).build());
    sign(Fixture.signer(foreign).clock(CLOCK).expiry(Duration.ofDays(1)).build());
    AtomicInteger reads = new AtomicInteger();
    TrustStore counting =
        ref -> {
          reads.incrementAndGet();
          return stores.certificates(ref);
        };
    VerificationFailedException e = rejected(verifierOver(counting));
    assertThat(e.result().signatures()).hasSize(2);
    assertThat(reads).hasValue(1);

    // a store that cannot be read fails the authenticity of every signature, read once all the same
    reads.set(0);
    TrustStore broken =
        ref -> {
          reads.incrementAndGet();
          throw new TrustStoreException("the trust store " + ref + " is gone");
        };
    e = rejected(verifierOver(broken));
    assertThat(e.result().signatures())
        .hasSize(2)
        .allSatisfy(
            s ->
                assertThat(s.rejection().orElseThrow())
                    .isEqualTo("authenticity failed: the trust store ca:trusted is gone"));
    assertThat(reads).hasValue(1);
  }

  private static NotaryVerifier verifierOver(TrustStore trustStore) throws Exception {
    OciTrustPolicy policy = Fixture.policy(SCOPE, STRICT, "\"ca:trusted\"", "\"*\"");
    return NotaryVerifier.builder(policy, trustStore)
        .clock(CLOCK)
        .revocationChecker(NO_REVOCATION)
        .build();
  }

  @Test
  void legacyOci10SignatureManifestIsRead() throws Exception {
    NotarySigner.builder(valid()).legacyManifest(true).build().sign(store, "v1");
    assertThat(store.referrers(image, null).get(0).artifactType())
        .contains("application/vnd.cncf.notary.signature");
    assertThat(verifier(STRICT).verify(store, SCOPE, "v1").isVerified()).isTrue();
  }

  @Test
  void signingAuthoritySchemeIsAnchoredInSigningAuthorityStoresOnly() throws Exception {
    sign(
        Fixture.signer(trusted)
            .clock(CLOCK)
            .signingScheme(NotarySigningScheme.X509_SIGNING_AUTHORITY)
            .build());
    assertThat(rejected(verifier(STRICT)).getMessage())
        .contains("names no trust store of type signingAuthority");
    VerificationResult r =
        verifier(STRICT, "\"signingAuthority:sa\"", "\"" + Fixture.IDENTITY + "\"")
            .verify(store, SCOPE, "v1");
    assertThat(
            r.acceptedSignature()
                .orElseThrow()
                .outcome(VerificationCheck.AUTHENTIC_TIMESTAMP)
                .orElseThrow()
                .reason())
        .contains("authentic signing time");
  }

  @Test
  void revocationIsEnforcedLoggedOrSkippedAsThePolicySays() throws Exception {
    sign(valid());
    AtomicInteger calls = new AtomicInteger();
    RevocationChecker revoked =
        (chain, t) -> {
          calls.incrementAndGet();
          throw new RevocationException(RevocationException.Status.REVOKED, "leaf is revoked");
        };
    RevocationChecker unknown =
        (chain, t) -> {
          throw new RevocationException(RevocationException.Status.UNKNOWN, "responder down");
        };
    for (RevocationChecker c : List.of(revoked, unknown)) {
      NotaryVerifier strict =
          NotaryVerifier.builder(Fixture.policy(SCOPE, STRICT, "\"ca:trusted\"", "\"*\""), stores)
              .clock(CLOCK)
              .revocationChecker(c)
              .build();
      assertThatThrownBy(() -> strict.verify(store, SCOPE, "v1"))
          .hasMessageContaining("revocation failed");
      NotaryVerifier permissive =
          NotaryVerifier.builder(
                  Fixture.policy(SCOPE, PERMISSIVE, "\"ca:trusted\"", "\"*\""), stores)
              .clock(CLOCK)
              .revocationChecker(c)
              .build();
      assertThat(permissive.verify(store, SCOPE, "v1").isVerified()).isTrue();
    }
    int before = calls.get();
    NotaryVerifier skipped =
        NotaryVerifier.builder(
                Fixture.policy(
                    SCOPE,
                    "{\"level\":\"strict\",\"override\":{\"revocation\":\"skip\"}}",
                    "\"ca:trusted\"",
                    "\"*\""),
                stores)
            .clock(CLOCK)
            .revocationChecker(revoked)
            .build();
    VerificationResult r = skipped.verify(store, SCOPE, "v1");
    assertThat(
            r.acceptedSignature()
                .orElseThrow()
                .outcome(VerificationCheck.REVOCATION)
                .orElseThrow()
                .status())
        .isEqualTo(Status.SKIPPED);
    assertThat(calls.get()).isEqualTo(before);
  }

  @Test
  void unknownCriticalAttributeFailsIntegrity() throws Exception {
    NotaryEnvelopeSigner crit =
        Fixture.signer(trusted)
            .clock(CLOCK)
            .extendedAttribute("com.example.crit", "x", true)
            .build();
    // ocitrust's signer refuses to publish what no verifier accepts
    assertThatThrownBy(() -> sign(crit)).hasMessageContaining("com.example.crit");
    assertThat(store.referrers(image, null)).isEmpty();
    Fixture.pushSignature(store, image, crit.sign(Fixture.target(image)), trusted.chain(), false);
    assertThat(rejected(verifier(AUDIT)).getMessage())
        .contains("integrity failed")
        .contains("com.example.crit");
  }

  @Test
  void malformedSignatureManifestIsAnIntegrityFailureAndTheNextOneIsTried() throws Exception {
    // two layers: not a Notary signature manifest
    byte[] env = valid().sign(Fixture.target(image));
    byte[] config = "{}".getBytes();
    store.push(Descriptor.EMPTY_JSON_DESCRIPTOR.withData(null), config);
    store.push(Descriptor.of("application/cose", env), env);
    dev.ocitrust.client.ImageManifest twoLayers =
        dev.ocitrust.client.ImageManifest.builder(Descriptor.EMPTY_JSON_DESCRIPTOR.withData(null))
            .artifactType("application/vnd.cncf.notary.signature")
            .layer(Descriptor.of("application/cose", env))
            .layer(Descriptor.of("application/cose", env))
            .subject(image)
            .build();
    store.pushReferrers(image, List.of(twoLayers));
    VerificationFailedException e = rejected(verifier(STRICT));
    assertThat(e.getMessage()).contains("has 2 layers, expected exactly one");
    sign(valid());
    VerificationResult r =
        verifier(STRICT)
            .verify(new BadOnesFirst(store, List.of(twoLayers.descriptor())), SCOPE, "v1");
    assertThat(r.isVerified()).isTrue();
    assertThat(r.signatures()).hasSize(2);
    assertThat(r.signatures().get(0).rejection().orElseThrow())
        .startsWith("integrity failed")
        .contains("has 2 layers, expected exactly one");
    assertThat(r.signatures().get(1).accepted()).isTrue();
  }

  /**
   * A memory store that lists the given referrers first, in the given order (the memory store lists
   * them by digest, which is random here), so that a test knows which signatures are tried first.
   */
  private static final class BadOnesFirst implements Target {
    private final MemoryStore store;
    private final List<Descriptor> first;

    BadOnesFirst(MemoryStore store, List<Descriptor> first) {
      this.store = store;
      this.first = first;
    }

    @Override
    public List<Descriptor> referrers(Descriptor subject, @Nullable String artifactType)
        throws IOException {
      List<Descriptor> all = store.referrers(subject, artifactType);
      List<Descriptor> out = new ArrayList<>();
      for (Descriptor f : first) {
        Descriptor listed =
            all.stream().filter(d -> d.digest().equals(f.digest())).findFirst().orElseThrow();
        out.add(listed);
      }
      for (Descriptor d : all) {
        if (first.stream().noneMatch(f -> f.digest().equals(d.digest()))) {
          out.add(d);
        }
      }
      return out;
    }

    @Override
    public Descriptor resolve(String reference) throws IOException {
      return store.resolve(reference);
    }

    @Override
    public List<String> tags() throws IOException {
      return store.tags();
    }

    @Override
    public void tag(Descriptor target, String tag) throws IOException {
      store.tag(target, tag);
    }

    @Override
    public void delete(Descriptor target) throws IOException {
      store.delete(target);
    }

    @Override
    public boolean exists(Descriptor target) throws IOException {
      return store.exists(target);
    }

    @Override
    public void push(Descriptor expected, InputStream content) throws IOException {
      store.push(expected, content);
    }

    @Override
    public InputStream fetch(Descriptor target) throws IOException {
      return store.fetch(target);
    }
  }

  @Test
  void oversizedEnvelopeIsNotRead() throws Exception {
    sign(valid());
    NotaryVerifier v =
        NotaryVerifier.builder(Fixture.policy(SCOPE, STRICT, "\"ca:trusted\"", "\"*\""), stores)
            .clock(CLOCK)
            .revocationChecker(NO_REVOCATION)
            .maxEnvelopeBytes(100)
            .build();
    assertThatThrownBy(() -> v.verify(store, SCOPE, "v1")).hasMessageContaining("the limit is 100");
    assertThatThrownBy(
            () ->
                NotaryVerifier.builder(
                        v == null ? null : Fixture.policy(SCOPE, STRICT, "\"ca:trusted\"", "\"*\""),
                        stores)
                    .maxEnvelopeBytes(33L * 1024 * 1024))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void scopeWithoutStatementIsRefused() throws Exception {
    sign(valid());
    assertThatThrownBy(() -> verifier(STRICT).verify(store, "local/other", "v1"))
        .isInstanceOf(PolicyException.class)
        .isNotInstanceOf(VerificationFailedException.class)
        .hasMessageContaining("no applicable oci trust policy statement");
    assertThatThrownBy(() -> verifier(STRICT).verifyLocal(store, "other", "v1"))
        .isInstanceOf(PolicyException.class);
    assertThat(verifier(STRICT).verifyLocal(store, "app", "v1").isVerified()).isTrue();
  }

  @Test
  void registryReferenceSelectsByRegistryAndRepository() throws Exception {
    sign(valid());
    NotaryVerifier v =
        NotaryVerifier.builder(
                Fixture.policy("registry.example:5000/team/app", STRICT, "\"ca:trusted\"", "\"*\""),
                stores)
            .clock(CLOCK)
            .revocationChecker(NO_REVOCATION)
            .build();
    Target t = store;
    assertThat(
            v.verify(t, dev.ocitrust.client.Reference.parse("registry.example:5000/team/app:v1"))
                .scope())
        .isEqualTo("registry.example:5000/team/app");
    assertThatThrownBy(
            () ->
                v.verify(
                    t, dev.ocitrust.client.Reference.parse("registry.example:5000/team/other:v1")))
        .isInstanceOf(PolicyException.class);
  }

  @Test
  void garbageEnvelopeIsAnIntegrityFailureNotAnException() throws Exception {
    byte[] garbage = new byte[300];
    new java.util.Random(7).nextBytes(garbage);
    Fixture.pushSignature(store, image, garbage, trusted.chain(), false);
    VerificationFailedException e = rejected(verifier(AUDIT));
    SignatureReport r = e.result().signatures().get(0);
    assertThat(r.outcome(VerificationCheck.INTEGRITY).orElseThrow().status())
        .isEqualTo(Status.FAILED);
    assertThat(r.envelope()).isEmpty();
    assertThat(e.result().verifiedEnvelope()).isEmpty();
    assertThat(e.result().acceptedSignature()).isEmpty();
  }

  @Test
  void signatureManifestWhoseSubjectIsAnotherArtifactIsNotTrusted() throws Exception {
    // a store that lists a referrer of another artifact under this one must not make it count
    Descriptor other = Fixture.image(store, "v2", "other");
    NotarySigner.builder(valid()).build().sign(store, "v2");
    Descriptor foreignSignature = store.referrers(other, null).get(0);
    Target lying =
        new Target() {
          @Override
          public Descriptor resolve(String reference) throws java.io.IOException {
            return store.resolve(reference);
          }

          @Override
          public List<String> tags() {
            return store.tags();
          }

          @Override
          public void tag(Descriptor target, String tag) throws java.io.IOException {
            store.tag(target, tag);
          }

          @Override
          public List<Descriptor> referrers(Descriptor subject, String artifactType) {
            return List.of(foreignSignature);
          }

          @Override
          public void delete(Descriptor target) {}

          @Override
          public java.io.InputStream fetch(Descriptor target) throws java.io.IOException {
            return store.fetch(target);
          }

          @Override
          public boolean exists(Descriptor target) throws java.io.IOException {
            return store.exists(target);
          }

          @Override
          public void push(Descriptor expected, java.io.InputStream content)
              throws java.io.IOException {
            store.push(expected, content);
          }
        };
    assertThatThrownBy(() -> verifier(AUDIT).verify(lying, SCOPE, "v1"))
        .isInstanceOf(VerificationFailedException.class)
        .hasMessageContaining("does not have the artifact as subject");
  }

  @Test
  void unknownReferenceIsAStoreErrorNotAVerdict() throws Exception {
    assertThatThrownBy(() -> verifier(STRICT).verify(store, SCOPE, "nope"))
        .isInstanceOf(dev.ocitrust.client.NotFoundException.class);
  }

  @Test
  void resultsAreImmutable() throws Exception {
    sign(valid());
    VerificationResult r = verifier(STRICT).verify(store, SCOPE, "v1");
    assertThatThrownBy(() -> r.signatures().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> r.acceptedSignature().orElseThrow().checks().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
