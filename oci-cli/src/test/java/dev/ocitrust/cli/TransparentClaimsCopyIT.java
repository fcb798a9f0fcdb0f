package dev.ocitrust.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ocitrust.claims.ClaimReceipts;
import dev.ocitrust.claims.ReceiptCheck;
import dev.ocitrust.claims.TrustedService;
import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.ImageManifest;
import dev.ocitrust.client.RegistryClient;
import dev.ocitrust.client.Repository;
import dev.ocitrust.cose.ReceiptException;
import dev.ocitrust.cose.ReceiptVerifier;
import dev.ocitrust.cose.ServiceKeys;
import dev.ocitrust.cose.TransparentStatement;
import dev.ocitrust.cose.VerifiedReceipt;
import dev.ocitrust.testkit.PeerCli;
import dev.ocitrust.testkit.PeerResult;
import dev.ocitrust.testkit.RegistryExtension;
import dev.ocitrust.transparency.RegistrationPolicy;
import dev.ocitrust.transparency.TransparencyService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenario's claims registered with the local transparency service over HTTP ({@code claim add
 * --register}), the graph copied with {@code copy -r} from one docker-registry to another, and the
 * receipts checked at the destination with the service stopped, with the service's key set saved
 * before it stopped: each copied statement still carries its receipt (394) and it verifies offline
 * with the SDK ({@link ReceiptVerifier}, {@link ClaimReceipts}), with the real {@code bin/ocitrust
 * receipt verify}, and with an independent implementation (@transmute/cose); a changed statement's
 * receipt does not. The deployment gate with a claim policy whose {@code requireReceipt} rule names
 * the service allows the copy, and denies it once a claim of a listed type without a receipt is
 * added.
 */
class TransparentClaimsCopyIT {
  private static final String TS_ISS = "https://transparency.localhost";
  private static final String TEST_REPORT = "application/vnd.wabbit.test-report+json";

  @RegisterExtension static RegistryExtension publisherRegistry = RegistryExtension.plain();
  @RegisterExtension static RegistryExtension consumerRegistry = RegistryExtension.plain();

  @TempDir Path tmp;

  private static MainTest.Result ok(String... args) {
    MainTest.Result r = MainTest.run(args);
    assertThat(r.status()).as(String.join(" ", args) + "\n" + r.out() + r.err()).isZero();
    return r;
  }

