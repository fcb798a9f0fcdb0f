package dev.ocitrust.claims;

import static dev.ocitrust.claims.ClaimFixture.ACME_ISS;
import static dev.ocitrust.claims.ClaimFixture.APPROVED_BY_EITHER;
import static dev.ocitrust.claims.ClaimFixture.NOT_REJECTED;
import static dev.ocitrust.claims.ClaimFixture.NOW;
import static dev.ocitrust.claims.ClaimFixture.SARIF;
import static dev.ocitrust.claims.ClaimFixture.WABBIT_ISS;
import static dev.ocitrust.claims.ClaimFixture.bytes;
import static dev.ocitrust.claims.ClaimFixture.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.ImageManifest;
import dev.ocitrust.client.MemoryStore;
import dev.ocitrust.cose.ScittStatementSigner;
import dev.ocitrust.cose.TimestampVerifier;
import dev.ocitrust.policy.InMemoryTrustStore;
import dev.ocitrust.policy.PolicyException;
import dev.ocitrust.policy.TrustStoreRef;
import dev.ocitrust.testkit.TestCertificate;
import dev.ocitrust.testkit.TestTsa;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The claim checks, supersession and the rules, each rejection by itself. */
class ClaimVerifierTest {
  private final ClaimFixture f = new ClaimFixture();
  private MemoryStore store;
  private Descriptor image;
  private ClaimVerifier approvals;

  @BeforeEach
  void setUp() throws Exception {
    store = new MemoryStore();
    image = ClaimFixture.image(store, "v1", "net-monitor v1");
    approvals = f.verifier(policy(APPROVED_BY_EITHER + "," + NOT_REJECTED, ""));
  }

  private ClaimDecision decide() throws Exception {
    return approvals.evaluate(store, "registry.example/net-monitor", "v1", "prod");
  }

  private ClaimRecord only(ClaimDecision d) {
    assertThat(d.claims()).hasSize(1);
    return d.claims().get(0);
  }

  private static Instant ago(int minutes) {
    return NOW.minus(Duration.ofMinutes(minutes));
  }

  @Test
  void aConsumerApprovalAllows() throws Exception {
    Descriptor claim = f.acmeAt(ago(10)).approve(store, "v1", Approval.approved("prod"));
    ClaimDecision d = decide();
    assertThat(d.verdict()).isEqualTo(ClaimDecision.Verdict.ALLOW);
    assertThat(d.artifact().digest()).isEqualTo(image.digest());
    assertThat(d.rules().get(0).status()).isEqualTo(RuleOutcome.Status.SATISFIED);
    assertThat(d.rules().get(0).issuer()).contains("acme");
    assertThat(d.rules().get(0).claims()).containsExactly(claim.digest());
    ClaimRecord r = only(d);
    assertThat(r.status()).isEqualTo(ClaimStatus.EFFECTIVE);
    assertThat(r.issuer()).contains("acme");
    assertThat(r.iss()).contains(ACME_ISS);
    assertThat(r.issuedAt()).contains(ago(10));
  }

  @Test
  void noApprovalDenies() throws Exception {
    ClaimDecision d = decide();
    assertThat(d.verdict()).isEqualTo(ClaimDecision.Verdict.DENY);
    assertThat(d.rules().get(0).message()).contains("no approval for prod from acme, wabbit");
  }

  @Test
  void anApprovalForAnotherEnvironmentDoesNotCount() throws Exception {
    f.acmeAt(ago(10)).approve(store, "v1", Approval.approved("staging"));
    assertThat(decide().verdict()).isEqualTo(ClaimDecision.Verdict.DENY);
  }

  @Test
  void theConsumersRejectionOverridesThePublishersApproval() throws Exception {
    f.wabbitAt(ago(20)).approve(store, "v1", Approval.approved("prod"));
    Descriptor rejection =
        f.acmeAt(ago(30)).approve(store, "v1", Approval.rejected("prod").withReason("CVE-1"));
    ClaimDecision d = decide();
    assertThat(d.verdict()).isEqualTo(ClaimDecision.Verdict.DENY);
    RuleOutcome approved = d.rules().get(0);
    assertThat(approved.issuer()).contains("acme");
    assertThat(approved.message()).contains("acme rejected it for prod").contains("CVE-1");
    assertThat(d.rules().get(1).status()).isEqualTo(RuleOutcome.Status.VIOLATED);
    assertThat(d.rules().get(1).claims()).containsExactly(rejection.digest());
    // both claims are effective: they are of different issuers
    assertThat(d.claims(ClaimStatus.EFFECTIVE)).hasSize(2);
  }

