package dev.ocitrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocitrust.claims.ClaimIssuer;
import dev.ocitrust.claims.ClaimTypes;
import dev.ocitrust.client.ImageManifest;
import dev.ocitrust.client.OciLayout;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenario's steps 2, 5 and 6 with {@code ocitrust claim} and {@code verify --environment} on
 * OCI layouts, and every usage and policy error of those commands.
 */
class ClaimCommandsTest {
  @TempDir Path dir;
  private Path publisher;
  private Path consumer;
  private ImageManifest image;
  private CliFixture f;
  private Path scan;

  @BeforeEach
  void setUp() throws Exception {
    publisher = dir.resolve("net-monitor");
    consumer = dir.resolve("acme-net-monitor");
    image = TestImages.push(OciLayout.open(publisher), "net-monitor", "v1");
    f = new CliFixture(dir);
    scan = Files.writeString(dir.resolve("scan.sarif"), "{\"version\":\"2.1.0\",\"runs\":[]}");
  }

  private static void ok(MainTest.Result r) {
    assertThat(r.status()).as(r.out() + r.err()).isZero();
  }

  private static void oneLineError(MainTest.Result r, int status, String... fragments) {
    assertThat(r.status()).as(r.out() + r.err()).isEqualTo(status);
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(r.err()).startsWith("Error: ").contains(fragments);
  }

  private static String[] args(String... parts) {
    return parts;
  }

  private static String[] concat(String[] a, String... b) {
    List<String> all = new ArrayList<>(List.of(a));
    all.addAll(List.of(b));
    return all.toArray(String[]::new);
  }

  private String[] wabbit() {
    return args(
        "--key",
        f.wabbitKey.toString(),
        "--cert",
        f.wabbitCert.toString(),
        "--issuer",
        CliFixture.WABBIT_ISS);
  }

  private String[] acme() {
    return args(
        "--key",
        f.acmeKey.toString(),
        "--cert",
        f.acmeCert.toString(),
        "--issuer",
        CliFixture.ACME_ISS);
  }

  private MainTest.Result addScan(Path layout, String[] who) {
    return MainTest.run(
        concat(
            args(
                "claim",
                "add",
                "--oci-layout",
                layout + ":v1",
                "--type",
                CliFixture.SARIF,
                scan.toString()),
            who));
  }

  private MainTest.Result approve(String... extra) {
    return MainTest.run(
        concat(concat(args("claim", "approve", "--oci-layout", consumer + ":v1"), acme()), extra));
  }

  private MainTest.Result gate(String... extra) {
    return MainTest.run(
        concat(
            args(
                "verify",
                "--oci-layout",
                "--config",
                f.config.toString(),
                "--environment",
                "prod",
                consumer + ":v1"),
            extra));
  }

  /** Steps 1–4: signed and scanned by the publisher, copied with its referrers to the consumer. */
  private void publishAndCopy() {
    ok(
        MainTest.run(
            "sign",
            "--oci-layout",
            "--key",
            f.wabbitKey.toString(),
            "--cert",
            f.wabbitCert.toString(),
            publisher + ":v1"));
    MainTest.Result added = addScan(publisher, wabbit());
    ok(added);
    assertThat(added.out())
        .startsWith(
            "Claimed "
                + CliFixture.SARIF
                + " about "
                + publisher
                + ":v1 ("
                + image.descriptor().digest()
                + ")");
    ok(
        MainTest.run(
            "copy",
            "-r",
            "--from-oci-layout",
            "--to-oci-layout",
            publisher + ":v1",
            consumer + ":v1"));
  }