  @Test
  void receiptsTravelWithCopyAndVerifyOfflineAtTheDestination() throws Exception {
    CliFixture f = new CliFixture(tmp);
    PeerCli transmute = PeerCli.of("transmute-receipts");
    String publisher = publisherRegistry.server().host() + "/wabbit/net-monitor:v1";
    String consumer = consumerRegistry.server().host() + "/acme/net-monitor:v1";
    Path app = Files.writeString(tmp.resolve("app.txt"), "net-monitor v1");
    Path scan = Files.writeString(tmp.resolve("scan.sarif"), "{\"version\":\"2.1.0\",\"runs\":[]}");
    Path report = Files.writeString(tmp.resolve("test-report.json"), "{\"passed\":12}");
    ok(
        "push",
        "--plain-http",
        "--artifact-type",
        "application/vnd.wabbit.app",
        publisher,
        app.toString());
    String[] key = {"--key", f.wabbitKey.toString(), "--cert", f.wabbitCert.toString()};
    String[] signer = concat(key, "--issuer", CliFixture.WABBIT_ISS);
    ok(concat(concat(new String[] {"sign", "--plain-http"}, key), publisher));

    Path keys = tmp.resolve("ts-keys.cbor");
    try (TransparencyService ts =
        TransparencyService.builder(tmp.resolve("ts"))
            .issuer(TS_ISS)
            .policy(RegistrationPolicy.builder().allowIssuer(CliFixture.WABBIT_ISS).build())
            .build()) {
      String[] wabbit = concat(signer, "--register", ts.uri().toString(), "--plain-http");
      MainTest.Result added =
          ok(
              concat(
                  concat(new String[] {"claim", "add"}, wabbit),
                  "--type",
                  CliFixture.SARIF,
                  publisher,
                  scan.toString()));
      assertThat(added.out()).contains("Registered with " + ts.uri() + " (receipt embedded)");
      ok(
          concat(
              concat(new String[] {"claim", "add"}, wabbit),
              "--type",
              TEST_REPORT,
              publisher,
              report.toString()));
      assertThat(ts.size()).isEqualTo(2);
      // a statement from an issuer the service does not allow is refused, and nothing is attached
      MainTest.Result refused =
          MainTest.run(
              "claim",
              "add",
              "--key",
              f.acmeKey.toString(),
              "--cert",
              f.acmeCert.toString(),
              "--issuer",
              CliFixture.ACME_ISS,
              "--register",
              ts.uri().toString(),
              "--plain-http",
              "--type",
              CliFixture.SARIF,
              publisher,
              scan.toString());
      assertThat(refused.status()).isEqualTo(1);
      assertThat(refused.err()).contains("HTTP 400 Rejected").contains(CliFixture.ACME_ISS);
      Files.write(keys, ts.keySet());
    }

    ok("copy", "-r", "--from-plain-http", "--to-plain-http", publisher, consumer);

    // the service is stopped: everything below is offline
    ServiceKeys serviceKeys = ServiceKeys.fromCoseKeySet(Files.readAllBytes(keys));
    ReceiptVerifier verifier =
        ReceiptVerifier.builder("local-ts", serviceKeys).issuer(TS_ISS).build();
    TrustedService trusted = new TrustedService("local-ts", Optional.of(TS_ISS), serviceKeys);
    List<Claim> claims = claims(consumer);
    assertThat(claims).hasSize(2);
    List<Long> leaves = new ArrayList<>();
    for (int i = 0; i < claims.size(); i++) {
      byte[] s = claims.get(i).statement();
      // the SDK: the embedded receipt, and the claim's receipts as the claim policy reads them
      TransparentStatement statement = TransparentStatement.parse(s);
      assertThat(statement.receipts()).hasSize(1);
      VerifiedReceipt v = verifier.verify(statement);
      assertThat(v.issuer()).contains(TS_ISS);
      assertThat(v.treeSize().orElseThrow()).isGreaterThan(v.leafIndex().orElseThrow());
      leaves.add(v.leafIndex().orElseThrow());
      List<ReceiptCheck> checks = sdkChecks(consumer, claims.get(i).descriptor(), trusted);
      assertThat(checks).hasSize(1);
      assertThat(checks.get(0).verified()).as(checks.get(0).text()).isTrue();
      // the independent implementation
      Path file = Files.write(tmp.resolve("claim-" + i + ".cose"), s);
      PeerResult t = transmute.run("verify", file.toString(), keys.toString());
      assertThat(t.exitCode()).as(t.describe()).isZero();
      assertThat(t.stdout()).startsWith("verified 1 receipt(s)");
    }
    assertThat(leaves).containsExactlyInAnyOrder(0L, 1L);
    // a statement changed after registration (one bit of its signature) is another entry
    byte[] changed = claims.get(0).statement().clone();
    changed[changed.length - 1] ^= 1;
    assertThatThrownBy(() -> verifier.verify(TransparentStatement.parse(changed)))
        .isInstanceOf(ReceiptException.class)
        .hasMessageContaining("no receipt of the statement verifies for local-ts");
    Path other = Files.write(tmp.resolve("changed.cose"), changed);
    PeerResult t = transmute.run("verify", other.toString(), keys.toString());
    assertThat(t.exitCode()).as(t.describe()).isEqualTo(1);

    // the command line, the real launcher: every claim of the copy has a receipt that verifies
    PeerResult cli =
        ocitrust()
            .run(
                "receipt",
                "verify",
                "--plain-http",
                "--service-keys",
                keys.toString(),
                "--service",
                "local-ts",
                "--issuer",
                TS_ISS,
                consumer);
    assertThat(cli.exitCode()).as(cli.describe()).isZero();
    for (Claim c : claims) {
      assertThat(cli.stdout())
          .contains("claim " + c.descriptor().digest() + ": 1 of 1 receipt(s) verified");
    }
    assertThat(cli.stdout()).contains("verified, receipt from local-ts (RFC9162_SHA256 (1), iss ");
    PeerResult otherService =
        ocitrust()
            .run(
                "receipt",
                "verify",
                "--plain-http",
                "--service-cert",
                f.wabbitCert.toString(),
                consumer);
    assertThat(otherService.exitCode()).as(otherService.describe()).isEqualTo(1);

    MainTest.Result listed = ok("claim", "list", "--plain-http", consumer);
    assertThat(listed.out()).contains("claims: 2");

    // the claim policy: both claim types must carry a receipt from the service
    Path policy =
        Files.writeString(tmp.resolve("claimpolicy.json"), receiptPolicy(Files.readAllBytes(keys)));
    String[] gate = {
      "verify",
      "--plain-http",
      "--config",
      f.config.toString(),
      "--claim-policy",
      policy.toString(),
      "--environment",
      "prod",
      consumer
    };
    MainTest.Result allowed = ok(gate);
    assertThat(allowed.out()).startsWith("ALLOWED ").contains("signature: VERIFIED");
    // a newer test report without a receipt (not registered) fails the rule: fail closed
    ok(
        concat(
            concat(new String[] {"claim", "add", "--plain-http"}, signer),
            "--type",
            TEST_REPORT,
            consumer,
            report.toString()));
    MainTest.Result denied = MainTest.run(gate);
    assertThat(denied.status()).as(denied.out() + denied.err()).isEqualTo(1);
    assertThat(denied.out())
        .startsWith("DENIED ")
        .contains("is not logged by local-ts: it carries no receipt");
  }

