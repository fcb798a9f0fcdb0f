package dev.ocitrust.claims;

import static dev.ocitrust.claims.ClaimFixture.ACME_ISS;
import static dev.ocitrust.claims.ClaimFixture.SARIF;
import static dev.ocitrust.claims.ClaimFixture.WABBIT_ISS;
import static dev.ocitrust.claims.ClaimScenario.STAGING;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.Digest;
import dev.ocitrust.client.OciLayout;
import dev.ocitrust.client.RegistryClient;
import dev.ocitrust.client.Repository;
import dev.ocitrust.client.Target;
import dev.ocitrust.graph.CopyOptions;
import dev.ocitrust.graph.CopyResult;
import dev.ocitrust.graph.DiscoveryOptions;
import dev.ocitrust.graph.GraphCopier;
import dev.ocitrust.testkit.PeerCli;
import dev.ocitrust.testkit.RegistryExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenario's claims, issued by ocitrust on an image in a real docker-registry 2.8 (no referrers
 * API: the fallback tag schema), copied with {@code oras copy -r} and with the SDK's {@link
 * GraphCopier} (referrers to any depth) into another docker-registry and into OCI image layouts:
 * the claim decision is the same at the source and at every destination (verdict, rule outcomes,
 * effective, superseded and ignored claims), {@code oras discover} shows the claims with their
 * artifact types on both sides, and a claim-typed referrer that {@code oras attach} makes (no
 * statement) is ignored with its reason.
 */
class ClaimsCopyIT {
  @RegisterExtension static final RegistryExtension A = RegistryExtension.plain();
  @RegisterExtension static final RegistryExtension B = RegistryExtension.plain();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicInteger REPO = new AtomicInteger();
  private static final ClaimFixture F = new ClaimFixture();
  private static final List<String> ENVIRONMENTS = List.of("prod", STAGING);

  private static RegistryClient client;
  private static ClaimVerifier verifier;
  private static String source;
  private static ClaimScenario scenario;

  @TempDir Path dir;

  @BeforeAll
  static void issueTheScenarioAtTheSource() throws Exception {
    client =
        RegistryClient.builder()
            .insecurePlainHttp(A.server().host())
            .insecurePlainHttp(B.server().host())
            .build();
    verifier = F.verifier(ClaimScenario.policy());
    source = A.server().host() + "/wabbit/net-monitor";
    Repository repo = client.repository(source);
    ClaimFixture.image(repo, "v1", "net-monitor v1");
    scenario = ClaimScenario.issue(F, repo, "v1");
  }

  @AfterAll
  static void close() {
    if (client != null) {
      client.close();
    }
  }

  private static String destination() {
    return B.server().host() + "/acme/net-monitor" + REPO.incrementAndGet();
  }

  private static ClaimDecision decide(Target t, String scope, String env) throws Exception {
    return verifier.evaluate(t, scope, "v1", env);
  }

  private static ClaimScenario.View atSource(String env) throws Exception {
    return ClaimScenario.View.of(decide(client.repository(source), source, env));
  }

  /** The destination decides as the source does, in both environments. */
  private static void assertSameDecisions(Target dst, String scope) throws Exception {
    for (String env : ENVIRONMENTS) {
      ClaimDecision there = decide(dst, scope, env);
      assertThat(there.scope()).isEqualTo(scope);
      assertThat(ClaimScenario.View.of(there)).as(env).isEqualTo(atSource(env));
    }
  }

