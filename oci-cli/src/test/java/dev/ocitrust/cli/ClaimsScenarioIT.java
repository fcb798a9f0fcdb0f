package dev.ocitrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocitrust.claims.ClaimTypes;
import dev.ocitrust.policy.NotarySigner;
import dev.ocitrust.testkit.PeerCli;
import dev.ocitrust.testkit.PeerResult;
import dev.ocitrust.testkit.RegistryExtension;
import dev.ocitrust.testkit.RegistryServer;
import dev.ocitrust.testkit.TestTsa;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenario's steps 2, 5 and 6 through {@code Main.run}, on a real docker-registry (no referrers
 * API: every referrer goes through the fallback tag) and on OCI layouts, with oras making the image
 * and checking what ocitrust attached and notation verifying the copied signature: the publisher
 * signs and attaches a scan, the consumer copies it with everything attached, approves it for prod,
 * lists the claims and passes the deployment gate; a newer rejection denies it.
 */
class ClaimsScenarioIT {
  @RegisterExtension static RegistryExtension registry = RegistryExtension.plain();

  @TempDir Path tmp;
  private CliFixture f;
  private Path scan;
  private PeerCli oras;
  private PeerCli notation;

  @BeforeEach
  void setUp() throws Exception {
    f = new CliFixture(tmp);
    Files.writeString(tmp.resolve("app.txt"), "net-monitor v1");
    scan = Files.writeString(tmp.resolve("scan.sarif"), "{\"version\":\"2.1.0\",\"runs\":[]}");
    oras = PeerCli.of("oras").withDirectory(tmp);
    // the fixture's consumer configuration is tmp/notation: notation's folder under tmp
    notation =
        PeerCli.of("notation")
            .withDirectory(tmp)
            .withEnv("XDG_CONFIG_HOME", tmp.toString())
            .withEnv("NOTATION_EXPERIMENTAL", "1");
  }

  private static MainTest.Result ok(String... args) {
    MainTest.Result r = MainTest.run(args);
    assertThat(r.status()).as(String.join(" ", args) + "\n" + r.out() + r.err()).isZero();
    return r;
  }

  private static String[] concat(String[] a, String... b) {
    List<String> all = new ArrayList<>(List.of(a));
    all.addAll(List.of(b));
    return all.toArray(String[]::new);
  }

  /**
   * Runs the scenario; {@code where} are the target options ({@code --plain-http} or {@code
   * --oci-layout}), copy's are {@code copyFlags}.
   */
  private void scenario(
      String[] where, String[] copyFlags, String publisher, String consumer, String scope)
      throws Exception {
    String[] wabbit = {
      "--key",
      f.wabbitKey.toString(),
      "--cert",
      f.wabbitCert.toString(),
      "--issuer",
      CliFixture.WABBIT_ISS
    };
    String[] acme = {
      "--key",
      f.acmeKey.toString(),
      "--cert",
      f.acmeCert.toString(),
      "--issuer",
      CliFixture.ACME_ISS
    };
    String[] config = {"--config", f.config.toString()};

    // step 1 and 2: the publisher signs it and attaches its scan as a signed claim
    ok(
        concat(
            concat(new String[] {"sign"}, where),
            "--key",
            f.wabbitKey.toString(),
            "--cert",
            f.wabbitCert.toString(),
            publisher));
    ok(
        concat(
            concat(concat(new String[] {"claim", "add"}, where), wabbit),
            "--type",
            CliFixture.SARIF,
            publisher,
            scan.toString()));
    // step 4: the consumer copies it with everything attached
    ok(concat(concat(new String[] {"copy", "-r"}, copyFlags), publisher, consumer));
    MainTest.Result gate =
        MainTest.run(
            concat(
                concat(concat(new String[] {"verify"}, where), config),
                "--environment",
                "prod",
                consumer));
    assertThat(gate.status()).as(gate.out() + gate.err()).isEqualTo(1);
    assertThat(gate.out()).contains("no approval for prod from acme");

    // step 5: the consumer approves it for prod
    String approval =
        CliFixture.digestOf(
            ok(
                concat(
                    concat(concat(new String[] {"claim", "approve"}, where), acme),
                    "--environment",
                    "prod",
                    "--reason",
                    "scan clean",
                    consumer)));
    MainTest.Result list =
        ok(concat(concat(concat(new String[] {"claim", "list"}, where), config), consumer));
    assertThat(list.out())
        .contains("claims: 2 (2 effective, 0 superseded, 0 ignored)")
        .contains(CliFixture.SARIF + " issuer wabbit")
        .contains("effective " + approval + " " + ClaimTypes.APPROVAL + " issuer acme");

    // step 6: signature and claims allow it
    MainTest.Result allowed =
        ok(
            concat(
                concat(concat(new String[] {"verify"}, where), config),
                "--environment",
                "prod",
                consumer));
    assertThat(allowed.out()).startsWith("ALLOWED " + scope + "@").contains("signature: VERIFIED");

    // a newer rejection by the consumer supersedes its approval and denies it
    String rejection =
        CliFixture.digestOf(
            ok(
                concat(
                    concat(concat(new String[] {"claim", "approve"}, where), acme),
                    "--environment",
                    "prod",
                    "--reject",
                    "--reason",
                    "CVE-2026-0001",
                    consumer)));
    MainTest.Result denied =
        MainTest.run(
            concat(
                concat(concat(new String[] {"verify"}, where), config),
                "--environment",
                "prod",
                "-o",
                "json",
                consumer));
    assertThat(denied.status()).as(denied.err()).isEqualTo(1);
    JsonNode decision = new ObjectMapper().readTree(denied.out());
    assertThat(decision.get("decision").asText()).isEqualTo("DENY");
    assertThat(decision.at("/signature/verdict").asText()).isEqualTo("VERIFIED");
    assertThat(decision.at("/claims/decision").asText()).isEqualTo("DENY");
    JsonNode listed =
        new ObjectMapper()
            .readTree(
                ok(concat(
                        concat(concat(new String[] {"claim", "list"}, where), config),
                        "--format",
                        "json",
                        consumer))
                    .out());
    assertThat(listed.get("claims")).hasSize(3);
    assertThat(listed.findValuesAsText("supersededBy")).containsExactly(rejection);
  }

