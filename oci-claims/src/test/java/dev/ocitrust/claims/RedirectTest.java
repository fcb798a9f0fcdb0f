package dev.ocitrust.claims;

import static dev.ocitrust.claims.ClaimFixture.APPROVED_BY_EITHER;
import static dev.ocitrust.claims.ClaimFixture.NOW;
import static dev.ocitrust.claims.ClaimFixture.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.MemoryStore;
import dev.ocitrust.client.Target;
import dev.ocitrust.cose.NotaryEnvelopeSigner;
import dev.ocitrust.policy.InMemoryTrustStore;
import dev.ocitrust.policy.NotarySigner;
import dev.ocitrust.policy.NotaryVerifier;
import dev.ocitrust.policy.OciTrustPolicy;
import dev.ocitrust.policy.TrustStoreRef;
import dev.ocitrust.testkit.TestCertificate;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link DeploymentGate#verifyFollowingRedirects}: successors judged in full, chains bounded. */
class RedirectTest {
  private static final String SCOPE = "registry.example/net-monitor";
  private static final String OTHER = "other.example/net-monitor";
  private static final String LIFECYCLE =
      "{\"name\":\"lifecycle\",\"lifecycle\":{\"from\":[\"wabbit\",\"acme\"]}}";
  private final ClaimFixture f = new ClaimFixture();
  private final TestCertificate malloryRoot =
      ClaimFixture.root("CN=Mallory Root,O=mallory.example,C=US");
  private final TestCertificate mallory =
      ClaimFixture.leaf("CN=claims,O=mallory.example,ST=WA,C=US", malloryRoot);
  private MemoryStore store;
  private MemoryStore other;
  private Descriptor v2;

  @BeforeEach
  void setUp() throws Exception {
    store = new MemoryStore();
    other = new MemoryStore();
    ClaimFixture.image(store, "v1", "net-monitor v1");
    v2 = ClaimFixture.image(store, "v2", "net-monitor v2");
  }

  private DeploymentGate gate(String claimPolicy) throws Exception {
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
    return DeploymentGate.of(signatures, f.verifier(claimPolicy));
  }

  private DeploymentGate gate() throws Exception {
    return gate(policy(APPROVED_BY_EITHER + "," + LIFECYCLE, ""));
  }

  private static void sign(Target t, String ref, TestCertificate signer) throws Exception {
    NotarySigner.builder(
            NotaryEnvelopeSigner.builder(signer.privateKey(), signer.chain())
                .clock(Clock.fixed(NOW.minusSeconds(60), ZoneOffset.UTC))
                .build())
        .build()
        .sign(t, ref);
  }

  /** Signed by Wabbit and approved by ACME: it passes the gate on its own. */
  private void deployable(Target t, String ref) throws Exception {
    sign(t, ref, f.wabbit);
    f.acmeAt(NOW.minusSeconds(30)).approve(t, ref, Approval.approved("prod"));
  }

  private void redirect(Target t, String from, LifecycleState state, String to) throws Exception {
    f.wabbitAt(NOW.minusSeconds(20)).lifecycle(t, from, Lifecycle.of(state).withSuccessor(to));
  }

  private RedirectChain follow(DeploymentGate gate, SuccessorLocator locator) throws Exception {
    return gate.verifyFollowingRedirects(new ArtifactLocation(store, SCOPE, "v1"), "prod", locator);
  }

  private RedirectChain follow() throws Exception {
    return follow(gate(), SuccessorLocator.sameStore());
  }

  @Test
  void aRevokedArtifactRedirectsToItsSuccessorWhichIsVerifiedInFull() throws Exception {
    deployable(store, "v1");
    deployable(store, "v2");
    redirect(store, "v1", LifecycleState.REVOKED, "v2");
    assertThatThrownBy(() -> gate().verify(store, SCOPE, "v1", "prod"))
        .isInstanceOf(DeploymentDeniedException.class);
    RedirectChain chain = follow();
    assertThat(chain.isAllowed()).isTrue();
    assertThat(chain.redirected()).isTrue();
    assertThat(chain.hops()).hasSize(2);
    assertThat(chain.hops().get(0).isAllowed()).isFalse();
    assertThat(chain.last().artifact().digest()).isEqualTo(v2.digest());
    assertThat(chain.last().signaturesPassed()).isTrue();
    assertThat(chain.text())
        .contains("redirect 1: " + SCOPE + ":v1 -> successor " + SCOPE + "@" + v2.digest())
        .contains("deploy: " + SCOPE + "@" + v2.digest());
  }

  @Test
  void withoutASuccessorTheChainIsTheArtifactAlone() throws Exception {
    deployable(store, "v1");
    RedirectChain chain = follow();
    assertThat(chain.redirected()).isFalse();
    assertThat(chain.text()).doesNotContain("redirect").doesNotContain("deploy:");
  }

  @Test
  void aSuccessorSignedByAnUntrustedSignerIsDenied() throws Exception {
    deployable(store, "v1");
    sign(store, "v2", mallory);
    f.acmeAt(NOW.minusSeconds(30)).approve(store, "v2", Approval.approved("prod"));
    redirect(store, "v1", LifecycleState.REVOKED, "v2");
    assertThatThrownBy(this::follow)
        .isInstanceOfSatisfying(
            DeploymentDeniedException.class,
            e -> {
              assertThat(e.chain()).isPresent();
              assertThat(e.chain().get().hops()).hasSize(2);
              assertThat(e.result().artifact().digest()).isEqualTo(v2.digest());
              assertThat(e.result().signaturesPassed()).isFalse();
            });
  }

