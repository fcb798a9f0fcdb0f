package dev.ocitrust.claims;

import static dev.ocitrust.claims.ClaimFixture.NOW;
import static dev.ocitrust.claims.ClaimFixture.policy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.MemoryStore;
import dev.ocitrust.testkit.TestCertificate;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Current status and history of deployments, from verified deployment claims only. */
class DeploymentHistoryTest {
  private static final String SCOPE = "registry.example/net-monitor";
  private final ClaimFixture f = new ClaimFixture();
  private MemoryStore store;
  private ClaimVerifier verifier;

  @BeforeEach
  void setUp() throws Exception {
    store = new MemoryStore();
    ClaimFixture.image(store, "v1", "net-monitor v1");
    verifier = f.verifier(policy(ClaimFixture.APPROVED_BY_EITHER, ""));
  }

  private static Instant daysAgo(int days) {
    return NOW.minus(Duration.ofDays(days));
  }

  private DeploymentHistory history() throws Exception {
    return verifier.deployments(store, SCOPE, "v1", "prod");
  }

  @Test
  void withoutClaimsItWasNeverDeployed() throws Exception {
    DeploymentHistory h = history();
    assertThat(h.records()).isEmpty();
    assertThat(h.isDeployedAt(NOW)).isFalse();
    assertThat(h.lastEnded()).isEmpty();
    assertThat(h.text(NOW)).contains("never deployed in prod");
  }

  @Test
  void anOpenRecordIsDeployedAndANewerClosingRecordEndsIt() throws Exception {
    Deployment open = Deployment.open("prod", daysAgo(30));
    Descriptor first = f.acmeAt(daysAgo(30)).deployed(store, "v1", open);
    assertThat(history().isDeployedAt(NOW)).isTrue();

    Descriptor closing = f.acmeAt(daysAgo(2)).deployed(store, "v1", open.closedAt(daysAgo(2)));
    DeploymentHistory h = history();
    assertThat(h.isDeployedAt(NOW)).isFalse();
    assertThat(h.isDeployedAt(daysAgo(10))).isTrue();
    assertThat(h.lastEnded()).contains(daysAgo(2));
    assertThat(h.records())
        .extracting(DeploymentRecord::claim)
        .containsExactly(closing.digest(), first.digest());
    assertThat(h.records().get(1).supersededBy()).contains(closing.digest());
    assertThat(h.text(NOW)).contains("not deployed in prod since " + daysAgo(2));
    assertThat(h.json(NOW))
        .contains("\"deployed\" : false")
        .contains("\"status\" : \"superseded\"");
  }

  @Test
  void anOlderRecordRepushedDoesNotReopenIt() throws Exception {
    Deployment open = Deployment.open("prod", daysAgo(30));
    f.acmeAt(daysAgo(2)).deployed(store, "v1", open.closedAt(daysAgo(2)));
    // the older, open record arrives later (a re-push, a copy): signed iat decides, not push order
    f.acmeAt(daysAgo(30)).deployed(store, "v1", open);
    assertThat(history().isDeployedAt(NOW)).isFalse();
  }

  @Test
  void eachIssuerAndEnvironmentHasItsOwnCurrentRecord() throws Exception {
    f.acmeAt(daysAgo(5))
        .deployed(store, "v1", Deployment.open("prod", daysAgo(5)).closedAt(daysAgo(1)));
    f.wabbitAt(daysAgo(3)).deployed(store, "v1", Deployment.open("prod", daysAgo(3)));
    f.acmeAt(daysAgo(1)).deployed(store, "v1", Deployment.open("staging", daysAgo(1)));
    DeploymentHistory h = history();
    assertThat(h.current()).hasSize(2);
    assertThat(h.isDeployedAt(NOW)).isTrue(); // wabbit's record is still open
    assertThat(h.lastEnded()).isEmpty();
    assertThat(h.records()).allMatch(r -> r.deployment().environment().equals("prod"));
  }

  @Test
  void aRecordFromAnUntrustedIssuerIsIgnored() throws Exception {
    TestCertificate mallory =
        ClaimFixture.leaf(
            "CN=claims,O=acme-rockets.example,ST=WA,C=US",
            ClaimFixture.root("CN=Mallory Root,O=acme-rockets.example,C=US"));
    f.issuer(mallory, ClaimFixture.ACME_ISS, daysAgo(1))
        .deployed(store, "v1", Deployment.open("prod", daysAgo(1)));
    DeploymentHistory h = history();
    assertThat(h.records()).isEmpty();
    assertThat(h.isDeployedAt(NOW)).isFalse();
  }

  @Test
  void atTheSameSecondTheClosingRecordWins() throws Exception {
    Deployment open = Deployment.open("prod", daysAgo(1));
    ClaimIssuer sameSecond = f.acmeAt(NOW.minusSeconds(5));
    // one closing and one open record of the same iat, the open one's statement digest sorting
    // after the closing one's, so that the digest tie-break alone would pick the open record.
    // Each try starts a new store with other times (signatures may be deterministic); one try in
    // two succeeds, so 64 misses are as unlikely as 2^-64.
    boolean found = false;
    for (int k = 1; k <= 64 && !found; k++) {
      store = new MemoryStore();
      ClaimFixture.image(store, "v1", "net-monitor v1");
      String closed =
          statementDigest(sameSecond.deployed(store, "v1", open.closedAt(NOW.minusSeconds(4 + k))));
      Deployment other = Deployment.open("prod", daysAgo(1).plusSeconds(k));
      found = statementDigest(sameSecond.deployed(store, "v1", other)).compareTo(closed) > 0;
    }
    assertThat(found).as("an open record whose statement digest sorts last").isTrue();
    DeploymentHistory h = history();
    assertThat(h.current()).hasSize(1);
    assertThat(h.current().get(0).deployment().to()).isPresent();
    assertThat(h.isDeployedAt(NOW)).isFalse();
  }

  private String statementDigest(Descriptor claim) throws Exception {
    return ((dev.ocitrust.client.ImageManifest) store.fetchManifest(claim))
        .layers()
        .get(0)
        .digest()
        .toString();
  }
}