  @Test
  void theConsumersApprovalOverridesThePublishersRejection() throws Exception {
    f.wabbitAt(ago(5)).approve(store, "v1", Approval.rejected("prod"));
    f.acmeAt(ago(30)).approve(store, "v1", Approval.approved("prod"));
    assertThat(decide().verdict()).isEqualTo(ClaimDecision.Verdict.ALLOW);
  }

  @Test
  void aNewerClaimOfTheSameIssuerSupersedesAnOlderOne() throws Exception {
    Descriptor old = f.acmeAt(ago(60)).approve(store, "v1", Approval.approved("prod"));
    Descriptor newer = f.acmeAt(ago(10)).approve(store, "v1", Approval.rejected("prod"));
    ClaimDecision d = decide();
    assertThat(d.verdict()).isEqualTo(ClaimDecision.Verdict.DENY);
    ClaimRecord superseded = d.claims(ClaimStatus.SUPERSEDED).get(0);
    assertThat(superseded.digest()).isEqualTo(old.digest());
    assertThat(superseded.supersededBy()).contains(newer.digest());
  }

  @Test
  void rePushingAnOlderApprovalAfterANewerRejectionChangesNothing() throws Exception {
    ClaimIssuer acmeEarlier = f.acmeAt(ago(60));
    acmeEarlier.approve(store, "v1", Approval.approved("prod"));
    f.acmeAt(ago(10)).approve(store, "v1", Approval.rejected("prod"));
    // the old approval is signed again with its old iat and pushed last
    acmeEarlier.approve(store, "v1", Approval.approved("prod").withReason("pushed again"));
    ClaimDecision d = decide();
    assertThat(d.verdict()).isEqualTo(ClaimDecision.Verdict.DENY);
    assertThat(d.claims(ClaimStatus.SUPERSEDED)).hasSize(2);
  }

  @Test
  void atTheSameIatARejectionWinsWhateverTheDigests() throws Exception {
    // the last tie-breaker is the statement digest: pick an approval whose digest sorts after the
    // rejection's, so that only the rejection-first rule can make the rejection win
    byte[] rejection =
        ClaimFixture.statement(
            f.acme,
            ACME_ISS,
            image,
            ClaimTypes.APPROVAL,
            Approval.rejected("prod").toJson(),
            ago(10));
    String rejectionDigest = Descriptor.of(ClaimTypes.STATEMENT, rejection).digest().toString();
    byte[] approval = null;
    for (int i = 0; approval == null; i++) {
      byte[] candidate =
          ClaimFixture.statement(
              f.acme,
              ACME_ISS,
              image,
              ClaimTypes.APPROVAL,
              Approval.approved("prod").withReason("try " + i).toJson(),
              ago(10));
      if (Descriptor.of(ClaimTypes.STATEMENT, candidate)
              .digest()
              .toString()
              .compareTo(rejectionDigest)
          > 0) {
        approval = candidate;
      }
    }
    ClaimFixture.attach(store, image, approval, ClaimTypes.APPROVAL);
    Descriptor rejected = ClaimFixture.attach(store, image, rejection, ClaimTypes.APPROVAL);
    ClaimDecision d = decide();
    assertThat(d.verdict()).isEqualTo(ClaimDecision.Verdict.DENY);
    assertThat(d.claims(ClaimStatus.EFFECTIVE))
        .extracting(ClaimRecord::digest)
        .containsExactly(rejected.digest());
  }

