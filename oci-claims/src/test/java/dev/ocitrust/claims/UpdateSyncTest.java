package dev.ocitrust.claims;

import static dev.ocitrust.claims.ClaimFixture.APPROVED_BY_EITHER;
import static dev.ocitrust.claims.ClaimFixture.NOW;
import static dev.ocitrust.claims.ClaimFixture.policy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ocitrust.client.MemoryStore;
import dev.ocitrust.cose.NotaryEnvelopeSigner;
import dev.ocitrust.graph.GraphCopier;
import dev.ocitrust.graph.GraphSync;
import dev.ocitrust.graph.SyncOptions;
import dev.ocitrust.policy.InMemoryTrustStore;
import dev.ocitrust.policy.NotarySigner;
import dev.ocitrust.policy.NotaryVerifier;
import dev.ocitrust.policy.OciTrustPolicy;
import dev.ocitrust.policy.TrustStoreRef;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The scenario's subsequent updates: what arrives, and whether it changes the verdict. */
class UpdateSyncTest {
  private static final String SCOPE = "registry.acme.example/net-monitor";
  private final ClaimFixture f = new ClaimFixture();
  private final GraphCopier copier = GraphCopier.builder().concurrency(2).build();
  private MemoryStore publisher;
  private MemoryStore consumer;
  private UpdateSync updates;

  @BeforeEach
  void setUp() throws Exception {
    publisher = new MemoryStore();
    consumer = new MemoryStore();
    ClaimFixture.image(publisher, "v1", "net-monitor v1");
    NotarySigner.builder(
            NotaryEnvelopeSigner.builder(f.wabbit.privateKey(), f.wabbit.chain())
                .clock(Clock.fixed(NOW.minusSeconds(600), ZoneOffset.UTC))
                .build())
        .build()
        .sign(publisher, "v1");
    f.wabbitAt(NOW.minusSeconds(500)).approve(publisher, "v1", Approval.approved("prod"));
    OciTrustPolicy trust =
        OciTrustPolicy.parse(
            "{\"version\":\"1.0\",\"trustPolicies\":[{\"name\":\"wabbit\",\"registryScopes\":[\"*\"],"
                + "\"signatureVerification\":{\"level\":\"strict\"},\"trustStores\":[\"ca:wabbit\"],"
                + "\"trustedIdentities\":[\"*\"]}]}");
    InMemoryTrustStore roots =
        InMemoryTrustStore.builder()
            .add(TrustStoreRef.parse("ca:wabbit"), f.wabbitRoot.certificate())
            .build();
    NotaryVerifier signatures =
        NotaryVerifier.builder(trust, roots).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    String rules =
        APPROVED_BY_EITHER
            + ",{\"name\":\"lifecycle\",\"lifecycle\":{\"from\":[\"wabbit\",\"acme\"],"
            + "\"overridableBy\":[\"acme\"]}}";
    DeploymentGate gate = DeploymentGate.of(signatures, f.verifier(policy(rules, "")));
    updates = UpdateSync.of(GraphSync.of(copier), gate);
  }

  @AfterEach
  void close() {
    copier.close();
  }

  private UpdateReport sync() throws Exception {
    return updates.sync(publisher, "v1", consumer, SCOPE, "prod", SyncOptions.defaults());
  }

  @Test
  void aFirstSyncCopiesTheArtifactAndJudgesItWithoutAVerdictBefore() throws Exception {
    UpdateReport r = sync();
    assertThat(r.sync().rootCopied()).isTrue();
    assertThat(r.arrived(UpdateReport.Kind.SIGNATURE)).hasSize(1);
    assertThat(r.arrived(UpdateReport.Kind.CLAIM)).hasSize(1);
    assertThat(r.verdictBefore()).isEmpty();
    assertThat(r.verdictAfter()).contains(ClaimDecision.Verdict.ALLOW);
    assertThat(r.verdictChanged()).isFalse();
  }

