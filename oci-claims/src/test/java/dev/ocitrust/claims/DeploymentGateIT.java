package dev.ocitrust.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.RegistryClient;
import dev.ocitrust.client.Repository;
import dev.ocitrust.cose.NotaryEnvelopeSigner;
import dev.ocitrust.policy.DirectoryTrustStore;
import dev.ocitrust.policy.NotarySigner;
import dev.ocitrust.policy.NotaryVerifier;
import dev.ocitrust.policy.NotationPaths;
import dev.ocitrust.policy.OciTrustPolicy;
import dev.ocitrust.policy.VerificationResult;
import dev.ocitrust.testkit.PeerCli;
import dev.ocitrust.testkit.PeerResult;
import dev.ocitrust.testkit.RegistryExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployment gate on a real docker-registry 2.8, with a notation configuration folder for both
 * halves (notation's own trust store and {@code trustpolicy.json}, and {@code claimpolicy.json}
 * beside them): an image signed by the real notation ({@code --signature-format cose}) or by
 * ocitrust's {@link NotarySigner}, approved by a claim issued by ocitrust, is allowed; after a
 * newer rejection it is denied with both halves' reports; an approved image without a signature is
 * denied. notation itself verifies the same signatures against the same folder.
 */
class DeploymentGateIT {
  @RegisterExtension static final RegistryExtension REGISTRY = RegistryExtension.plain();

  private static final ClaimFixture F = new ClaimFixture();

  @TempDir static Path tmp;
  private static RegistryClient client;
  private static PeerCli notation;
  private static Path notationDir;
  private static String host;

  @BeforeAll
  static void configure() throws Exception {
    host = REGISTRY.server().host();
    client = RegistryClient.builder().insecurePlainHttp(host).build();
    Path xdg = tmp.resolve("xdg");
    notation = PeerCli.of("notation").withEnv("XDG_CONFIG_HOME", xdg.toString());
    notation.runOk("cert", "generate-test", "--default", "wabbit-networks.io");
    notationDir = xdg.resolve("notation");
    Path x509 = notationDir.resolve("truststore/x509/ca");
    F.wabbitRoot.writePem(x509.resolve("wabbit/wabbit-root.pem"));
    F.acmeRoot.writePem(x509.resolve("acme/acme-root.pem"));
    String scopes =
        String.join(
            ",",
            List.of(
                "\"" + scope("by-notation") + "\"",
                "\"" + scope("by-ocitrust") + "\"",
                "\"" + scope("unsigned") + "\""));
    Files.writeString(
        notationDir.resolve("trustpolicy.json"),
        "{\"version\":\"1.0\",\"trustPolicies\":[{\"name\":\"wabbit-images\","
            + "\"registryScopes\":["
            + scopes
            + "],\"signatureVerification\":{\"level\":\"strict\"},"
            + "\"trustStores\":[\"ca:wabbit-networks.io\",\"ca:wabbit\"],"
            + "\"trustedIdentities\":[\"x509.subject: C=US, ST=WA, L=Seattle, O=Notary,"
            + " CN=wabbit-networks.io\",\"x509.subject: C=US, ST=WA, O=wabbit-networks.example,"
            + " CN=claims\"]}]}");
    Files.writeString(
        notationDir.resolve(ClaimPolicy.FILE_NAME),
        ClaimFixture.policy(ClaimFixture.APPROVED_BY_EITHER + "," + ClaimFixture.NOT_REJECTED, "")
            .replace("\"registryScopes\":[\"*\"]", "\"registryScopes\":[" + scopes + "]"));
  }

  @AfterAll
  static void close() {
    if (client != null) {
      client.close();
    }
  }

  private static String scope(String repo) {
    return host + "/" + repo;
  }

  /** Both verifiers read the notation folder, judging at {@code now}. */
  private static DeploymentGate gate(Instant now) throws Exception {
    NotationPaths paths = NotationPaths.of(notationDir);
    DirectoryTrustStore store = DirectoryTrustStore.atConfigDirectory(notationDir);
    Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    return DeploymentGate.of(
        NotaryVerifier.builder(OciTrustPolicy.load(paths), store).clock(clock).build(),
        ClaimVerifier.builder(ClaimPolicy.load(paths), store).clock(clock).build());
  }