  @Test
  void atTheSameIatAndKindTheLargerStatementDigestWins() throws Exception {
    byte[] a =
        ClaimFixture.statement(
            f.acme,
            ACME_ISS,
            image,
            ClaimTypes.APPROVAL,
            Approval.approved("prod").withReason("a").toJson(),
            ago(10));
    byte[] b =
        ClaimFixture.statement(
            f.acme,
            ACME_ISS,
            image,
            ClaimTypes.APPROVAL,
            Approval.approved("prod").withReason("b").toJson(),
            ago(10));
    Descriptor ma = ClaimFixture.attach(store, image, a, ClaimTypes.APPROVAL);
    Descriptor mb = ClaimFixture.attach(store, image, b, ClaimTypes.APPROVAL);
    boolean aWins =
        Descriptor.of(ClaimTypes.STATEMENT, a)
                .digest()
                .toString()
                .compareTo(Descriptor.of(ClaimTypes.STATEMENT, b).digest().toString())
            > 0;
    ClaimDecision d = decide();
    assertThat(d.claims(ClaimStatus.EFFECTIVE))
        .extracting(ClaimRecord::digest)
        .containsExactly((aWins ? ma : mb).digest());
  }

  @Test
  void anExpiredApprovalDoesNotCount() throws Exception {
    f.acmeAt(ago(60)).approve(store, "v1", Approval.approved("prod").withValidUntil(ago(1)));
    ClaimDecision d = decide();
    assertThat(d.verdict()).isEqualTo(ClaimDecision.Verdict.DENY);
    assertThat(d.rules().get(0).message()).contains("expired at " + ago(1));
  }

  @Test
  void aLapsedRejectionNoLongerDenies() throws Exception {
    f.wabbitAt(ago(30)).approve(store, "v1", Approval.approved("prod"));
    f.acmeAt(ago(60)).approve(store, "v1", Approval.rejected("prod").withValidUntil(ago(1)));
    ClaimVerifier v = f.verifier(policy(NOT_REJECTED, ""));
    ClaimDecision d = v.evaluate(store, "registry.example/net-monitor", "v1", "prod");
    assertThat(d.verdict()).isEqualTo(ClaimDecision.Verdict.ALLOW);
    assertThat(d.rules().get(0).message()).contains("lapsed");
  }

  @Test
  void allIssuersMustApproveWhenTheRuleSaysAll() throws Exception {
    ClaimVerifier all =
        f.verifier(
            policy(
                "{\"name\":\"both\",\"requireApproval\":{\"from\":[\"acme\",\"wabbit\"],"
                    + "\"match\":\"all\"}}",
                ""));
    f.acmeAt(ago(10)).approve(store, "v1", Approval.approved("prod"));
    ClaimDecision d = all.evaluate(store, "registry.example/net-monitor", "v1", "prod");
    assertThat(d.verdict()).isEqualTo(ClaimDecision.Verdict.DENY);
    assertThat(d.rules().get(0).message()).contains("no approval for prod from wabbit");
    f.wabbitAt(ago(10)).approve(store, "v1", Approval.approved("prod"));
    assertThat(all.evaluate(store, "registry.example/net-monitor", "v1", "prod").verdict())
        .isEqualTo(ClaimDecision.Verdict.ALLOW);
  }

  @Test
  void aRequiredClaimMustBeFreshEnough() throws Exception {
    ClaimVerifier scans =
        f.verifier(
            policy(
                "{\"name\":\"scanned\",\"requireClaim\":{\"contentType\":\""
                    + SARIF
                    + "\",\"from\":[\"acme\"],\"maxAge\":\"P1D\"}}",
                ""));
    f.acmeAt(NOW.minus(Duration.ofDays(2))).issue(store, "v1", SARIF, bytes("{\"runs\":[]}"));
    ClaimDecision stale = scans.evaluate(store, "registry.example/net-monitor", "v1", "prod");
    assertThat(stale.verdict()).isEqualTo(ClaimDecision.Verdict.DENY);
    assertThat(stale.rules().get(0).message()).contains("more than PT24H ago");
    f.acmeAt(ago(60)).issue(store, "v1", SARIF, bytes("{\"runs\":[1]}"));
    ClaimDecision fresh = scans.evaluate(store, "registry.example/net-monitor", "v1", "prod");
    assertThat(fresh.verdict()).isEqualTo(ClaimDecision.Verdict.ALLOW);
    assertThat(fresh.claims(ClaimStatus.SUPERSEDED)).hasSize(1);
  }

