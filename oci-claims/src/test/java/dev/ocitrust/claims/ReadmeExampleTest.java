package dev.ocitrust.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ocitrust.claims.example.DeploymentCheck;
import dev.ocitrust.client.OciLayout;
import dev.ocitrust.cose.NotaryEnvelopeSigner;
import dev.ocitrust.policy.DirectoryTrustStore;
import dev.ocitrust.policy.NotarySigner;
import dev.ocitrust.policy.NotaryVerifier;
import dev.ocitrust.policy.OciTrustPolicy;
import dev.ocitrust.policy.TrustStore;
import dev.ocitrust.testkit.TestCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's claims example, as written there, against a notation-style configuration folder (trust
 * stores, trustpolicy.json, claimpolicy.json) made here: scenario steps 2, 5 and 6 with the SDK.
 */
class ReadmeExampleTest {
  @TempDir Path tmp;

  private final ClaimFixture f = new ClaimFixture();
  private Path config;
  private Path publisherDir;

  /** A notation folder (trust stores of both parties, trust and claim policy), a signed image. */
  @BeforeEach
  void setUp() throws Exception {
    config = tmp.resolve("notation");
    f.wabbitRoot.writePem(config.resolve("truststore/x509/ca/wabbit/root.pem"));
    f.acmeRoot.writePem(config.resolve("truststore/x509/ca/acme/root.pem"));
    Files.writeString(
        config.resolve("trustpolicy.json"),
        "{\"version\":\"1.0\",\"trustPolicies\":[{\"name\":\"wabbit\",\"registryScopes\":[\"*\"],"
            + "\"signatureVerification\":{\"level\":\"strict\"},\"trustStores\":[\"ca:wabbit\"],"
            + "\"trustedIdentities\":[\"*\"]}]}");
    Files.writeString(
        config.resolve("claimpolicy.json"),
        ClaimFixture.policy(ClaimFixture.APPROVED_BY_EITHER + "," + ClaimFixture.NOT_REJECTED, ""));
    publisherDir = tmp.resolve("net-monitor");
    ClaimFixture.image(OciLayout.open(publisherDir), "v1", "net-monitor v1");
    NotarySigner.builder(
            NotaryEnvelopeSigner.builder(f.wabbit.privateKey(), f.wabbit.chain()).build())
        .legacyManifest(true)
        .build()
        .sign(OciLayout.open(publisherDir), "v1");
  }

  @Test
  void scenarioStepsTwoFiveAndSixWithTheSdk() throws Exception {
    TestCertificate wabbitLeaf = f.wabbit;
    TestCertificate acmeLeaf = f.acme;
    PrivateKey wabbitKey = wabbitLeaf.privateKey();
    List<X509Certificate> wabbitChain = wabbitLeaf.chain();
    PrivateKey acmeKey = acmeLeaf.privateKey();
    List<X509Certificate> acmeChain = acmeLeaf.chain();
    byte[] sarif = "{\"version\":\"2.1.0\",\"runs\":[]}".getBytes();

    // README: claims-sdk
    OciLayout layout = OciLayout.open(publisherDir);

    // 2. Wabbit's verification attaches its scan as a signed claim
    ClaimIssuer wabbit =
        ClaimIssuer.builder(wabbitKey, wabbitChain, "https://wabbit-networks.example").build();
    wabbit.issue(layout, "v1", "application/sarif+json", sarif);

    // 5. ACME scans again and approves the artifact for production
    ClaimIssuer acme =
        ClaimIssuer.builder(acmeKey, acmeChain, "https://acme-rockets.example").build();
    acme.approve(layout, "v1", Approval.approved("prod").withReason("scan clean"));

    // 6. the gate: signed by a trusted identity AND approved for prod, on one resolved digest
    TrustStore trustStore = DirectoryTrustStore.atConfigDirectory(config);
    DeploymentGate gate =
        DeploymentGate.of(
            NotaryVerifier.builder(
                    OciTrustPolicy.read(config.resolve("trustpolicy.json")), trustStore)
                .build(),
            ClaimVerifier.builder(ClaimPolicy.read(config.resolve("claimpolicy.json")), trustStore)
                .build());
    GateResult result = gate.verify(layout, "local/net-monitor", "v1", "prod");
    System.out.print(result.text());
    // END README

    assertThat(result.isAllowed()).isTrue();
    assertThat(result.claims().orElseThrow().verdict()).isEqualTo(ClaimDecision.Verdict.ALLOW);
  }

  @Test
  void claimsReadmeExample() throws Exception {
    PrivateKey key = f.acme.privateKey();
    List<X509Certificate> chain = f.acme.chain();
    OciLayout layout = OciLayout.open(publisherDir);
    Path policyFile = config.resolve("claimpolicy.json");
    TrustStore trustStore = DirectoryTrustStore.atConfigDirectory(config);

    // README: claims-readme
    ClaimIssuer acme = ClaimIssuer.builder(key, chain, "https://acme-rockets.example").build();
    acme.approve(layout, "v1", Approval.approved("prod"));

    ClaimVerifier verifier =
        ClaimVerifier.builder(ClaimPolicy.read(policyFile), trustStore).build();
    ClaimDecision decision = verifier.evaluate(layout, "local/net-monitor", "v1", "prod");
    System.out.print(decision.text());
    // END README

    assertThat(decision.verdict()).isEqualTo(ClaimDecision.Verdict.ALLOW);
  }

  @Test
  void theSdkExampleLetsThroughWhatThePoliciesAllowAndNothingElse() throws Exception {
    ClaimIssuer.builder(f.acme.privateKey(), f.acme.chain(), ClaimFixture.ACME_ISS)
        .build()
        .approve(OciLayout.open(publisherDir), "v1", Approval.approved("prod"));

    GateResult prod = DeploymentCheck.check(publisherDir, "v1", config, "prod");
    assertThat(prod.isAllowed()).as(prod.text()).isTrue();
    assertThat(prod.text()).startsWith("ALLOWED local/net-monitor@sha256:");
    // approved for prod only: no statement of the claim policy covers staging
    assertThatThrownBy(() -> DeploymentCheck.check(publisherDir, "v1", config, "staging"))
        .isInstanceOf(DeploymentDeniedException.class);
    // the signer no longer trusted

    Files.writeString(
        config.resolve("trustpolicy.json"),
        Files.readString(config.resolve("trustpolicy.json")).replace("ca:wabbit", "ca:acme"));
    assertThatThrownBy(() -> DeploymentCheck.check(publisherDir, "v1", config, "prod"))
        .isInstanceOf(DeploymentDeniedException.class)
        .hasMessageStartingWith("DENIED local/net-monitor@sha256:");
  }
}
