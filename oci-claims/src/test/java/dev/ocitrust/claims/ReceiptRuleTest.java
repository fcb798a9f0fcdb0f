package dev.ocitrust.claims;

import static dev.ocitrust.claims.ClaimFixture.ACME_ISS;
import static dev.ocitrust.claims.ClaimFixture.NOW;
import static dev.ocitrust.claims.ClaimFixture.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.ImageManifest;
import dev.ocitrust.client.MemoryStore;
import dev.ocitrust.cose.CoseHeaders;
import dev.ocitrust.cose.HeaderLabel;
import dev.ocitrust.cose.MerkleTree;
import dev.ocitrust.cose.Rfc9162InclusionProof;
import dev.ocitrust.cose.Sign1Signer;
import dev.ocitrust.cose.TransparentStatement;
import dev.ocitrust.policy.internal.OneLayerReferrer;
import dev.ocitrust.testkit.TestCertificate;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Trust in a transparency service (an issuers entry of role transparency-service) and the
 * requireReceipt rule: claims of the listed types count only with a receipt the service verifies,
 * embedded in the statement or attached to the claim; the report lists each receipt's outcome.
 */
class ReceiptRuleTest {
  private static final String TS_ISS = "https://ts.acme.example";
  private final ClaimFixture f = new ClaimFixture();
  private final TestCertificate service = TestCertificate.builder().subject("CN=acme-ts").build();
  private final TestCertificate rogue = TestCertificate.builder().subject("CN=rogue-ts").build();
  private MemoryStore store;
  private Descriptor image;

  @BeforeEach
  void setUp() throws Exception {
    store = new MemoryStore();
    image = ClaimFixture.image(store, "v1", "net-monitor v1");
  }

  private String receiptPolicy() throws Exception {
    String cert = Base64.getEncoder().encodeToString(service.certificate().getEncoded());
    String p =
        policy(
            "{\"name\":\"approved\",\"requireApproval\":{\"from\":[\"acme\"]}},"
                + "{\"name\":\"logged\",\"requireReceipt\":{\"contentTypes\":[\""
                + ClaimTypes.APPROVAL
                + "\"],\"from\":[\"acme-ts\"]}}",
            "");
    return p.replace(
        "\"issuers\":[",
        "\"issuers\":[{\"name\":\"acme-ts\",\"role\":\"transparency-service\",\"iss\":[\""
            + TS_ISS
            + "\"],\"certificates\":[\""
            + cert
            + "\"]},");
  }

  /** A vds-1 receipt for {@code entry} as the only leaf of a log, signed by {@code by}. */
  static byte[] receipt(TestCertificate by, byte[] entry) throws Exception {
    byte[] proof = new Rfc9162InclusionProof(1, 0, List.of()).encode();
    ByteArrayOutputStream vdp = new ByteArrayOutputStream();
    vdp.write(new byte[] {(byte) 0xa1, 0x20, (byte) 0x81, (byte) (0x40 | proof.length)});
    vdp.write(proof);
    byte[] cwt =
        ("\u00a1\u0001" + (char) (0x60 + TS_ISS.length()) + TS_ISS)
            .getBytes(StandardCharsets.ISO_8859_1);
    return Sign1Signer.builder(by.privateKey())
        .protectedHeaders(
            CoseHeaders.builder()
                .put(HeaderLabel.VDS, 1)
                .putEncoded(HeaderLabel.CWT_CLAIMS, cwt)
                .build())
        .unprotectedHeaders(
            CoseHeaders.builder().putEncoded(HeaderLabel.VDP, vdp.toByteArray()).build())
        .detached(true)
        .build()
        .sign(MerkleTree.leafHash(entry));
  }

  private byte[] approval(boolean withReceipt, TestCertificate signer) throws Exception {
    byte[] s =
        ClaimFixture.statement(
            f.acme,
            ACME_ISS,
            image,
            ClaimTypes.APPROVAL,
            Approval.approved("prod").toJson(),
            NOW.minus(Duration.ofMinutes(5)));
    if (!withReceipt) {
      return s;
    }
    TransparentStatement ts = TransparentStatement.parse(s);
    return ts.withReceipt(receipt(signer, ts.entry())).bytes();
  }

  private ClaimDecision decide() throws Exception {
    return f.verifier(receiptPolicy())
        .evaluate(store, "registry.example/net-monitor", "v1", "prod");
  }

  @Test
  void anEmbeddedReceiptFromTheServiceSatisfiesTheRule() throws Exception {
    ClaimFixture.attach(store, image, approval(true, service), ClaimTypes.APPROVAL);
    ClaimDecision d = decide();
    assertThat(d.verdict()).isEqualTo(ClaimDecision.Verdict.ALLOW);
    assertThat(d.rules().get(1).message()).contains("carry a receipt verified by acme-ts");
    ReceiptCheck r = d.claims().get(0).receipts().get(0);
    assertThat(r.verified()).isTrue();
    assertThat(r.service()).contains("acme-ts");
    assertThat(r.source()).isEqualTo("embedded[0]");
    assertThat(r.detail()).startsWith("receipt from acme-ts (RFC9162_SHA256 (1), iss " + TS_ISS);
    assertThat(d.text()).contains("receipt embedded[0]: verified, receipt from acme-ts");
  }

