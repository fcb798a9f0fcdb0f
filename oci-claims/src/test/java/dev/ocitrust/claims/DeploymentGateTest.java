package dev.ocitrust.claims;

import static dev.ocitrust.claims.ClaimFixture.APPROVED_BY_EITHER;
import static dev.ocitrust.claims.ClaimFixture.NOW;
import static dev.ocitrust.claims.ClaimFixture.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.MemoryStore;
import dev.ocitrust.cose.NotaryEnvelopeSigner;
import dev.ocitrust.policy.InMemoryTrustStore;
import dev.ocitrust.policy.NotarySigner;
import dev.ocitrust.policy.NotaryVerifier;
import dev.ocitrust.policy.OciTrustPolicy;
import dev.ocitrust.policy.TrustStoreRef;
import dev.ocitrust.policy.VerificationResult;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Both halves of the scenario's step 6 on one resolved digest. */
class DeploymentGateTest {
  private static final String SCOPE = "registry.example/net-monitor";
  private final ClaimFixture f = new ClaimFixture();
  private MemoryStore store;
  private Descriptor image;
  private DeploymentGate gate;

  @BeforeEach
  void setUp() throws Exception {
    store = new MemoryStore();
    image = ClaimFixture.image(store, "v1", "net-monitor v1");
    OciTrustPolicy trust =
        OciTrustPolicy.parse(
            "{\"version\":\"1.0\",\"trustPolicies\":[{\"name\":\"wabbit\",\"registryScopes\":[\"*\"],"
                + "\"signatureVerification\":{\"level\":\"strict\"},\"trustStores\":[\"ca:wabbit\"],"
                + "\"trustedIdentities\":[\"*\"]}]}");
    InMemoryTrustStore roots =
        InMemoryTrustStore.builder()
            .add(TrustStoreRef.parse("ca:wabbit"), f.wabbitRoot.certificate())
            .add(TrustStoreRef.parse("ca:acme"), f.acmeRoot.certificate())
            .build();
    NotaryVerifier signatures =
        NotaryVerifier.builder(trust, roots).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    gate = DeploymentGate.of(signatures, f.verifier(policy(APPROVED_BY_EITHER, "")));
  }

  private void sign() throws Exception {
    NotarySigner.builder(
            NotaryEnvelopeSigner.builder(f.wabbit.privateKey(), f.wabbit.chain())
                .clock(Clock.fixed(NOW.minusSeconds(60), ZoneOffset.UTC))
                .build())
        .build()
        .sign(store, "v1");
  }

  @Test
  void signedAndApprovedIsAllowed() throws Exception {
    sign();
    f.acmeAt(NOW.minusSeconds(30)).approve(store, "v1", Approval.approved("prod"));
    GateResult r = gate.verify(store, SCOPE, "v1", "prod");
    assertThat(r.isAllowed()).isTrue();
    assertThat(r.artifact().digest()).isEqualTo(image.digest());
    assertThat(r.signatures().orElseThrow().verdict())
        .isEqualTo(VerificationResult.Verdict.VERIFIED);
    assertThat(r.claims().orElseThrow().verdict()).isEqualTo(ClaimDecision.Verdict.ALLOW);
    assertThat(r.text()).startsWith("ALLOWED " + SCOPE + "@" + image.digest() + " for prod");
  }

  @Test
  void approvedButUnsignedIsDeniedWithBothReports() throws Exception {
    f.acmeAt(NOW.minusSeconds(30)).approve(store, "v1", Approval.approved("prod"));
    assertThatThrownBy(() -> gate.verify(store, SCOPE, "v1", "prod"))
        .isInstanceOfSatisfying(
            DeploymentDeniedException.class,
            e -> {
              assertThat(e.result().signaturesPassed()).isFalse();
              assertThat(e.result().claims().orElseThrow().isAllowed()).isTrue();
              assertThat(e.result().text()).contains("DENIED").contains("signature: REJECTED");
            });
  }

  @Test
  void signedButRejectedIsDenied() throws Exception {
    sign();
    f.acmeAt(NOW.minusSeconds(30)).approve(store, "v1", Approval.rejected("prod"));
    assertThatThrownBy(() -> gate.verify(store, SCOPE, "v1", "prod"))
        .isInstanceOfSatisfying(
            DeploymentDeniedException.class,
            e -> {
              assertThat(e.result().signaturesPassed()).isTrue();
              assertThat(e.result().claims().orElseThrow().verdict())
                  .isEqualTo(ClaimDecision.Verdict.DENY);
            });
  }

  @Test
  void anEnvironmentNoStatementGovernsIsDenied() throws Exception {
    sign();
    assertThatThrownBy(() -> gate.verify(store, SCOPE, "v1", "dev"))
        .isInstanceOfSatisfying(
            DeploymentDeniedException.class,
            e ->
                assertThat(e.result().claimFailure())
                    .hasValueSatisfying(m -> assertThat(m).contains("dev")));
  }

  @Test
  void theTagIsResolvedOnceAndBothHalvesJudgeThatDigest() throws Exception {
    sign();
    f.acmeAt(NOW.minusSeconds(30)).approve(store, "v1", Approval.approved("prod"));
    // a store that moves the tag after the first resolve: both halves still see the first digest
    Descriptor other = ClaimFixture.image(new MemoryStore(), "v2", "other");
    MovingTagStore moving = new MovingTagStore(store, other);
    GateResult r = gate.verify(moving, SCOPE, "v1", "prod");
    assertThat(moving.resolvesOfV1).isEqualTo(1);
    assertThat(r.artifact().digest()).isEqualTo(image.digest());
    assertThat(r.claims().orElseThrow().artifact().digest()).isEqualTo(image.digest());
    assertThat(r.signatures().orElseThrow().artifact().orElseThrow().digest())
        .isEqualTo(image.digest());
  }

  /** Answers the tag v1 once with the real image, then with another digest. */
  private static final class MovingTagStore extends ForwardingTarget {
    private final Descriptor other;
    int resolvesOfV1;

    MovingTagStore(MemoryStore delegate, Descriptor other) {
      super(delegate);
      this.other = other;
    }

    @Override
    public Descriptor resolve(String reference) throws java.io.IOException {
      if (reference.equals("v1") && resolvesOfV1++ > 0) {
        return other;
      }
      return super.resolve(reference);
    }
  }
}