  /** The artifact types oras finds attached to {@code reference}. */
  private List<String> orasReferrerTypes(String... discoverArgs) throws Exception {
    PeerResult r = oras.runOk(concat(new String[] {"discover", "--format", "json"}, discoverArgs));
    List<String> types = new ArrayList<>();
    for (JsonNode n : new ObjectMapper().readTree(r.stdout()).path("referrers")) {
      types.add(n.get("artifactType").asText());
    }
    return types;
  }

  @Test
  void scenarioOnADockerRegistry(RegistryServer server) throws Exception {
    String publisher = server.host() + "/wabbit/net-monitor:v1";
    String consumer = server.host() + "/acme/net-monitor:v1";
    oras.runOk(
        "push",
        "--plain-http",
        publisher,
        "--artifact-type",
        "application/vnd.wabbit.app",
        "app.txt");
    String digest = PeerCli.of("crane").runOk("digest", publisher).stdout().strip();
    scenario(
        new String[] {"--plain-http"},
        new String[] {"--from-plain-http", "--to-plain-http"},
        publisher,
        consumer,
        server.host() + "/acme/net-monitor");

    assertThat(orasReferrerTypes("--plain-http", consumer))
        .containsExactlyInAnyOrder(
            NotarySigner.ARTIFACT_TYPE, CliFixture.SARIF, ClaimTypes.APPROVAL, ClaimTypes.APPROVAL);
    PeerResult verified =
        notation.run(
            "verify", "--insecure-registry", server.host() + "/acme/net-monitor@" + digest);
    assertThat(verified.ok()).as(verified.describe()).isTrue();
    // the consumer's claims stay in its repository: the publisher's copy is not approved
    MainTest.Result atPublisher =
        MainTest.run(
            "verify",
            "--plain-http",
            "--config",
            f.config.toString(),
            "--environment",
            "prod",
            publisher);
    assertThat(atPublisher.status()).isEqualTo(1);
    assertThat(atPublisher.out()).contains("no approval for prod from acme");
  }

  @Test
  void scenarioOnOciLayouts() throws Exception {
    oras.runOk(
        "push",
        "--oci-layout",
        "net-monitor:v1",
        "--artifact-type",
        "application/vnd.wabbit.app",
        "app.txt");
    Path publisher = tmp.resolve("net-monitor");
    Path consumer = tmp.resolve("acme-net-monitor");
    scenario(
        new String[] {"--oci-layout"},
        new String[] {"--from-oci-layout", "--to-oci-layout"},
        publisher + ":v1",
        consumer + ":v1",
        "local/acme-net-monitor");

    assertThat(orasReferrerTypes("--oci-layout", "acme-net-monitor:v1"))
        .containsExactlyInAnyOrder(
            NotarySigner.ARTIFACT_TYPE, CliFixture.SARIF, ClaimTypes.APPROVAL, ClaimTypes.APPROVAL);
    String digest =
        new ObjectMapper()
            .readTree(
                oras.runOk(
                        "manifest", "fetch", "--oci-layout", "--descriptor", "acme-net-monitor:v1")
                    .stdout())
            .get("digest")
            .asText();
    PeerResult verified =
        notation.run(
            "verify",
            "--oci-layout",
            "acme-net-monitor@" + digest,
            "--scope",
            "local/acme-net-monitor");
    assertThat(verified.ok()).as(verified.describe()).isTrue();
  }

  @Test
  void aTimeStampedClaimVerifiesAgainstTheIssuersTsaStore() throws Exception {
    try (TestTsa tsa = TestTsa.create(Clock.systemUTC()).start()) {
      Path tsaRoot =
          CliFixture.writeChain(List.of(tsa.rootCertificate()), tmp.resolve("tsa-root.pem"));
      CliFixture.writeChain(
          List.of(tsa.rootCertificate()), f.config.resolve("truststore/x509/tsa/loop/root.pem"));
      Files.writeString(
          f.config.resolve("claimpolicy.json"),
          CliFixture.claimPolicy("[\"*\"]", "enforce")
              .replace(
                  "\"trustStores\":[\"ca:wabbit\"]",
                  "\"trustStores\":[\"ca:wabbit\",\"tsa:loop\"]"));
      oras.runOk(
          "push",
          "--oci-layout",
          "net-monitor:v1",
          "--artifact-type",
          "application/vnd.wabbit.app",
          "app.txt");
      Path layout = tmp.resolve("net-monitor");
      ok(
          "claim",
          "add",
          "--oci-layout",
          "--key",
          f.wabbitKey.toString(),
          "--cert",
          f.wabbitCert.toString(),
          "--issuer",
          CliFixture.WABBIT_ISS,
          "--timestamp-url",
          tsa.uri().toString(),
          "--timestamp-root-cert",
          tsaRoot.toString(),
          "--type",
          CliFixture.SARIF,
          layout + ":v1",
          scan.toString());
      MainTest.Result list =
          ok("claim", "list", "--oci-layout", "--config", f.config.toString(), layout + ":v1");
      assertThat(list.out())
          .contains("effective")
          .contains("issuer wabbit")
          .contains("time-stamped");
    }
  }
}