  @Test
  void aClaimWithoutReceiptFailsClosed() throws Exception {
    ClaimFixture.attach(store, image, approval(false, service), ClaimTypes.APPROVAL);
    ClaimDecision d = decide();
    assertThat(d.verdict()).isEqualTo(ClaimDecision.Verdict.DENY);
    assertThat(d.rules().get(0).status()).isEqualTo(RuleOutcome.Status.SATISFIED);
    assertThat(d.rules().get(1).status()).isEqualTo(RuleOutcome.Status.VIOLATED);
    assertThat(d.rules().get(1).message())
        .contains("is not logged by acme-ts: it carries no receipt");
  }

  @Test
  void aReceiptFromAnotherServiceDoesNotCount() throws Exception {
    ClaimFixture.attach(store, image, approval(true, rogue), ClaimTypes.APPROVAL);
    ClaimDecision d = decide();
    assertThat(d.verdict()).isEqualTo(ClaimDecision.Verdict.DENY);
    assertThat(d.rules().get(1).message()).contains("none of its receipts verifies");
    assertThat(d.claims().get(0).receipts().get(0).verified()).isFalse();
  }

  @Test
  void aReceiptForAnotherStatementDoesNotCount() throws Exception {
    // signing is deterministic (RFC 6979): the other statement differs by its iat
    byte[] other =
        ClaimFixture.statement(
            f.acme,
            ACME_ISS,
            image,
            ClaimTypes.APPROVAL,
            Approval.approved("prod").toJson(),
            NOW.minus(Duration.ofMinutes(6)));
    byte[] mine = approval(false, service);
    assertThat(other).isNotEqualTo(mine);
    byte[] misplaced =
        TransparentStatement.parse(mine)
            .withReceipt(receipt(service, TransparentStatement.parse(other).entry()))
            .bytes();
    ClaimFixture.attach(store, image, misplaced, ClaimTypes.APPROVAL);
    assertThat(decide().verdict()).isEqualTo(ClaimDecision.Verdict.DENY);
  }

  @Test
  void aReceiptAttachedAsAReferrerOfTheClaimCounts() throws Exception {
    byte[] statement = approval(false, service);
    Descriptor claim = ClaimFixture.attach(store, image, statement, ClaimTypes.APPROVAL);
    byte[] r = receipt(service, TransparentStatement.parse(statement).entry());
    ImageManifest m =
        ImageManifest.builder(Descriptor.EMPTY_JSON_DESCRIPTOR)
            .artifactType(ClaimTypes.RECEIPT)
            .layer(Descriptor.of(ClaimTypes.RECEIPT, r))
            .subject(claim)
            .build();
    OneLayerReferrer.push(store, claim, r, m);
    ClaimDecision d = decide();
    assertThat(d.verdict()).isEqualTo(ClaimDecision.Verdict.ALLOW);
    assertThat(d.claims().get(0).receipts().get(0).source())
        .isEqualTo("referrer " + m.descriptor().digest());
  }

  @Test
  void theServiceKeysMayBeTheKeySetTheServiceServes() throws Exception {
    ClaimFixture.attach(store, image, approval(true, service), ClaimTypes.APPROVAL);
    String keySet =
        Base64.getEncoder()
            .encodeToString(
                dev.ocitrust.cose.ServiceKeys.fromCertificates(List.of(service.certificate()))
                    .toCoseKeySet());
    String p =
        receiptPolicy()
            .replaceAll("\"certificates\":\\[\"[^\"]+\"\\]", "\"serviceKeys\":\"" + keySet + "\"");
    assertThat(p).contains("serviceKeys");
    ClaimDecision d = f.verifier(p).evaluate(store, "registry.example/net-monitor", "v1", "prod");
    assertThat(d.verdict()).isEqualTo(ClaimDecision.Verdict.ALLOW);
  }

  @Test
  void aRuleNamingAnUnknownServiceIsRejected() throws Exception {
    String p = receiptPolicy().replace("\"from\":[\"acme-ts\"]", "\"from\":[\"acme\"]");
    assertThatThrownBy(() -> ClaimPolicy.parse(p))
        .isInstanceOf(InvalidClaimPolicyException.class)
        .hasMessageContaining("names \"acme\", which is not a transparency service");
    String noKeys = receiptPolicy().replaceAll(",\"certificates\":\\[\"[^\"]+\"\\]", "");
    assertThatThrownBy(() -> ClaimPolicy.parse(noKeys))
        .hasMessageContaining("needs serviceKeys or certificates");
  }
}