  @Test
  void anExceptionWaivesOneRuleForOneDigestUntilItsEnd() throws Exception {
    String waiver =
        ",\"exceptions\":[{\"rule\":\"approved\",\"digest\":\""
            + image.digest()
            + "\",\"until\":\""
            + NOW.plusSeconds(3600)
            + "\",\"reason\":\"hotfix\"}]";
    ClaimDecision d =
        f.verifier(policy(APPROVED_BY_EITHER, waiver))
            .evaluate(store, "registry.example/net-monitor", "v1", "prod");
    assertThat(d.verdict()).isEqualTo(ClaimDecision.Verdict.ALLOW_WITH_WARNINGS);
    assertThat(d.rules().get(0).status()).isEqualTo(RuleOutcome.Status.WAIVED);
    assertThat(d.warnings()).anyMatch(w -> w.contains("hotfix"));
    String expired =
        ",\"exceptions\":[{\"rule\":\"approved\",\"digest\":\""
            + image.digest()
            + "\",\"until\":\""
            + ago(1)
            + "\"}]";
    assertThat(
            f.verifier(policy(APPROVED_BY_EITHER, expired))
                .evaluate(store, "registry.example/net-monitor", "v1", "prod")
                .verdict())
        .isEqualTo(ClaimDecision.Verdict.DENY);
  }

  @Test
  void auditModeAllowsWithWarnings() throws Exception {
    ClaimDecision d =
        f.verifier(policy(APPROVED_BY_EITHER, ",\"mode\":\"audit\""))
            .evaluate(store, "registry.example/net-monitor", "v1", "prod");
    assertThat(d.verdict()).isEqualTo(ClaimDecision.Verdict.ALLOW_WITH_WARNINGS);
    assertThat(d.warnings()).anyMatch(w -> w.contains("audit mode"));
  }

  @Test
  void noStatementForTheEnvironmentIsAnError() {
    assertThatThrownBy(() -> approvals.evaluate(store, "registry.example/net-monitor", "v1", "dev"))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("no claim policy statement governs")
        .hasMessageContaining("\"dev\"");
  }

  // --- each way a claim is rejected: ignored with its reason, never counted ---

  private void assertIgnored(String reason) throws Exception {
    ClaimDecision d = decide();
    assertThat(d.verdict()).isEqualTo(ClaimDecision.Verdict.DENY);
    ClaimRecord r = only(d);
    assertThat(r.status()).isEqualTo(ClaimStatus.IGNORED);
    assertThat(r.reason()).hasValueSatisfying(x -> assertThat(x).contains(reason));
    assertThat(d.warnings()).anyMatch(w -> w.contains(reason));
  }

  @Test
  void forgedAnnotationsMakeAClaimIgnored() throws Exception {
    byte[] s =
        ClaimFixture.statement(
            f.wabbit,
            WABBIT_ISS,
            image,
            ClaimTypes.APPROVAL,
            Approval.approved("prod").toJson(),
            ago(5));
    ClaimFixture.attachWithAnnotations(
        store,
        image,
        s,
        ClaimTypes.APPROVAL,
        Map.of(
            ClaimTypes.ISSUER_ANNOTATION, ACME_ISS, ClaimTypes.CREATED_ANNOTATION, NOW.toString()));
    assertIgnored("its annotation dev.ocitrust.claim.iss says \"" + ACME_ISS + "\"");
  }

  @Test
  void aForgedCreationTimeMakesAClaimIgnored() throws Exception {
    byte[] s =
        ClaimFixture.statement(
            f.acme,
            ACME_ISS,
            image,
            ClaimTypes.APPROVAL,
            Approval.approved("prod").toJson(),
            ago(5));
    ClaimFixture.attachWithAnnotations(
        store,
        image,
        s,
        ClaimTypes.APPROVAL,
        Map.of(ClaimTypes.CREATED_ANNOTATION, NOW.toString()));
    assertIgnored("its annotation org.opencontainers.image.created says " + NOW);
  }

  @Test
  void aClaimAboutAnotherDigestReplayedOntoThisOneIsIgnored() throws Exception {
    Descriptor other = ClaimFixture.image(store, "v2", "net-monitor v2");
    byte[] aboutOther =
        ClaimFixture.statement(
            f.acme,
            ACME_ISS,
            other,
            ClaimTypes.APPROVAL,
            Approval.approved("prod").toJson(),
            ago(5));
    ClaimFixture.attach(store, image, aboutOther, ClaimTypes.APPROVAL);
    assertIgnored("it is about " + other.digest());
  }