  @Test
  void aRevocationAttachedByThePublisherArrivesAndTheVerdictChangesToDeny() throws Exception {
    sync();
    f.wabbitAt(NOW.minusSeconds(60))
        .lifecycle(
            publisher,
            "v1",
            Lifecycle.of(LifecycleState.REVOKED)
                .withReason("compromised build")
                .withSuccessor("v2"));
    UpdateReport r = sync();
    assertThat(r.sync().rootCopied()).isFalse();
    assertThat(r.sync().arrived()).hasSize(1);
    assertThat(r.arrived(UpdateReport.Kind.LIFECYCLE)).hasSize(1);
    assertThat(r.verdictBefore()).contains(ClaimDecision.Verdict.ALLOW);
    assertThat(r.verdictAfter()).contains(ClaimDecision.Verdict.DENY);
    assertThat(r.verdictChanged()).isTrue();
    assertThat(r.lifecycleChanges())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.status()).isEqualTo(ClaimStatus.EFFECTIVE);
              assertThat(c.issuer()).contains("wabbit");
              assertThat(c.lifecycle().orElseThrow().state()).isEqualTo(LifecycleState.REVOKED);
              assertThat(c.lifecycle().orElseThrow().successor()).contains("v2");
            });
    assertThat(r.gate().orElseThrow().claims().orElseThrow().successor()).contains("v2");
  }

  @Test
  void aResyncThatBringsNothingJudgesNothing() throws Exception {
    sync();
    UpdateReport r = sync();
    assertThat(r.sync().unchanged()).isTrue();
    assertThat(r.verdictBefore()).isEmpty();
    assertThat(r.verdictAfter()).isEmpty();
    assertThat(r.verdictChanged()).isFalse();
  }

  @Test
  void aRevocationFromAnUntrustedIssuerArrivesButDoesNotDeny() throws Exception {
    sync();
    f.issuer(f.acme, "https://mallory.example", NOW.minusSeconds(60))
        .lifecycle(publisher, "v1", Lifecycle.of(LifecycleState.REVOKED));
    UpdateReport r = sync();
    assertThat(r.arrived(UpdateReport.Kind.LIFECYCLE)).hasSize(1);
    assertThat(r.verdictAfter()).contains(ClaimDecision.Verdict.ALLOW_WITH_WARNINGS);
    assertThat(r.lifecycleChanges())
        .singleElement()
        .satisfies(c -> assertThat(c.status()).isEqualTo(ClaimStatus.IGNORED));
  }

  @Test
  void aNewerActiveClaimOfThePublisherLiftsTheRevocationInTheConsumersStore() throws Exception {
    sync();
    f.wabbitAt(NOW.minusSeconds(120))
        .lifecycle(publisher, "v1", Lifecycle.of(LifecycleState.REVOKED));
    assertThat(sync().verdictAfter()).contains(ClaimDecision.Verdict.DENY);
    f.wabbitAt(NOW.minusSeconds(60))
        .lifecycle(publisher, "v1", Lifecycle.of(LifecycleState.ACTIVE).withReason("false alarm"));
    UpdateReport r = sync();
    assertThat(r.verdictBefore()).contains(ClaimDecision.Verdict.DENY);
    assertThat(r.verdictAfter()).contains(ClaimDecision.Verdict.ALLOW);
    assertThat(r.verdictChanged()).isTrue();
  }

  @Test
  void withoutAGateNothingIsJudged() throws Exception {
    UpdateSync plain = UpdateSync.withoutVerdicts(GraphSync.of(copier));
    UpdateReport r = plain.sync(publisher, "v1", consumer, SCOPE, "prod", SyncOptions.defaults());
    assertThat(r.sync().rootCopied()).isTrue();
    assertThat(r.verdictAfter()).isEmpty();
    assertThat(r.lifecycleChanges()).isEmpty();
  }
}
