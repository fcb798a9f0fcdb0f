package dev.ocitrust.claims;

import static dev.ocitrust.claims.ClaimFixture.APPROVED_BY_EITHER;
import static dev.ocitrust.claims.ClaimFixture.NOW;
import static dev.ocitrust.claims.ClaimFixture.policy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.RegistryClient;
import dev.ocitrust.client.Repository;
import dev.ocitrust.cose.NotaryEnvelopeSigner;
import dev.ocitrust.graph.GraphCopier;
import dev.ocitrust.policy.InMemoryTrustStore;
import dev.ocitrust.policy.NotarySigner;
import dev.ocitrust.policy.NotaryVerifier;
import dev.ocitrust.policy.OciTrustPolicy;
import dev.ocitrust.policy.TrustStoreRef;
import dev.ocitrust.testkit.PeerCli;
import dev.ocitrust.testkit.RegistryExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Step 7 on real docker-registry 2.8 instances (no referrers API: fallback tags; deletes enabled):
 * two artifacts archived from a consumer's registry into an archive registry with their whole
 * referrer closure and their deployment records closed there, each verifying in the archive as at
 * the source; then retention by signed claims deletes the one whose last deployment ended more than
 * a year ago, with its referrers and fallback index, and keeps the other intact: oras and crane see
 * the result, and the archive still takes new referrers.
 */
class ArchiveRetentionIT {
  @RegisterExtension static final RegistryExtension CONSUMER = RegistryExtension.plain();
  @RegisterExtension static final RegistryExtension ARCHIVE = RegistryExtension.plain();

  private static final String RETENTION =
      "{\"version\":\"1.0\",\"environment\":\"prod\",\"rules\":["
          + "{\"name\":\"deployed\",\"keepWhileDeployed\":{}},"
          + "{\"name\":\"archived\",\"keepAfterDeployment\":{\"period\":\"P365D\"}}]}";

  private final ClaimFixture f = new ClaimFixture();
  private final GraphCopier copier = GraphCopier.builder().concurrency(4).build();
  private RegistryClient client;
  private String source;
  private String archive;

  @BeforeEach
  void setUp() {
    client =
        RegistryClient.builder()
            .insecurePlainHttp(CONSUMER.server().host())
            .insecurePlainHttp(ARCHIVE.server().host())
            .build();
    source = CONSUMER.server().host() + "/acme/net-monitor";
    archive = ARCHIVE.server().host() + "/archive/net-monitor";
  }

  @AfterEach
  void tearDown() {
    copier.close();
    client.close();
  }

  private static Instant daysAgo(int days) {
    return NOW.minus(Duration.ofDays(days));
  }

  private Descriptor signedAndApproved(Repository repo, String tag) throws Exception {
    Descriptor image = ClaimFixture.image(repo, tag, "net-monitor " + tag);
    NotarySigner.builder(
            NotaryEnvelopeSigner.builder(f.wabbit.privateKey(), f.wabbit.chain())
                .clock(Clock.fixed(daysAgo(900), ZoneOffset.UTC))
                .build())
        .build()
        .sign(repo, tag);
    f.acmeAt(daysAgo(900)).approve(repo, tag, Approval.approved("prod"));
    return image;
  }