  @Test
  void anUntrustedChainIsIgnored() throws Exception {
    TestCertificate stranger =
        ClaimFixture.leaf(ClaimFixture.ACME_DN, ClaimFixture.root("CN=Other Root,C=US"));
    f.issuer(stranger, ACME_ISS, ago(5)).approve(store, "v1", Approval.approved("prod"));
    assertIgnored("its certificate chain is not trusted by issuer \"acme\"");
  }

  @Test
  void aTrustedChainWithTheWrongIdentityIsIgnored() throws Exception {
    TestCertificate intern =
        ClaimFixture.leaf("CN=intern,O=acme-rockets.example,ST=WA,C=US", f.acmeRoot);
    f.issuer(intern, ACME_ISS, ago(5)).approve(store, "v1", Approval.approved("prod"));
    assertIgnored("its signer is not a trusted identity of issuer \"acme\"");
  }

  @Test
  void anotherIssuersChainCannotSpeakForAcme() throws Exception {
    // wabbit's chain is trusted, but for wabbit's iss only
    f.issuer(f.wabbit, ACME_ISS, ago(5)).approve(store, "v1", Approval.approved("prod"));
    assertIgnored("not trusted by issuer \"acme\"");
  }

  @Test
  void anUnknownIssuerIsIgnored() throws Exception {
    f.issuer(f.acme, "https://mallory.example", ago(5))
        .approve(store, "v1", Approval.approved("prod"));
    assertIgnored("its issuer \"https://mallory.example\" is not trusted");
  }

  @Test
  void anExpiredLeafWithoutATimeStampIsIgnored() throws Exception {
    TestCertificate expired =
        TestCertificate.builder()
            .subject(ClaimFixture.ACME_DN)
            .signedBy(f.acmeRoot)
            .validity(NOW.minus(Duration.ofDays(30)), NOW.minus(Duration.ofDays(1)))
            .build();
    f.issuer(expired, ACME_ISS, NOW.minus(Duration.ofDays(2)))
        .approve(store, "v1", Approval.approved("prod"));
    assertIgnored("its certificate chain is not trusted by issuer \"acme\" now");
  }

  @Test
  void aTimeStampLetsAClaimOutliveItsCertificate() throws Exception {
    Instant signedAt = NOW.minus(Duration.ofDays(2));
    TestCertificate shortLived =
        TestCertificate.builder()
            .subject(ClaimFixture.ACME_DN)
            .signedBy(f.acmeRoot)
            .validity(NOW.minus(Duration.ofDays(30)), NOW.minus(Duration.ofDays(1)))
            .build();
    TestTsa tsa = TestTsa.create(Clock.fixed(signedAt, ZoneOffset.UTC));
    ClaimIssuer.builder(shortLived.privateKey(), shortLived.chain(), ACME_ISS)
        .clock(Clock.fixed(signedAt, ZoneOffset.UTC))
        .timestampAuthority(tsa::respond, TimestampVerifier.create(List.of(tsa.rootCertificate())))
        .build()
        .approve(store, "v1", Approval.approved("prod"));
    String withTsa =
        policy(APPROVED_BY_EITHER, "").replace("\"ca:acme\"", "\"ca:acme\",\"tsa:stamps\"");
    InMemoryTrustStore anchors =
        InMemoryTrustStore.builder()
            .add(TrustStoreRef.parse("ca:acme"), f.acmeRoot.certificate())
            .add(TrustStoreRef.parse("ca:wabbit"), f.wabbitRoot.certificate())
            .add(TrustStoreRef.parse("tsa:stamps"), tsa.rootCertificate())
            .build();
    ClaimDecision d =
        ClaimVerifier.builder(ClaimPolicy.parse(withTsa), anchors)
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .build()
            .evaluate(store, "registry.example/net-monitor", "v1", "prod");
    assertThat(d.verdict()).isEqualTo(ClaimDecision.Verdict.ALLOW);
    assertThat(only(d).timestamp()).contains(signedAt);
    // without the tsa store the same claim is judged now, when its leaf has expired
    ClaimDecision judgedNow = decide();
    assertThat(judgedNow.verdict()).isEqualTo(ClaimDecision.Verdict.DENY);
    assertThat(only(judgedNow).reason())
        .hasValueSatisfying(r -> assertThat(r).contains("has no tsa trust store"));
  }