  @Test
  void scenarioOnLayouts_approvedIsAllowed_aNewerRejectionDenies() throws Exception {
    publishAndCopy();
    MainTest.Result unapproved = gate();
    assertThat(unapproved.status()).isEqualTo(1);
    assertThat(unapproved.out())
        .startsWith("DENIED local/acme-net-monitor@" + image.descriptor().digest() + " for prod")
        .contains("rule approved (requireApproval): VIOLATED");

    MainTest.Result approved = approve("--environment", "prod", "--reason", "scan clean");
    ok(approved);
    assertThat(approved.out()).contains("Approved " + consumer + ":v1").contains("for prod");
    String approval = CliFixture.digestOf(approved);

    MainTest.Result list =
        MainTest.run(
            "claim", "list", "--oci-layout", "--config", f.config.toString(), consumer + ":v1");
    ok(list);
    assertThat(list.err()).isEmpty();
    assertThat(list.out())
        .startsWith(image.descriptor().digest().toString())
        .contains("claims: 2 (2 effective, 0 superseded, 0 ignored)")
        .contains("effective " + approval + " " + ClaimTypes.APPROVAL + " issuer acme");

    MainTest.Result allowed = gate();
    ok(allowed);
    assertThat(allowed.out())
        .startsWith("ALLOWED local/acme-net-monitor@" + image.descriptor().digest() + " for prod")
        .contains("signature: VERIFIED")
        .contains("claims: ALLOW");
    JsonNode json = new ObjectMapper().readTree(gate("-o", "json").out());
    assertThat(json.get("decision").asText()).isEqualTo("ALLOW");
    assertThat(json.at("/signature/verdict").asText()).isEqualTo("VERIFIED");
    assertThat(json.at("/claims/decision").asText()).isEqualTo("ALLOW");
    assertThat(json.at("/artifact/digest").asText())
        .isEqualTo(image.descriptor().digest().toString());

    MainTest.Result rejected = approve("--environment", "prod", "--reject", "--reason", "CVE-1");
    ok(rejected);
    String rejection = CliFixture.digestOf(rejected);
    MainTest.Result denied = gate();
    assertThat(denied.status()).isEqualTo(1);
    assertThat(denied.out())
        .startsWith("DENIED")
        .contains("rule not-rejected (denyRejection): VIOLATED: acme rejected it for prod");
    assertThat(new ObjectMapper().readTree(gate("--output", "json").out()).get("decision").asText())
        .isEqualTo("DENY");

    JsonNode listed =
        new ObjectMapper()
            .readTree(
                MainTest.run(
                        "claim",
                        "list",
                        "--oci-layout",
                        "--config",
                        f.config.toString(),
                        "--environment",
                        "prod",
                        "--format",
                        "json",
                        consumer + ":v1")
                    .out());
    assertThat(listed.at("/artifact/digest").asText())
        .isEqualTo(image.descriptor().digest().toString());
    assertThat(listed.get("claims")).hasSize(3);
    for (JsonNode c : listed.get("claims")) {
      if (c.get("digest").asText().equals(approval)) {
        assertThat(c.get("status").asText()).isEqualTo("superseded");
        assertThat(c.get("supersededBy").asText()).isEqualTo(rejection);
      }
    }
  }

  @Test
  void withoutAClaimPolicyTheListSaysSoAndChecksEachClaimAgainstItsOwnChain() throws Exception {
    publishAndCopy();
    Files.delete(f.config.resolve("claimpolicy.json"));
    MainTest.Result list =
        MainTest.run(
            "claim", "list", "--oci-layout", "--config", f.config.toString(), consumer + ":v1");
    ok(list);
    assertThat(list.err().strip().lines()).hasSize(1);
    assertThat(list.err()).startsWith("No claim policy (" + f.config.resolve("claimpolicy.json"));
    assertThat(list.out()).contains("1 unverified").contains("iss " + CliFixture.WABBIT_ISS);

    oneLineError(gate(), 1, "no claim policy", f.config.resolve("claimpolicy.json").toString());
    Path policy =
        Files.writeString(dir.resolve("policy.json"), CliFixture.claimPolicy("[\"*\"]", "enforce"));
    assertThat(gate("--claim-policy", policy.toString()).out()).startsWith("DENIED");
  }

  @Test
  void anAuditedViolationAllowsWithWarningsOnStandardError() throws Exception {
    publishAndCopy();
    Files.writeString(
        f.config.resolve("claimpolicy.json"), CliFixture.claimPolicy("[\"*\"]", "audit"));
    MainTest.Result r = gate();
    ok(r);
    assertThat(r.out()).startsWith("ALLOWED").contains("claims: ALLOW_WITH_WARNINGS");
    assertThat(r.err()).startsWith("Warning: rule approved is violated (audit mode)");
    assertThat(new ObjectMapper().readTree(gate("-o", "json").out()).get("decision").asText())
        .isEqualTo("ALLOW_WITH_WARNINGS");
  }