  @Test
  void archiveToARegistryThenPurgeThereByRetention() throws Exception {
    Repository src = client.repository(source);
    Descriptor current = signedAndApproved(src, "v2");
    Descriptor old = signedAndApproved(src, "v1");
    f.acmeAt(daysAgo(800)).deployed(src, "v1", Deployment.open("prod", daysAgo(800)));
    f.acmeAt(daysAgo(30)).deployed(src, "v2", Deployment.open("prod", daysAgo(30)));

    InMemoryTrustStore roots =
        InMemoryTrustStore.builder()
            .add(TrustStoreRef.parse("ca:wabbit"), f.wabbitRoot.certificate())
            .add(TrustStoreRef.parse("ca:acme"), f.acmeRoot.certificate())
            .build();
    NotaryVerifier signatures =
        NotaryVerifier.builder(
                OciTrustPolicy.parse(
                    "{\"version\":\"1.0\",\"trustPolicies\":[{\"name\":\"wabbit\","
                        + "\"registryScopes\":[\"*\"],\"signatureVerification\":{\"level\":"
                        + "\"strict\"},\"trustStores\":[\"ca:wabbit\"],\"trustedIdentities\":[\"*\"]}]}"),
                roots)
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .build();
    ClaimVerifier claims = f.verifier(policy(APPROVED_BY_EITHER, ""));
    DeploymentGate gate = DeploymentGate.of(signatures, claims);
    Repository arc = client.repository(archive);

    // v1 was retired 400 days ago; v2 is archived now (its record closes at NOW)
    ArchiveResult v1 =
        Archiver.builder(copier, gate, claims, f.acmeAt(daysAgo(400)))
            .clock(Clock.fixed(daysAgo(400), ZoneOffset.UTC))
            .build()
            .archive(src, source, "v1", arc, archive, "prod");
    ArchiveResult v2 =
        Archiver.builder(copier, gate, claims, f.acmeAt(NOW.minusSeconds(1)))
            .clock(Clock.fixed(NOW.minusSeconds(1), ZoneOffset.UTC))
            .build()
            .archive(src, source, "v2", arc, archive, "prod");
    for (ArchiveResult r : java.util.List.of(v1, v2)) {
      assertThat(r.sourceDecision().isAllowed()).isTrue();
      assertThat(r.archivedDecision().isAllowed()).isTrue();
      assertThat(r.closingClaim()).isPresent();
      assertThat(r.history().isDeployedAt(NOW)).isFalse();
    }
    // signature, approval, open record, closing record
    assertThat(arc.referrers(old, null)).hasSize(4);
    assertThat(PeerCli.of("oras").runOk("discover", "--plain-http", archive + ":v1").stdout())
        .contains(ClaimTypes.DEPLOYMENT)
        .contains(NotarySigner.ARTIFACT_TYPE);

    RetentionPolicy rules = RetentionPolicy.parse(ClaimFixture.bytes(RETENTION), "retention.json");
    Retention.Builder retention =
        Retention.builder(rules, claims).clock(Clock.fixed(NOW, ZoneOffset.UTC));
    RetentionReport dry = retention.dryRun(true).build().apply(arc, archive);
    assertThat(dry.deleted()).containsOnlyKeys(old.digest());
    assertThat(arc.referrers(old, null)).hasSize(4);
    assertThat(PeerCli.of("crane").runOk("ls", "--insecure", archive).stdout())
        .as("a dry run keeps the fallback index of what it would delete")
        .contains(old.digest().encoded());

    RetentionReport report = retention.dryRun(false).build().apply(arc, archive);
    assertThat(report.text())
        .contains("DELETED " + old.digest())
        .contains("KEPT    " + current.digest());
    // four referrers, the image, and its fallback index
    assertThat(report.deleted().get(old.digest())).hasSize(6);
    String tags = PeerCli.of("crane").runOk("ls", "--insecure", archive).stdout();
    assertThat(tags).doesNotContain("v1").contains("v2");
    assertThat(tags).doesNotContain(old.digest().encoded());
    assertThat(tags).contains(current.digest().encoded()); // v2's fallback index stays
    assertThat(PeerCli.of("crane").run("manifest", "--insecure", archive + "@" + old.digest()).ok())
        .isFalse();
    // the kept artifact is whole and still verifies as at the source, and takes new referrers
    assertThat(arc.referrers(current, null)).hasSize(4);
    assertThat(gate.verify(arc, archive, "v2", "prod").isAllowed()).isTrue();
    f.acmeAt(NOW.minusSeconds(1)).issue(arc, "v2", ClaimFixture.SARIF, ClaimFixture.bytes("{}"));
    assertThat(arc.referrers(current, null)).hasSize(5);
    // a second run finds nothing more to delete
    assertThat(retention.build().apply(arc, archive).deleted()).isEmpty();
  }
}
