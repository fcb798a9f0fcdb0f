package dev.ocitrust.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ocitrust.client.OciLayout;
import dev.ocitrust.cose.NotaryEnvelopeSigner;
import dev.ocitrust.graph.GraphCopier;
import dev.ocitrust.graph.GraphSync;
import dev.ocitrust.graph.SyncOptions;
import dev.ocitrust.policy.DirectoryTrustStore;
import dev.ocitrust.policy.NotarySigner;
import dev.ocitrust.policy.NotaryVerifier;
import dev.ocitrust.policy.OciTrustPolicy;
import dev.ocitrust.policy.TrustStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's SDK examples of the scenario's updates and archival (steps 4 and 7), as written there,
 * on layouts: a revocation reaches the consumer's copy and turns the verdict; the artifact is
 * archived with its deployment record closed; retention deletes what expired and keeps the rest.
 */
class ReadmeUpdatesExampleTest {
  @TempDir Path tmp;

  private final ClaimFixture f = new ClaimFixture();
  private Path config;
  private OciLayout publisher;
  private OciLayout mirror;
  private DeploymentGate gate;
  private ClaimVerifier claimVerifier;
  private ClaimIssuer wabbit;
  private ClaimIssuer acme;

  /** Wabbit's signed and approved v1, copied once into ACME's mirror; both parties' policies. */
  @BeforeEach
  void setUp() throws Exception {
    config = tmp.resolve("notation");
    f.wabbitRoot.writePem(config.resolve("truststore/x509/ca/wabbit/root.pem"));
    f.acmeRoot.writePem(config.resolve("truststore/x509/ca/acme/root.pem"));
    String rules =
        ClaimFixture.APPROVED_BY_EITHER
            + ",{\"name\":\"lifecycle\",\"lifecycle\":{\"from\":[\"wabbit\",\"acme\"],"
            + "\"overridableBy\":[\"acme\"]}}";
    Files.writeString(config.resolve("claimpolicy.json"), ClaimFixture.policy(rules, ""));
    TrustStore trustStore = DirectoryTrustStore.atConfigDirectory(config);
    claimVerifier =
        ClaimVerifier.builder(ClaimPolicy.read(config.resolve("claimpolicy.json")), trustStore)
            .build();
    gate =
        DeploymentGate.of(
            NotaryVerifier.builder(
                    OciTrustPolicy.parse(
                        "{\"version\":\"1.0\",\"trustPolicies\":[{\"name\":\"wabbit\","
                            + "\"registryScopes\":[\"*\"],\"signatureVerification\":"
                            + "{\"level\":\"strict\"},\"trustStores\":[\"ca:wabbit\"],"
                            + "\"trustedIdentities\":[\"*\"]}]}"),
                    trustStore)
                .build(),
            claimVerifier);
    wabbit =
        ClaimIssuer.builder(f.wabbit.privateKey(), f.wabbit.chain(), ClaimFixture.WABBIT_ISS)
            .build();
    acme = ClaimIssuer.builder(f.acme.privateKey(), f.acme.chain(), ClaimFixture.ACME_ISS).build();

    publisher = OciLayout.open(tmp.resolve("publisher"));
    ClaimFixture.image(publisher, "v1", "net-monitor v1");
    NotarySigner.builder(
            NotaryEnvelopeSigner.builder(f.wabbit.privateKey(), f.wabbit.chain()).build())
        .build()
        .sign(publisher, "v1");
    wabbit.approve(publisher, "v1", Approval.approved("prod"));
    mirror = OciLayout.open(tmp.resolve("mirror"));
    try (GraphCopier copier = GraphCopier.create()) {
      GraphSync first = GraphSync.of(copier);
      first.apply(first.plan(publisher, "v1", mirror, SyncOptions.defaults()));
    }
  }

  @Test
  void aRevocationArrivesBySyncAndTurnsTheVerdict() throws Exception {
    assertThat(gate.verify(mirror, "local/mirror", "v1", "prod").isAllowed()).isTrue();

    // README: updates-sdk
    // the publisher revokes v1 and names its successor
    wabbit.lifecycle(
        publisher,
        "v1",
        Lifecycle.of(LifecycleState.REVOKED).withReason("CVE-2026-1234").withSuccessor("v2"));

    // the consumer's mirror receives only what arrived since its copy, and the gate judges again
    try (GraphCopier copier = GraphCopier.create()) {
      UpdateSync updates = UpdateSync.of(GraphSync.of(copier), gate);
      UpdateReport report =
          updates.sync(publisher, "v1", mirror, "local/mirror", "prod", SyncOptions.defaults());
      System.out.println(report); // "... 1 arrived, verdict ALLOW -> DENY"
      if (report.verdictChanged()) {
        System.out.print(report.gate().orElseThrow().text());
      }
    }
    // END README

    assertThatThrownBy(() -> gate.verify(mirror, "local/mirror", "v1", "prod"))
        .isInstanceOfSatisfying(
            DeploymentDeniedException.class,
            e -> assertThat(e.result().text()).contains("revoked").contains("CVE-2026-1234"));
  }

  @Test
  void archivalClosesTheDeploymentAndRetentionDeletesOnlyWhatExpired() throws Exception {
    OciLayout archive = OciLayout.open(tmp.resolve("archive"));
    ClaimFixture.image(archive, "v0", "net-monitor v0");
    acme.deployed(
        archive,
        "v0",
        Deployment.open("prod", Instant.parse("2023-03-01T00:00:00Z"))
            .closedAt(Instant.parse("2024-06-30T00:00:00Z")));
    Path retentionFile = tmp.resolve("retention.json");
    Files.writeString(
        retentionFile,
        "{\"version\": \"1.0\", \"environment\": \"prod\", \"rules\": ["
            + "{\"name\": \"deployed\", \"keepWhileDeployed\": {}},"
            + "{\"name\": \"archived\", \"keepAfterDeployment\": {\"period\": \"P365D\"}}]}");

    // README: archive-sdk
    // v1 runs in prod: ACME records it, signed
    acme.deployed(mirror, "v1", Deployment.open("prod", Instant.parse("2026-11-02T09:00:00Z")));

    try (GraphCopier copier = GraphCopier.create()) {
      // retired: copy the whole graph to the archive, close the record there, same decision
      Archiver archiver = Archiver.builder(copier, gate, claimVerifier, acme).build();
      ArchiveResult archived =
          archiver.archive(mirror, "local/mirror", "v1", archive, "local/archive", "prod");
      System.out.print(archived.text());
    }

    // retention deletes what no rule keeps, judged on verified claims only
    Retention retention =
        Retention.builder(RetentionPolicy.read(retentionFile), claimVerifier).build();
    RetentionReport report = retention.apply(archive, "local/archive");
    System.out.print(report.text());
    // END README

    assertThat(archive.resolve("v1").digest()).isEqualTo(mirror.resolve("v1").digest());
    assertThat(archive.tags()).containsExactly("v1");
    assertThat(report.deleted()).hasSize(1);
    assertThat(
            claimVerifier
                .deployments(
                    archive, "local/archive", archive.resolve("v1").digest().toString(), "prod")
                .isDeployedAt(Instant.now()))
        .isFalse();
  }
}