  @Test
  void theScopeSelectsTheClaimPolicyStatementInNotationsSpelling() throws Exception {
    publishAndCopy();
    ok(approve("--environment", "prod"));
    Files.writeString(
        f.config.resolve("claimpolicy.json"),
        CliFixture.claimPolicy("[\"local/acme\"]", "enforce"));
    MainTest.Result ungoverned = gate();
    assertThat(ungoverned.status()).isEqualTo(1);
    assertThat(ungoverned.out())
        .startsWith("DENIED local/acme-net-monitor@")
        .contains(
            "claims: DENY: no claim policy statement governs scope \"local/acme-net-monitor\"");
    ok(gate("--scope", "local/acme"));
    ok(gate("--scope", "acme"));
    oneLineError(
        gate("--scope", "local/ACME"), 2, "--scope \"local/ACME\" is not a registry scope");
    ok(
        MainTest.run(
            "claim",
            "list",
            "--oci-layout",
            "--config",
            f.config.toString(),
            "--scope",
            "local/acme",
            consumer + ":v1"));
  }

  @Test
  void aBrokenClaimPolicyNamesTheStatementAndTheProperty() throws Exception {
    publishAndCopy();
    Files.writeString(
        f.config.resolve("claimpolicy.json"),
        CliFixture.claimPolicy("[\"*\"]", "enforce")
            .replace("\"maxAge\"", "\"x\"")
            .replace("\"precedence\"", "\"precedense\""));
    MainTest.Result r = gate();
    oneLineError(r, 1, "claim policy statement \"acme-prod\"", "precedense");
    oneLineError(
        MainTest.run(
            "claim", "list", "--oci-layout", "--config", f.config.toString(), consumer + ":v1"),
        1,
        "precedense");
    oneLineError(
        gate("--claim-policy", dir.resolve("nope.json").toString()),
        2,
        "--claim-policy " + dir.resolve("nope.json") + " does not exist");
  }

  @Test
  void usageErrorsOfClaimAddAreOneLineAndExitTwo() throws Exception {
    String[] base = args("claim", "add", "--oci-layout", publisher + ":v1");
    oneLineError(
        MainTest.run(concat(concat(base, "--type", "sarif", scan.toString()), wabbit())),
        2,
        "--type \"sarif\" is not a claim content type");
    oneLineError(
        MainTest.run(
            concat(concat(base, "--type", ClaimTypes.STATEMENT, scan.toString()), wabbit())),
        2,
        "--type \"" + ClaimTypes.STATEMENT + "\"");
    Path missing = dir.resolve("missing.json");
    oneLineError(
        MainTest.run(
            concat(concat(base, "--type", CliFixture.SARIF, missing.toString()), wabbit())),
        2,
        "FILE: " + missing + " does not exist");
    oneLineError(
        MainTest.run(concat(concat(base, "--type", CliFixture.SARIF, dir.toString()), wabbit())),
        2,
        dir + " is not a regular file");
    Path big = dir.resolve("big.json");
    try (RandomAccessFile raf = new RandomAccessFile(big.toFile(), "rw")) {
      raf.setLength(ClaimIssuer.MAX_PAYLOAD_BYTES + 1L);
    }
    oneLineError(
        MainTest.run(concat(concat(base, "--type", CliFixture.SARIF, big.toString()), wabbit())),
        2,
        big + " is larger than the limit of " + ClaimIssuer.MAX_PAYLOAD_BYTES + " bytes");
    oneLineError(
        MainTest.run(
            concat(concat(base, "--type", ClaimTypes.APPROVAL, scan.toString()), wabbit())),
        2,
        scan + " is not an approval");
    oneLineError(
        MainTest.run(
            concat(
                base,
                "--type",
                CliFixture.SARIF,
                scan.toString(),
                "--key",
                f.wabbitKey.toString(),
                "--cert",
                f.wabbitCert.toString(),
                "--issuer",
                "wabbit")),
        2,
        "--issuer \"wabbit\" is not a URI");
    oneLineError(
        MainTest.run(
            concat(
                base,
                "--type",
                CliFixture.SARIF,
                scan.toString(),
                "--key",
                f.acmeKey.toString(),
                "--cert",
                f.wabbitCert.toString(),
                "--issuer",
                CliFixture.WABBIT_ISS)),
        2,
        "does not match the certificate");
    MainTest.Result noIssuer =
        MainTest.run(concat(base, "--type", CliFixture.SARIF, scan.toString()));
    assertThat(noIssuer.status()).isEqualTo(2);
    assertThat(noIssuer.err()).contains("Missing required option: '--issuer=ISS'");
    // nothing was attached
    assertThat(OciLayout.open(publisher).referrers(image.descriptor(), null)).isEmpty();
  }

