package dev.ocitrust.claims;

import static dev.ocitrust.claims.ClaimFixture.APPROVED_BY_EITHER;
import static dev.ocitrust.claims.ClaimFixture.NOW;
import static dev.ocitrust.claims.ClaimFixture.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.MemoryStore;
import dev.ocitrust.client.OciLayout;
import dev.ocitrust.cose.NotaryEnvelopeSigner;
import dev.ocitrust.graph.GraphCopier;
import dev.ocitrust.policy.InMemoryTrustStore;
import dev.ocitrust.policy.NotarySigner;
import dev.ocitrust.policy.NotaryVerifier;
import dev.ocitrust.policy.OciTrustPolicy;
import dev.ocitrust.policy.PolicyException;
import dev.ocitrust.policy.TrustStoreRef;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Archival: the referrer closure copied, the deployment record closed, the same decision. */
class ArchiverTest {
  private static final String SOURCE = "registry.example/net-monitor";
  private static final String ARCHIVE = "local/archive";
  private static final String TRUST_ALL_SCOPES =
      "{\"version\":\"1.0\",\"trustPolicies\":[{\"name\":\"wabbit\",\"registryScopes\":[\"*\"],"
          + "\"signatureVerification\":{\"level\":\"strict\"},\"trustStores\":[\"ca:wabbit\"],"
          + "\"trustedIdentities\":[\"*\"]}]}";
  private final ClaimFixture f = new ClaimFixture();
  private final GraphCopier copier = GraphCopier.builder().concurrency(2).build();
  @TempDir Path dir;
  private MemoryStore source;
  private OciLayout archive;
  private Descriptor image;

  @BeforeEach
  void setUp() throws Exception {
    source = new MemoryStore();
    archive = OciLayout.open(dir.resolve("archive"));
    image = ClaimFixture.image(source, "v1", "net-monitor v1");
    NotarySigner.builder(
            NotaryEnvelopeSigner.builder(f.wabbit.privateKey(), f.wabbit.chain())
                .clock(Clock.fixed(NOW.minusSeconds(3600), ZoneOffset.UTC))
                .build())
        .build()
        .sign(source, "v1");
    f.acmeAt(NOW.minus(Duration.ofDays(40))).approve(source, "v1", Approval.approved("prod"));
  }

  @AfterEach
  void tearDown() {
    copier.close();
  }

  private Archiver archiver(String trustPolicy) throws Exception {
    InMemoryTrustStore roots =
        InMemoryTrustStore.builder()
            .add(TrustStoreRef.parse("ca:wabbit"), f.wabbitRoot.certificate())
            .add(TrustStoreRef.parse("ca:acme"), f.acmeRoot.certificate())
            .build();
    NotaryVerifier signatures =
        NotaryVerifier.builder(OciTrustPolicy.parse(trustPolicy), roots)
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .build();
    ClaimVerifier claims = f.verifier(policy(APPROVED_BY_EITHER, ""));
    return Archiver.builder(
            copier, DeploymentGate.of(signatures, claims), claims, f.acmeAt(NOW.minusSeconds(1)))
        .clock(Clock.fixed(NOW.minusSeconds(1), ZoneOffset.UTC))
        .build();
  }

  private void deployedSince(int days) throws Exception {
    f.acmeAt(NOW.minus(Duration.ofDays(days)))
        .deployed(source, "v1", Deployment.open("prod", NOW.minus(Duration.ofDays(days))));
  }

  @Test
  void copiesTheClosureClosesTheRecordAndDecidesTheSame() throws Exception {
    deployedSince(30);
    ArchiveResult r =
        archiver(TRUST_ALL_SCOPES).archive(source, SOURCE, "v1", archive, ARCHIVE, "prod");
    // image manifest, config, layer; signature, approval, deployment record (each manifest + blobs)
    assertThat(archive.resolve("v1").digest()).isEqualTo(image.digest());
    assertThat(archive.referrers(image, null)).hasSize(4); // + the closing record
    assertThat(r.closingClaim()).isPresent();
    DeploymentHistory h = r.history();
    assertThat(h.isDeployedAt(NOW)).isFalse();
    assertThat(h.lastEnded()).contains(NOW.minusSeconds(1));
    assertThat(h.current().get(0).deployment().from()).isEqualTo(NOW.minus(Duration.ofDays(30)));
    assertThat(r.sourceDecision().isAllowed()).isTrue();
    assertThat(r.archivedDecision().isAllowed()).isTrue();
    assertThat(r.text()).contains("Closed the deployment record in prod").contains("(the same)");
    // the source is not written: it is still deployed there
    ClaimVerifier claims = f.verifier(policy(APPROVED_BY_EITHER, ""));
    assertThat(claims.deployments(source, SOURCE, "v1", "prod").isDeployedAt(NOW)).isTrue();
    assertThat(source.referrers(image, null)).hasSize(3);
  }

  @Test
  void archivingAgainClosesNothingTwice() throws Exception {
    deployedSince(30);
    Archiver archiver = archiver(TRUST_ALL_SCOPES);
    archiver.archive(source, SOURCE, "v1", archive, ARCHIVE, "prod");
    // the source still has the open record; the archive has it closed by a newer claim
    ArchiveResult again = archiver.archive(archive, ARCHIVE, "v1", archive, ARCHIVE, "prod");
    assertThat(again.closingClaim()).isEmpty();
    assertThat(archive.referrers(image, null)).hasSize(4);
  }

  @Test
  void aCopyThatVerifiesOtherwiseFailsTheArchive() throws Exception {
    deployedSince(30);
    String acmeOnlyInTheArchive =
        "{\"version\":\"1.0\",\"trustPolicies\":["
            + "{\"name\":\"src\",\"registryScopes\":[\""
            + SOURCE
            + "\"],\"signatureVerification\":{\"level\":\"strict\"},\"trustStores\":[\"ca:wabbit\"],"
            + "\"trustedIdentities\":[\"*\"]},"
            + "{\"name\":\"arc\",\"registryScopes\":[\""
            + ARCHIVE
            + "\"],\"signatureVerification\":{\"level\":\"strict\"},\"trustStores\":[\"ca:acme\"],"
            + "\"trustedIdentities\":[\"*\"]}]}";
    assertThatThrownBy(
            () ->
                archiver(acmeOnlyInTheArchive)
                    .archive(source, SOURCE, "v1", archive, ARCHIVE, "prod"))
        .isInstanceOfSatisfying(
            ArchiveMismatchException.class,
            e -> {
              assertThat(e.result().sourceDecision().isAllowed()).isTrue();
              assertThat(e.result().archivedDecision().isAllowed()).isFalse();
            })
        .hasMessageContaining("does not verify as it did in " + SOURCE)
        .hasMessageContaining("signatures VERIFIED but REJECTED");
  }

  @Test
  void withoutADeploymentRecordThereIsNothingToClose() throws Exception {
    assertThatThrownBy(
            () ->
                archiver(TRUST_ALL_SCOPES).archive(source, SOURCE, "v1", archive, ARCHIVE, "prod"))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("no verified deployment record of " + image.digest() + " in prod");
  }
}
