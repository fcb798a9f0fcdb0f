package dev.ocitrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.ImageManifest;
import dev.ocitrust.client.RegistryClient;
import dev.ocitrust.client.Repository;
import dev.ocitrust.cose.HeaderLabel;
import dev.ocitrust.cose.UnverifiedSign1;
import dev.ocitrust.testkit.PeerCli;
import dev.ocitrust.testkit.PeerResult;
import dev.ocitrust.testkit.RegistryExtension;
import dev.ocitrust.transparency.RegistrationPolicy;
import dev.ocitrust.transparency.TransparencyService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenario's claims registered with the local transparency service over HTTP ({@code claim add
 * --register}), the graph copied with {@code copy -r} from one docker-registry to another, and the
 * receipts checked at the destination with the service stopped: each copied statement still carries
 * its receipt (394), the claims still verify ({@code claim list}), and every receipt verifies
 * offline with the service's key set saved before it stopped, by an independent implementation
 * (@transmute/cose); a receipt moved onto another claim does not.
 */
class TransparentClaimsCopyIT {
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

    Path keys = tmp.resolve("ts-keys.cbor");
    try (TransparencyService ts =
        TransparencyService.builder(tmp.resolve("ts"))
            .issuer("https://transparency.localhost")
            .policy(RegistrationPolicy.builder().allowIssuer(CliFixture.WABBIT_ISS).build())
            .build()) {
      String[] wabbit = {
        "--key",
        f.wabbitKey.toString(),
        "--cert",
        f.wabbitCert.toString(),
        "--issuer",
        CliFixture.WABBIT_ISS,
        "--register",
        ts.uri().toString(),
        "--plain-http"
      };
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
              "application/vnd.wabbit.test-report+json",
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
    List<byte[]> statements = statements(consumer);
    assertThat(statements).hasSize(2);
    for (int i = 0; i < statements.size(); i++) {
      byte[] s = statements.get(i);
      List<byte[]> r =
          UnverifiedSign1.parse(s)
              .unprotectedHeaders()
              .bytesList(HeaderLabel.of(394))
              .orElseThrow();
      assertThat(r).hasSize(1);
      Path file = Files.write(tmp.resolve("claim-" + i + ".cose"), s);
      PeerResult v = transmute.run("verify", file.toString(), keys.toString());
      assertThat(v.exitCode()).as(v.describe()).isZero();
      assertThat(v.stdout()).startsWith("verified 1 receipt(s)");
    }
    // a statement changed after registration (one bit of its signature) is another entry
    byte[] changed = statements.get(0).clone();
    changed[changed.length - 1] ^= 1;
    Path other = Files.write(tmp.resolve("changed.cose"), changed);
    PeerResult v = transmute.run("verify", other.toString(), keys.toString());
    assertThat(v.exitCode()).as(v.describe()).isEqualTo(1);

    MainTest.Result listed = ok("claim", "list", "--plain-http", consumer);
    assertThat(listed.out()).contains("claims: 2");
  }

  /** The statement layers of the claims on {@code reference}, read with the SDK. */
  private static List<byte[]> statements(String reference) throws Exception {
    List<byte[]> out = new ArrayList<>();
    try (RegistryClient client =
        RegistryClient.builder().insecurePlainHttpForLoopback(true).build()) {
      Repository repo = client.repository(reference);
      Descriptor artifact =
          repo.resolve(reference.substring(reference.lastIndexOf(':') + 1)).basic();
      for (Descriptor d : repo.referrers(artifact, null)) {
        if (repo.fetchManifest(d) instanceof ImageManifest m
            && m.layers().size() == 1
            && m.layers().get(0).mediaType().equals("application/scitt-statement+cose")) {
          out.add(repo.fetchBytes(m.layers().get(0), 4 << 20));
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