  @Test
  void aSuccessorWhoseClaimsDoNotPassIsDenied() throws Exception {
    deployable(store, "v1");
    sign(store, "v2", f.wabbit);
    redirect(store, "v1", LifecycleState.END_OF_LIFE, "v2");
    assertThatThrownBy(this::follow)
        .isInstanceOfSatisfying(
            DeploymentDeniedException.class,
            e -> {
              assertThat(e.result().artifact().digest()).isEqualTo(v2.digest());
              assertThat(e.result().claims().orElseThrow().verdict())
                  .isEqualTo(ClaimDecision.Verdict.DENY);
            });
  }

  @Test
  void aSuccessorNamedByAnUntrustedIssuerIsNotFollowed() throws Exception {
    deployable(store, "v1");
    deployable(store, "v2");
    f.issuer(mallory, "https://mallory.example", NOW.minusSeconds(20))
        .lifecycle(store, "v1", Lifecycle.of(LifecycleState.REVOKED).withSuccessor("v2"));
    RedirectChain chain = follow();
    assertThat(chain.redirected()).isFalse();
    assertThat(chain.last().artifact().digest()).isNotEqualTo(v2.digest());
  }

  @Test
  void aRedirectLoopIsAnError() throws Exception {
    deployable(store, "v1");
    deployable(store, "v2");
    redirect(store, "v1", LifecycleState.REVOKED, "v2");
    redirect(store, "v2", LifecycleState.DEPRECATED, "v1");
    assertThatThrownBy(this::follow)
        .isInstanceOfSatisfying(
            InvalidRedirectException.class,
            e -> {
              assertThat(e).hasMessageStartingWith("redirect loop: " + SCOPE + ":v1 -> ");
              assertThat(e.followed()).hasSize(2);
            });
  }

  @Test
  void aChainLongerThanTheBoundIsAnError() throws Exception {
    int n = DeploymentGate.MAX_REDIRECTS + 2;
    for (int i = 1; i <= n; i++) {
      if (i > 2) {
        ClaimFixture.image(store, "v" + i, "net-monitor v" + i);
      }
      deployable(store, "v" + i);
      if (i < n) {
        redirect(store, "v" + i, LifecycleState.DEPRECATED, "v" + (i + 1));
      }
    }
    assertThatThrownBy(this::follow)
        .isInstanceOfSatisfying(
            InvalidRedirectException.class,
            e -> {
              assertThat(e).hasMessageContaining("longer than " + DeploymentGate.MAX_REDIRECTS);
              assertThat(e.followed()).hasSize(DeploymentGate.MAX_REDIRECTS + 1);
            });
  }

  @Test
  void aSuccessorThatDoesNotExistIsAnError() throws Exception {
    deployable(store, "v1");
    redirect(store, "v1", LifecycleState.REVOKED, "v9");
    assertThatThrownBy(this::follow)
        .isInstanceOf(InvalidRedirectException.class)
        .hasMessageContaining("successor v9 of " + SCOPE + ":v1 does not exist");
  }

  @Test
  void aSuccessorInAnotherRepositoryNeedsALocator() throws Exception {
    deployable(store, "v1");
    ClaimFixture.image(other, "v2", "net-monitor v2");
    deployable(other, "v2");
    redirect(store, "v1", LifecycleState.REVOKED, OTHER + ":v2");
    assertThatThrownBy(this::follow)
        .isInstanceOf(InvalidRedirectException.class)
        .hasMessageContaining("is outside " + SCOPE + " and no locator was given");
    SuccessorLocator toOther =
        (ref, from) -> new ArtifactLocation(other, OTHER, ref.manifestReference());
    assertThat(follow(gate(), toOther).isAllowed()).isTrue();
  }

  @Test
  void aFullReferenceToTheSameScopeStaysInTheStore() throws Exception {
    deployable(store, "v1");
    deployable(store, "v2");
    redirect(store, "v1", LifecycleState.REVOKED, SCOPE + ":v2");
    assertThat(follow().last().artifact().digest()).isEqualTo(v2.digest());
  }

  @Test
  void aSuccessorUnderAnotherStatementIsAnError() throws Exception {
    deployable(store, "v1");
    ClaimFixture.image(other, "v2", "net-monitor v2");
    deployable(other, "v2");
    redirect(store, "v1", LifecycleState.REVOKED, OTHER + ":v2");
    String rules = APPROVED_BY_EITHER + "," + LIFECYCLE;
    String main = policy(rules, "").replace("[\"*\"]", "[\"" + SCOPE + "\"]");
    // a lenient statement for the other repository: audit mode, nothing required
    String lenient =
        policy(ClaimFixture.NOT_REJECTED, ",\"mode\":\"audit\"")
            .replace("acme-prod", "lenient")
            .replace("[\"*\"]", "[\"" + OTHER + "\"]");
    String both =
        main.substring(0, main.length() - 2)
            + ","
            + lenient.substring(lenient.indexOf("\"claimPolicies\":[") + 17);
    SuccessorLocator toOther =
        (ref, from) -> new ArtifactLocation(other, OTHER, ref.manifestReference());
    assertThatThrownBy(() -> follow(gate(both), toOther))
        .isInstanceOf(InvalidRedirectException.class)
        .hasMessageContaining("falls under claim policy statement \"lenient\", not \"acme-prod\"");
  }

  @Test
  void aMalformedSuccessorIsAnError() throws Exception {
    deployable(store, "v1");
    redirect(store, "v1", LifecycleState.REVOKED, "not a tag");
    assertThatThrownBy(this::follow)
        .isInstanceOf(InvalidRedirectException.class)
        .hasMessageContaining("is not a valid tag");
  }
}