  @Test
  void anIatInTheFutureIsIgnored() throws Exception {
    f.acmeAt(NOW.plus(Duration.ofMinutes(6))).approve(store, "v1", Approval.approved("prod"));
    assertIgnored("it is issued in the future");
  }

  @Test
  void anIatWithinTheClockSkewCounts() throws Exception {
    f.acmeAt(NOW.plus(Duration.ofMinutes(4))).approve(store, "v1", Approval.approved("prod"));
    assertThat(decide().verdict()).isEqualTo(ClaimDecision.Verdict.ALLOW);
  }

  @Test
  void aContentTypeThatDisagreesWithTheArtifactTypeIsIgnored() throws Exception {
    byte[] s =
        ClaimFixture.statement(
            f.acme, ACME_ISS, image, SARIF, Approval.approved("prod").toJson(), ago(5));
    ClaimFixture.attach(store, image, s, ClaimTypes.APPROVAL);
    assertIgnored("its signed content type " + SARIF + " disagrees with its artifactType");
  }

  @Test
  void aManifestWithTwoLayersIsIgnored() throws Exception {
    byte[] s =
        ClaimFixture.statement(
            f.acme,
            ACME_ISS,
            image,
            ClaimTypes.APPROVAL,
            Approval.approved("prod").toJson(),
            ago(5));
    ImageManifest m =
        ImageManifest.builder(Descriptor.EMPTY_JSON_DESCRIPTOR)
            .artifactType(ClaimTypes.APPROVAL)
            .layer(Descriptor.of(ClaimTypes.STATEMENT, s))
            .layer(Descriptor.of(ClaimTypes.STATEMENT, s))
            .subject(image)
            .build();
    store.push(Descriptor.EMPTY_JSON_DESCRIPTOR, new byte[] {'{', '}'});
    store.push(Descriptor.of(ClaimTypes.STATEMENT, s), s);
    store.pushReferrers(image, List.of(m));
    assertIgnored("its manifest has 2 layers");
  }

  @Test
  void anOversizedStatementIsIgnoredUnread() throws Exception {
    f.acmeAt(ago(5)).approve(store, "v1", Approval.approved("prod").withReason("x".repeat(2000)));
    ClaimDecision d =
        ClaimVerifier.builder(ClaimPolicy.parse(policy(APPROVED_BY_EITHER, "")), f.trustStore())
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .maxStatementBytes(1024)
            .build()
            .evaluate(store, "registry.example/net-monitor", "v1", "prod");
    assertThat(d.verdict()).isEqualTo(ClaimDecision.Verdict.DENY);
    assertThat(only(d).reason())
        .hasValueSatisfying(r -> assertThat(r).contains("more than the limit of 1024"));
  }

  @Test
  void aMalformedPayloadIsIgnored() throws Exception {
    byte[] s =
        ClaimFixture.statement(
            f.acme,
            ACME_ISS,
            image,
            ClaimTypes.APPROVAL,
            bytes("{\"environments\":[\"prod\"],\"decision\":\"approved\",\"extra\":1}"),
            ago(5));
    ClaimFixture.attach(store, image, s, ClaimTypes.APPROVAL);
    assertIgnored("its payload is malformed: approval: extra: unknown property");
  }

  @Test
  void aTamperedStatementIsIgnored() throws Exception {
    byte[] s =
        ClaimFixture.statement(
            f.acme,
            ACME_ISS,
            image,
            ClaimTypes.APPROVAL,
            Approval.approved("prod").toJson(),
            ago(5));
    s[s.length - 1] ^= 1;
    ClaimFixture.attach(store, image, s, ClaimTypes.APPROVAL);
    assertIgnored("its signature does not verify");
  }