  @Test
  void usageErrorsOfClaimApproveListAndVerifyAreOneLineAndExitTwo() throws Exception {
    publishAndCopy();
    oneLineError(
        approve("--environment", "prod", "--until", "tomorrow"),
        2,
        "--until \"tomorrow\" is not an RFC 3339 time");
    oneLineError(
        approve("--environment", "prod", "--until", "2020-01-01T00:00:00Z"),
        2,
        "is not in the future");
    oneLineError(
        approve("--environment", "pro d"), 2, "--environment: environment \"pro d\" is not a name");
    oneLineError(approve("--environment", "prod", "--environment", "prod"), 2, "repeat a name");
    MainTest.Result noEnv = approve();
    assertThat(noEnv.status()).isEqualTo(2);
    assertThat(noEnv.err()).contains("Missing required option: '--environment=ENV'");
    ok(
        approve(
            "--environment",
            "prod",
            "--environment",
            "staging",
            "--until",
            "2999-01-01T00:00:00+02:00"));

    oneLineError(
        MainTest.run("claim", "list", "--oci-layout", "-o", "xml", consumer + ":v1"),
        2,
        "unknown output 'xml'");
    oneLineError(
        MainTest.run("claim", "list", "--oci-layout", "--environment", "a b", consumer + ":v1"),
        2,
        "--environment \"a b\"");
    oneLineError(gate("-o", "yaml"), 2, "unknown output 'yaml'");
    oneLineError(
        MainTest.run(
            "verify",
            "--oci-layout",
            "--config",
            f.config.toString(),
            "--claim-policy",
            f.config.resolve("claimpolicy.json").toString(),
            consumer + ":v1"),
        2,
        "--claim-policy needs --environment");
    MainTest.Result bare = MainTest.run("claim");
    assertThat(bare.status()).isEqualTo(2);
    assertThat(bare.err())
        .startsWith("Missing command: add, approve, lifecycle, list, deployed or deployments");
  }

  @Test
  void helpListsEveryOption() {
    assertThat(MainTest.run("--help").out()).contains("sign").contains("claim");
    assertThat(MainTest.run("claim", "--help").out())
        .contains("add")
        .contains("approve")
        .contains("list");
    String key = "--key=FILE|NAME";
    assertThat(MainTest.run("sign", "--help").out())
        .contains(
            key,
            "--cert=FILE",
            "--config=DIR",
            "--timestamp-url=URL",
            "--timestamp-root-cert=FILE",
            "--image-spec",
            "--user-metadata",
            "--oci-layout",
            "--plain-http");
    assertThat(MainTest.run("claim", "add", "--help").out())
        .contains(
            "--type=MEDIATYPE",
            "FILE",
            "--issuer=ISS",
            key,
            "--cert=FILE",
            "--config=DIR",
            "--timestamp-url=URL",
            "--oci-layout");
    assertThat(MainTest.run("claim", "approve", "--help").out())
        .contains(
            "--environment=ENV",
            "--reject",
            "--until=TIME",
            "--reason=TEXT",
            "--issuer=ISS",
            key,
            "--cert=FILE");
    assertThat(MainTest.run("claim", "list", "--help").out())
        .contains(
            "--environment=ENV",
            "--claim-policy=FILE",
            "--output",
            "--format",
            "--scope=SCOPE",
            "--config=DIR");
    assertThat(MainTest.run("verify", "--help").out())
        .contains(
            "--environment=ENV",
            "--claim-policy=FILE",
            "--output",
            "--scope=SCOPE",
            "--config=DIR",
            "--verbose");
  }
}