  @Test
  void theScenarioDecidesAtTheSource() throws Exception {
    ClaimDecision prod = decide(client.repository(source), source, "prod");
    assertThat(prod.verdict()).isEqualTo(ClaimDecision.Verdict.ALLOW);
    assertThat(prod.artifact().digest()).isEqualTo(scenario.image.digest());
    assertThat(prod.warnings()).isEmpty();
    assertThat(prod.rules())
        .extracting(RuleOutcome::rule, RuleOutcome::status, RuleOutcome::issuer)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "approved", RuleOutcome.Status.SATISFIED, java.util.Optional.of("acme")),
            org.assertj.core.groups.Tuple.tuple(
                "scanned", RuleOutcome.Status.SATISFIED, java.util.Optional.of("wabbit")),
            org.assertj.core.groups.Tuple.tuple(
                "not-rejected", RuleOutcome.Status.SATISFIED, java.util.Optional.of("acme")));
    assertThat(prod.rules().get(0).claims()).containsExactly(scenario.acmeProdApproval.digest());
    assertThat(prod.rules().get(1).claims()).containsExactly(scenario.wabbitScan.digest());
    assertThat(prod.claims()).hasSize(5);
    assertThat(digests(prod.claims(ClaimStatus.SUPERSEDED)))
        .containsExactly(scenario.acmeProdRejection.digest());
    assertThat(prod.claims(ClaimStatus.SUPERSEDED).get(0).supersededBy())
        .contains(scenario.acmeProdApproval.digest());
    assertThat(digests(prod.claims(ClaimStatus.EFFECTIVE)))
        .containsExactlyInAnyOrder(
            scenario.wabbitScan.digest(),
            scenario.wabbitApproval.digest(),
            scenario.acmeProdApproval.digest(),
            scenario.acmeStagingRejection.digest());

    ClaimDecision staging = decide(client.repository(source), source, STAGING);
    assertThat(staging.verdict()).isEqualTo(ClaimDecision.Verdict.DENY);
    // the consumer's rejection overrides the publisher's approval
    assertThat(staging.rules().get(0).status()).isEqualTo(RuleOutcome.Status.VIOLATED);
    assertThat(staging.rules().get(0).message())
        .contains("acme rejected it for staging")
        .contains("staging freeze");
    assertThat(staging.rules().get(2).claims())
        .containsExactly(scenario.acmeStagingRejection.digest());
    assertThat(staging.claims(ClaimStatus.SUPERSEDED)).isEmpty();
    assertThat(staging.claims(ClaimStatus.IGNORED)).isEmpty();
  }

  @Test
  void orasCopyRIntoAnotherRegistryKeepsTheDecision() throws Exception {
    String dst = destination();
    PeerCli.of("oras")
        .runOk("copy", "-r", "--from-plain-http", "--to-plain-http", source + ":v1", dst + ":v1");
    assertSameDecisions(client.repository(dst), dst);
    assertDiscoveredClaims(orasDiscover("--plain-http", dst + ":v1"));
  }

  @Test
  void orasCopyRIntoALayoutKeepsTheDecision() throws Exception {
    PeerCli.of("oras")
        .withDirectory(dir)
        .runOk("copy", "-r", "--from-plain-http", source + ":v1", "--to-oci-layout", "copy:v1");
    assertSameDecisions(OciLayout.open(dir.resolve("copy")), "local/copy");
    assertDiscoveredClaims(orasDiscover("--oci-layout", dir.resolve("copy") + ":v1"));
  }

  @Test
  void theSdkCopyIntoAnotherRegistryKeepsTheDecision() throws Exception {
    String dst = destination();
    CopyResult r = sdkCopy(client.repository(source), client.repository(dst));
    assertThat(r.graph().referrers(r.root().digest())).hasSize(scenario.claims().size());
    assertSameDecisions(client.repository(dst), dst);
    assertDiscoveredClaims(orasDiscover("--plain-http", dst + ":v1"));
  }

  @Test
  void theSdkCopyIntoALayoutKeepsTheDecision() throws Exception {
    OciLayout layout = OciLayout.open(dir.resolve("sdk-copy"));
    sdkCopy(client.repository(source), layout);
    assertSameDecisions(OciLayout.open(dir.resolve("sdk-copy")), "local/sdk-copy");
    assertDiscoveredClaims(orasDiscover("--oci-layout", dir.resolve("sdk-copy") + ":v1"));
  }

  @Test
  void orasDiscoverShowsTheClaimsAtTheSource() throws Exception {
    JsonNode discovered = orasDiscover("--plain-http", source + ":v1");
    assertDiscoveredClaims(discovered);
    // the annotations repeat the signed iss for tools that cannot read the statement
    Map<String, String> issuers = new TreeMap<>();
    for (JsonNode r : discovered.get("referrers")) {
      issuers.put(
          r.get("digest").asText(),
          r.path("annotations").path(ClaimTypes.ISSUER_ANNOTATION).asText());
    }
    assertThat(issuers)
        .containsEntry(scenario.wabbitScan.digest().toString(), WABBIT_ISS)
        .containsEntry(scenario.acmeProdApproval.digest().toString(), ACME_ISS);
  }

  @Test
  void aClaimTypedReferrerWithoutAStatementIsIgnoredWithItsReason() throws Exception {
    String dst = destination();
    sdkCopy(client.repository(source), client.repository(dst));
    Map<String, ClaimScenario.View> before = new TreeMap<>();
    for (String env : ENVIRONMENTS) {
      before.put(env, ClaimScenario.View.of(decide(client.repository(dst), dst, env)));
    }
    Files.writeString(dir.resolve("approval.json"), "{\"environments\":[\"prod\"],\"x\":1}");
    String out =
        PeerCli.of("oras")
            .withDirectory(dir)
            .runOk(
                "attach",
                "--plain-http",
                dst + ":v1",
                "--artifact-type",
                ClaimTypes.APPROVAL,
                "approval.json")
            .stdout();
    Digest lookalike = attachedDigest(out);

    for (String env : ENVIRONMENTS) {
      ClaimDecision d = decide(client.repository(dst), dst, env);
      ClaimScenario.View was = before.get(env);
      ClaimRecord ignored = only(d.claims(ClaimStatus.IGNORED));
      assertThat(ignored.digest()).isEqualTo(lookalike);
      assertThat(ignored.contentType()).contains(ClaimTypes.APPROVAL);
      assertThat(ignored.reason())
          .hasValueSatisfying(
              r ->
                  assertThat(r)
                      .contains("its layer is application/vnd.oci.image.layer.v1.tar")
                      .contains("not a " + ClaimTypes.STATEMENT));
      assertThat(d.warnings())
          .containsExactlyInAnyOrderElementsOf(
              concat(
                  was.warnings(), "claim " + lookalike + " is ignored: " + ignored.reason().get()));
      // the rest of the decision is unchanged
      assertThat(d.rules()).isEqualTo(was.rules());
      assertThat(
              ClaimScenario.View.of(d).claims().stream()
                  .filter(c -> !c.digest().equals(lookalike))
                  .toList())
          .isEqualTo(was.claims());
      assertThat(d.verdict())
          .isEqualTo(
              was.verdict() == ClaimDecision.Verdict.DENY
                  ? ClaimDecision.Verdict.DENY
                  : ClaimDecision.Verdict.ALLOW_WITH_WARNINGS);
    }
    assertThat(before.get("prod").verdict()).isEqualTo(ClaimDecision.Verdict.ALLOW);
  }

  private static CopyResult sdkCopy(Target from, Target to) throws Exception {
    try (GraphCopier copier = GraphCopier.create()) {
      return copier.copy(
          from,
          "v1",
          to,
          CopyOptions.builder().referrerDepth(DiscoveryOptions.UNLIMITED).tag("v1").build());
    }
  }

  private JsonNode orasDiscover(String mode, String reference) throws Exception {
    return JSON.readTree(
        PeerCli.of("oras")
            .withDirectory(dir)
            .runOk("discover", mode, "--format", "json", reference)
            .stdout());
  }

  /** oras lists exactly the scenario's claims, each with the artifact type it was issued as. */
  private static void assertDiscoveredClaims(JsonNode discovered) {
    assertThat(discovered.get("digest").asText()).isEqualTo(scenario.image.digest().toString());
    Map<String, String> types = new TreeMap<>();
    for (JsonNode r : discovered.get("referrers")) {
      types.put(r.get("digest").asText(), r.path("artifactType").asText());
    }
    Map<String, String> expected = new TreeMap<>();
    expected.put(scenario.wabbitScan.digest().toString(), SARIF);
    for (Descriptor d :
        List.of(
            scenario.wabbitApproval,
            scenario.acmeProdRejection,
            scenario.acmeProdApproval,
            scenario.acmeStagingRejection)) {
      expected.put(d.digest().toString(), ClaimTypes.APPROVAL);
    }
    assertThat(types).isEqualTo(expected);
  }

  private static Digest attachedDigest(String orasOutput) {
    Matcher m = Pattern.compile("(?m)^Digest: (sha256:[0-9a-f]{64})$").matcher(orasOutput);
    assertThat(m.find()).as("oras attach printed the digest: " + orasOutput).isTrue();
    return Digest.parse(m.group(1));
  }

  private static ClaimRecord only(List<ClaimRecord> records) {
    assertThat(records).hasSize(1);
    return records.get(0);
  }

  private static List<Digest> digests(List<ClaimRecord> records) {
    return records.stream().map(ClaimRecord::digest).toList();
  }

  private static List<String> concat(List<String> list, String more) {
    List<String> all = new java.util.ArrayList<>(list);
    all.add(more);
    return all;
  }
}