  @Test
  void aKidStatementCannotBeTrusted() throws Exception {
    byte[] s =
        ScittStatementSigner.builder(f.acme.privateKey())
            .keyId(new byte[] {1, 2})
            .issuer(ACME_ISS)
            .subject("pkg:oci/net-monitor@" + image.digest())
            .contentType(ClaimTypes.APPROVAL)
            .clock(Clock.fixed(ago(5), ZoneOffset.UTC))
            .build()
            .sign(Approval.approved("prod").toJson());
    ClaimFixture.attach(store, image, s, ClaimTypes.APPROVAL);
    assertIgnored("no x5chain");
  }

  @Test
  void aReferrerWithAClaimTypeButNoStatementIsIgnored() throws Exception {
    byte[] plain = Approval.approved("prod").toJson();
    ImageManifest m =
        ImageManifest.builder(Descriptor.EMPTY_JSON_DESCRIPTOR)
            .artifactType(ClaimTypes.APPROVAL)
            .layer(Descriptor.of(ClaimTypes.APPROVAL, plain))
            .subject(image)
            .build();
    store.push(Descriptor.EMPTY_JSON_DESCRIPTOR, new byte[] {'{', '}'});
    store.push(Descriptor.of(ClaimTypes.APPROVAL, plain), plain);
    store.pushReferrers(image, List.of(m));
    assertIgnored("its layer is " + ClaimTypes.APPROVAL + ", not a");
  }

  @Test
  void anIgnoredClaimNextToAGoodOneGivesWarnings() throws Exception {
    f.acmeAt(ago(10)).approve(store, "v1", Approval.approved("prod"));
    f.issuer(f.acme, "https://mallory.example", ago(5))
        .approve(store, "v1", Approval.rejected("prod"));
    ClaimDecision d = decide();
    assertThat(d.verdict()).isEqualTo(ClaimDecision.Verdict.ALLOW_WITH_WARNINGS);
    assertThat(d.claims(ClaimStatus.IGNORED)).hasSize(1);
  }

  @Test
  void referrersOfOtherTypesAreNotFetched() throws Exception {
    f.acmeAt(ago(10)).approve(store, "v1", Approval.approved("prod"));
    f.acmeAt(ago(10)).issue(store, "v1", SARIF, bytes("{}"));
    ClaimDecision d = decide();
    // the policy asks for approvals only: the SARIF claim is not a candidate
    assertThat(d.claims()).hasSize(1);
    assertThat(d.claims().get(0).contentType()).contains(ClaimTypes.APPROVAL);
  }

  @Test
  void listingWithoutAPolicyChecksIntegrityOnly() throws Exception {
    f.acmeAt(ago(10)).approve(store, "v1", Approval.approved("prod"));
    f.acmeAt(ago(5)).approve(store, "v1", Approval.approved("prod"));
    List<ClaimRecord> claims =
        ClaimVerifier.withoutPolicy().build().list(store, "local/x", "v1", null).claims();
    assertThat(claims).hasSize(2);
    assertThat(claims).allMatch(c -> c.status() == ClaimStatus.UNVERIFIED);
    assertThat(claims).anyMatch(c -> c.supersededBy().isPresent());
    assertThat(claims).allMatch(c -> c.issuer().isEmpty());
  }

  @Test
  void listingWithAPolicyMarksEveryClaim() throws Exception {
    f.wabbitAt(ago(20)).approve(store, "v1", Approval.approved("prod"));
    f.wabbitAt(ago(10)).approve(store, "v1", Approval.approved("prod"));
    f.issuer(f.acme, "https://mallory.example", ago(5)).issue(store, "v1", SARIF, bytes("{}"));
    ClaimListing listing = approvals.list(store, "registry.example/net-monitor", "v1", "prod");
    List<ClaimRecord> claims = listing.claims();
    assertThat(listing.text()).contains("superseded by").contains("ignored");
    assertThat(listing.json()).contains("\"status\" : \"superseded\"");
    assertThat(claims)
        .extracting(ClaimRecord::status)
        .containsExactlyInAnyOrder(
            ClaimStatus.EFFECTIVE, ClaimStatus.SUPERSEDED, ClaimStatus.IGNORED);
  }

  @Test
  void aDigestReferenceMustBeWhatTheStoreResolves() {
    String other = "sha256:" + "0".repeat(64);
    assertThatThrownBy(() -> approvals.evaluate(store, "local/x", other, "prod"))
        .isInstanceOf(Exception.class);
  }
}