  /** A time after everything signed so far, to the second (the claims' iat precision). */
  private static Instant afterSigning() {
    return Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.SECONDS);
  }

  private static PeerResult notationVerify(String repo, Descriptor image) {
    return notation.run("verify", "--insecure-registry", scope(repo) + "@" + image.digest());
  }

  /** The gate denies because ACME rejected the image; returns the decision it denied with. */
  private static ClaimDecision assertDeniedByTheRejection(
      DeploymentGate gate,
      Repository repo,
      String scope,
      Descriptor image,
      List<Descriptor> superseded) {
    DeploymentDeniedException e =
        catchThrowableOfType(
            DeploymentDeniedException.class, () -> gate.verify(repo, scope, "v1", "prod"));
    assertThat(e).as("the gate denies").isNotNull();
    GateResult r = e.result();
    assertThat(r.isAllowed()).isFalse();
    assertThat(r.artifact().digest()).isEqualTo(image.digest());
    assertThat(r.signaturesPassed()).isTrue();
    ClaimDecision d = r.claims().orElseThrow();
    assertThat(d.verdict()).isEqualTo(ClaimDecision.Verdict.DENY);
    assertThat(d.rules().get(1).status()).isEqualTo(RuleOutcome.Status.VIOLATED);
    assertThat(d.rules().get(1).message()).contains("acme rejected it for prod");
    assertThat(r.text()).startsWith("DENIED " + scope + "@" + image.digest());
    assertThat(d.claims(ClaimStatus.SUPERSEDED))
        .extracting(ClaimRecord::digest)
        .containsExactlyElementsOf(superseded.stream().map(Descriptor::digest).toList());
    return d;
  }

  @Test
  void aNotationSignedApprovedImageIsAllowedUntilANewerRejection() throws Exception {
    Repository repo = client.repository(scope("by-notation"));
    Descriptor image = ClaimFixture.image(repo, "v1", "net-monitor v1, signed by notation");
    notation.runOk(
        "sign",
        "--insecure-registry",
        "--signature-format",
        "cose",
        scope("by-notation") + "@" + image.digest());
    PeerResult theirs = notationVerify("by-notation", image);
    assertThat(theirs.ok()).as(theirs.describe()).isTrue();
    Instant now = afterSigning();

    Descriptor approval =
        F.acmeAt(now.minus(Duration.ofMinutes(2))).approve(repo, "v1", Approval.approved("prod"));
    GateResult allowed = gate(now).verify(repo, scope("by-notation"), "v1", "prod");
    assertThat(allowed.isAllowed()).isTrue();
    assertThat(allowed.artifact().digest()).isEqualTo(image.digest());
    VerificationResult signature = allowed.signatures().orElseThrow();
    assertThat(signature.verdict()).isEqualTo(VerificationResult.Verdict.VERIFIED);
    assertThat(signature.artifact().orElseThrow().digest()).isEqualTo(image.digest());
    ClaimDecision claims = allowed.claims().orElseThrow();
    assertThat(claims.verdict()).isEqualTo(ClaimDecision.Verdict.ALLOW);
    assertThat(claims.rules().get(0).claims()).containsExactly(approval.digest());
    assertThat(allowed.text()).startsWith("ALLOWED " + scope("by-notation") + "@");

    F.acmeAt(now.minus(Duration.ofMinutes(1)))
        .approve(repo, "v1", Approval.rejected("prod").withReason("CVE-2026-0001"));
    assertDeniedByTheRejection(gate(now), repo, scope("by-notation"), image, List.of(approval));
    // the signature itself is still good for notation: the claims denied it
    assertThat(notationVerify("by-notation", image).ok()).isTrue();
  }

  @Test
  void anOcitrustSignedImageApprovedByThePublisherIsDeniedByTheConsumersRejection()
      throws Exception {
    Repository repo = client.repository(scope("by-ocitrust"));
    Descriptor image = ClaimFixture.image(repo, "v1", "net-monitor v1, signed by ocitrust");
    Instant now = afterSigning();
    NotarySigner.builder(
            NotaryEnvelopeSigner.builder(F.wabbit.privateKey(), F.wabbit.chain())
                .clock(Clock.fixed(now.minus(Duration.ofMinutes(5)), ZoneOffset.UTC))
                .build())
        .build()
        .sign(repo, "v1");
    PeerResult theirs = notationVerify("by-ocitrust", image);
    assertThat(theirs.ok()).as(theirs.describe()).isTrue();

    Descriptor approval =
        F.wabbitAt(now.minus(Duration.ofMinutes(2))).approve(repo, "v1", Approval.approved("prod"));
    GateResult allowed = gate(now).verify(repo, scope("by-ocitrust"), "v1", "prod");
    assertThat(allowed.isAllowed()).isTrue();
    assertThat(allowed.signatures().orElseThrow().verdict())
        .isEqualTo(VerificationResult.Verdict.VERIFIED);
    assertThat(allowed.claims().orElseThrow().rules().get(0).issuer()).contains("wabbit");

    // the consumer's rejection decides before the publisher's approval
    F.acmeAt(now.minus(Duration.ofMinutes(1))).approve(repo, "v1", Approval.rejected("prod"));
    ClaimDecision denied =
        assertDeniedByTheRejection(gate(now), repo, scope("by-ocitrust"), image, List.of());
    // both claims stay effective (they are of different issuers); ACME's decides
    assertThat(denied.claims(ClaimStatus.EFFECTIVE))
        .extracting(ClaimRecord::digest)
        .contains(approval.digest());
    assertThat(denied.rules().get(0).issuer()).contains("acme");
  }

  @Test
  void anApprovedImageWithoutASignatureIsDenied() throws Exception {
    Repository repo = client.repository(scope("unsigned"));
    Descriptor image = ClaimFixture.image(repo, "v1", "net-monitor v1, never signed");
    Instant now = afterSigning();
    F.acmeAt(now.minus(Duration.ofMinutes(1))).approve(repo, "v1", Approval.approved("prod"));
    assertThat(notationVerify("unsigned", image).ok()).isFalse();
    assertThatThrownBy(() -> gate(now).verify(repo, scope("unsigned"), "v1", "prod"))
        .isInstanceOfSatisfying(
            DeploymentDeniedException.class,
            e -> {
              assertThat(e.result().signaturesPassed()).isFalse();
              assertThat(e.result().claims().orElseThrow().isAllowed()).isTrue();
              assertThat(e.result().text()).contains("signature: REJECTED");
            });
  }
}