  /** The real launcher, {@code bin/ocitrust}. */
  private static PeerCli ocitrust() {
    return PeerCli.at(Checkout.root().resolve("bin/ocitrust")).withTimeout(Duration.ofMinutes(2));
  }

  /**
   * A claim policy for prod: Wabbit's scan is required, and Wabbit's scans and test reports count
   * only with a receipt from the local service (its COSE_KeySet {@code keySet}).
   */
  private static String receiptPolicy(byte[] keySet) {
    return "{\"version\":\"1.0\",\"claimPolicies\":[{\"name\":\"logged\","
        + "\"registryScopes\":[\"*\"],\"environments\":[\"prod\"],\"mode\":\"enforce\","
        + "\"issuers\":["
        + "{\"name\":\"local-ts\",\"role\":\"transparency-service\",\"iss\":[\""
        + TS_ISS
        + "\"],\"serviceKeys\":\""
        + Base64.getEncoder().encodeToString(keySet)
        + "\"},"
        + "{\"name\":\"wabbit\",\"role\":\"publisher\",\"iss\":[\""
        + CliFixture.WABBIT_ISS
        + "\"],\"trustStores\":[\"ca:wabbit\"],"
        + "\"trustedIdentities\":[\"x509.subject: C=US, ST=WA, O=wabbit-networks.example\"]}],"
        + "\"precedence\":[\"wabbit\"],"
        + "\"rules\":["
        + "{\"name\":\"scanned\",\"requireClaim\":{\"contentType\":\""
        + CliFixture.SARIF
        + "\",\"from\":[\"wabbit\"]}},"
        + "{\"name\":\"logged\",\"requireReceipt\":{\"contentTypes\":[\""
        + CliFixture.SARIF
        + "\",\""
        + TEST_REPORT
        + "\"],\"from\":[\"local-ts\"]}}]}]}";
  }

  /** One claim of the copy: its manifest and its statement. */
  private record Claim(Descriptor descriptor, byte[] statement) {}

  /** The receipts of {@code claim} on {@code reference}, checked with the SDK. */
  private static List<ReceiptCheck> sdkChecks(
      String reference, Descriptor claim, TrustedService service) throws Exception {
    try (RegistryClient client =
        RegistryClient.builder().insecurePlainHttpForLoopback(true).build()) {
      return ClaimReceipts.check(client.repository(reference), claim, List.of(service));
    }
  }

  /** The claims on {@code reference} and their statement layers, read with the SDK. */
  private static List<Claim> claims(String reference) throws Exception {
    List<Claim> out = new ArrayList<>();
    try (RegistryClient client =
        RegistryClient.builder().insecurePlainHttpForLoopback(true).build()) {
      Repository repo = client.repository(reference);
      Descriptor artifact =
          repo.resolve(reference.substring(reference.lastIndexOf(':') + 1)).basic();
      for (Descriptor d : repo.referrers(artifact, null)) {
        if (repo.fetchManifest(d) instanceof ImageManifest m
            && m.layers().size() == 1
            && m.layers().get(0).mediaType().equals("application/scitt-statement+cose")) {
          out.add(new Claim(d, repo.fetchBytes(m.layers().get(0), 4 << 20)));
        }
      }
    }
    return out;
  }

  private static String[] concat(String[] a, String... b) {
    List<String> all = new ArrayList<>(List.of(a));
    all.addAll(List.of(b));
    return all.toArray(String[]::new);
  }
}
