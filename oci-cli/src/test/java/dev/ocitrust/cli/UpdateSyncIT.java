package dev.ocitrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocitrust.claims.ClaimTypes;
import dev.ocitrust.testkit.PeerCli;
import dev.ocitrust.testkit.RegistryExtension;
import dev.ocitrust.testkit.RegistryServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole update story across two docker-registry processes through {@code Main.run}: the
 * consumer syncs the publisher's signed and scanned artifact into its registry and approves it; a
 * re-sync sends only listing requests; the publisher attaches a revocation; {@code sync} brings it
 * (exit 3: the verdict changed), oras sees it in the consumer's registry, and the gate there now
 * denies.
 */
class UpdateSyncIT {
  @RegisterExtension static RegistryExtension publisherRegistry = RegistryExtension.plain();
  @RegisterExtension static RegistryExtension consumerRegistry = RegistryExtension.plain();

  private static final Pattern ACCESS =
      Pattern.compile("^\\S+ - \\S+ \\[[^\\]]*\\] \"(\\S+) (\\S+) [^\"]*\" (\\d{3}) ");

  @TempDir Path tmp;
  private CliFixture f;
  private PeerCli oras;

  @BeforeEach
  void setUp() throws Exception {
    f = new CliFixture(tmp);
    f.addLifecycleRule();
    Files.writeString(tmp.resolve("app.txt"), "net-monitor v1");
    oras = PeerCli.of("oras").withDirectory(tmp);
  }

  private static MainTest.Result run(int status, String... args) {
    MainTest.Result r = MainTest.run(args);
    assertThat(r.status()).as(String.join(" ", args) + "\n" + r.out() + r.err()).isEqualTo(status);
    return r;
  }

  private static String[] concat(String[] a, String... b) {
    List<String> all = new ArrayList<>(List.of(a));
    all.addAll(List.of(b));
    return all.toArray(String[]::new);
  }

  /** The requests (method and path) a registry served, from its access log. */
  private static List<String> requests(RegistryServer server) {
    List<String> out = new ArrayList<>();
    for (String line : server.log().split("\n", -1)) {
      Matcher m = ACCESS.matcher(line);
      if (m.find()) {
        out.add(m.group(1) + " " + m.group(2));
      }
    }
    return out;
  }

  private String[] sync(String publisher, String consumer) {
    return new String[] {
      "sync",
      "--from-plain-http",
      "--to-plain-http",
      "--config",
      f.config.toString(),
      "--environment",
      "prod",
      publisher,
      consumer
    };
  }

  @Test
  void aRevocationAttachedByThePublisherIsSyncedAndTheGateDenies() throws Exception {
    RegistryServer a = publisherRegistry.server();
    RegistryServer b = consumerRegistry.server();
    String publisher = a.host() + "/wabbit/net-monitor:v1";
    String consumerRepo = b.host() + "/acme/net-monitor";
    String consumer = consumerRepo + ":v1";
    String[] wabbit = {
      "--key",
      f.wabbitKey.toString(),
      "--cert",
      f.wabbitCert.toString(),
      "--issuer",
      CliFixture.WABBIT_ISS
    };
    oras.runOk(
        "push",
        "--plain-http",
        publisher,
        "--artifact-type",
        "application/vnd.wabbit.app",
        "app.txt");
    run(
        0,
        "sign",
        "--plain-http",
        "--key",
        f.wabbitKey.toString(),
        "--cert",
        f.wabbitCert.toString(),
        publisher);
    Path scan = Files.writeString(tmp.resolve("scan.sarif"), "{\"version\":\"2.1.0\",\"runs\":[]}");
    run(
        0,
        concat(
            concat(new String[] {"claim", "add", "--plain-http"}, wabbit),
            "--type",
            CliFixture.SARIF,
            publisher,
            scan.toString()));

    // the consumer's first sync copies it whole; it approves it and the gate allows it
    MainTest.Result first = run(0, sync(publisher, consumerRepo));
    assertThat(first.out()).contains("copied, 2 referrer(s) arrived, tagged v1");
    run(
        0,
        "claim",
        "approve",
        "--plain-http",
        "--key",
        f.acmeKey.toString(),
        "--cert",
        f.acmeCert.toString(),
        "--issuer",
        CliFixture.ACME_ISS,
        "--environment",
        "prod",
        consumer);
    String[] gate = {
      "verify", "--plain-http", "--config", f.config.toString(), "--environment", "prod", consumer
    };
    run(0, gate);

    // a re-sync where nothing changed sends only listings: no manifest or blob is read or written
    int markA = requests(a).size();
    int markB = requests(b).size();
    MainTest.Result again = run(0, sync(publisher, consumerRepo));
    assertThat(again.out()).contains("): up to date");
    List<String> atA = requests(a).subList(markA, requests(a).size());
    List<String> atB = requests(b).subList(markB, requests(b).size());
    assertThat(atA).allMatch(r -> r.startsWith("GET ") || r.startsWith("HEAD "));
    assertThat(atB).allMatch(r -> r.startsWith("GET ") || r.startsWith("HEAD "));
    assertThat(atA).noneMatch(r -> r.contains("/blobs/"));
    assertThat(atB).noneMatch(r -> r.contains("/blobs/"));
    // A: the tag, the artifact's fallback tag, the tag listing that rules out its referrers
    // (under 8 referrers: each referrer's fallback tag instead); B: the artifact, its tag, its
    // fallback tag
    assertThat(atA.size()).as(String.join("\n", atA)).isLessThanOrEqualTo(6);
    assertThat(atB.size()).as(String.join("\n", atB)).isLessThanOrEqualTo(4);

    // the publisher revokes it; the sync brings the revocation and says the verdict changed
    run(
        0,
        concat(
            concat(new String[] {"claim", "lifecycle", "--plain-http"}, wabbit),
            "--state",
            "revoked",
            "--reason",
            "compromised build",
            publisher));
    MainTest.Result synced = run(SyncCommand.VERDICT_CHANGED, sync(publisher, consumerRepo));
    assertThat(synced.out())
        .contains("1 referrer(s) arrived")
        .contains("+ lifecycle " + ClaimTypes.LIFECYCLE)
        .contains("wabbit declared it revoked (compromised build) [effective]")
        .contains("verdict for prod: ALLOW -> DENY (changed)");
    JsonNode discovered =
        new ObjectMapper()
            .readTree(
                oras.runOk("discover", "--plain-http", "--format", "json", consumer).stdout());
    List<String> types = new ArrayList<>();
    discovered.withArray("referrers").forEach(n -> types.add(n.get("artifactType").asText()));
    assertThat(types).contains(ClaimTypes.LIFECYCLE);

    MainTest.Result denied = run(1, gate);
    assertThat(denied.out()).contains("DENIED").contains("wabbit declared it revoked");
    // and the next sync has nothing more to bring
    assertThat(run(0, sync(publisher, consumerRepo)).out()).contains("): up to date");
  }
}
