package dev.ocitrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocitrust.client.ImageManifest;
import dev.ocitrust.client.OciLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenario's subsequent updates on OCI layouts: {@code claim lifecycle}, {@code sync} with its
 * exit status, and {@code verify --follow-redirect}; and their usage errors.
 */
class UpdateCommandsTest {
  @TempDir Path dir;
  private Path publisher;
  private Path consumer;
  private ImageManifest v1;
  private ImageManifest v2;
  private CliFixture f;
  private Path scan;

  @BeforeEach
  void setUp() throws Exception {
    publisher = dir.resolve("net-monitor");
    consumer = dir.resolve("acme-net-monitor");
    v1 = TestImages.push(OciLayout.open(publisher), "net-monitor v1", "v1");
    v2 = TestImages.push(OciLayout.open(publisher), "net-monitor v2", "v2");
    f = new CliFixture(dir);
    f.addLifecycleRule();
    scan = Files.writeString(dir.resolve("scan.sarif"), "{\"version\":\"2.1.0\",\"runs\":[]}");
    for (String tag : List.of("v1", "v2")) {
      ok(MainTest.run(concat(args("sign", "--oci-layout", publisher + ":" + tag), keys(true))));
      ok(
          MainTest.run(
              concat(
                  args(
                      "claim",
                      "add",
                      "--oci-layout",
                      publisher + ":" + tag,
                      "--type",
                      CliFixture.SARIF,
                      scan.toString()),
                  wabbit())));
    }
  }

  private static void ok(MainTest.Result r) {
    assertThat(r.status()).as(r.out() + r.err()).isZero();
  }

  private static void usage(MainTest.Result r, String... fragments) {
    assertThat(r.status()).as(r.out() + r.err()).isEqualTo(2);
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

  private String[] keys(boolean wabbit) {
    return args(
        "--key",
        (wabbit ? f.wabbitKey : f.acmeKey).toString(),
        "--cert",
        (wabbit ? f.wabbitCert : f.acmeCert).toString());
  }

  private String[] wabbit() {
    return concat(keys(true), "--issuer", CliFixture.WABBIT_ISS);
  }

  private String[] acme() {
    return concat(keys(false), "--issuer", CliFixture.ACME_ISS);
  }

  private MainTest.Result lifecycle(String tag, String... extra) {
    return MainTest.run(
        concat(
            concat(args("claim", "lifecycle", "--oci-layout", publisher + ":" + tag), wabbit()),
            extra));
  }

  private MainTest.Result sync(String... extra) {
    return MainTest.run(
        concat(
            args(
                "sync",
                "--from-oci-layout",
                "--to-oci-layout",
                "--config",
                f.config.toString(),
                "--environment",
                "prod"),
            extra));
  }

  private void approveInConsumer(String tag) {
    ok(
        MainTest.run(
            concat(
                args(
                    "claim",
                    "approve",
                    "--oci-layout",
                    consumer + ":" + tag,
                    "--environment",
                    "prod"),
                acme())));
  }

  @Test
  void aRevocationSyncedFromThePublisherChangesTheVerdictAndTheExitStatus() throws Exception {
    MainTest.Result first = sync(publisher + ":v1", consumer.toString());
    ok(first);
    assertThat(first.out())
        .contains("v1 (" + v1.descriptor().digest() + "): copied, 2 referrer(s) arrived, tagged v1")
        .contains("+ signature application/vnd.cncf.notary.signature")
        .contains("+ claim " + CliFixture.SARIF)
        .contains("verdict for prod: DENY");
    approveInConsumer("v1");

    MainTest.Result again = sync(publisher + ":v1", consumer.toString());
    ok(again);
    assertThat(again.out())
        .contains("v1 (" + v1.descriptor().digest() + "): up to date")
        .contains("1 artifact(s)")
        .contains("0 updated, 1 up to date; 0 verdict(s) changed");

    MainTest.Result revoked =
        lifecycle("v1", "--state", "revoked", "--successor", "v2", "--reason", "compromised");
    ok(revoked);
    assertThat(revoked.out())
        .startsWith("Declared " + publisher + ":v1 (" + v1.descriptor().digest() + ") revoked")
        .contains(", successor v2");

    MainTest.Result synced = sync(publisher + ":v1", consumer.toString());
    assertThat(synced.status()).as(synced.out() + synced.err()).isEqualTo(3);
    assertThat(synced.out())
        .contains("1 referrer(s) arrived")
        .contains("+ lifecycle application/vnd.ocitrust.lifecycle.v1+json")
        .contains("wabbit declared it revoked, successor v2 (compromised) [effective]")
        .contains("verdict for prod: ALLOW -> DENY (changed)")
        .contains("1 verdict(s) changed");

    // the gate in the consumer now denies v1; with --follow-redirect it verifies v2 in full
    MainTest.Result gate = verify(consumer + ":v1");
    assertThat(gate.status()).isEqualTo(1);
    assertThat(gate.out()).contains("successor: v2");
    MainTest.Result noSuccessor = verify(consumer + ":v1", "--follow-redirect");
    assertThat(noSuccessor.status()).isEqualTo(1);
    assertThat(noSuccessor.err())
        .contains("successor v2 of local/acme-net-monitor:v1 does not exist");

    ok(sync("--all-tags", publisher.toString(), consumer.toString()));
    MainTest.Result unapproved = verify(consumer + ":v1", "--follow-redirect");
    assertThat(unapproved.status()).isEqualTo(1);
    assertThat(unapproved.out())
        .contains(
            "redirect 1: local/acme-net-monitor:v1 -> successor local/acme-net-monitor@"
                + v2.descriptor().digest())
        .contains("no deployable successor: local/acme-net-monitor@" + v2.descriptor().digest());
    approveInConsumer("v2");
    MainTest.Result followed = verify(consumer + ":v1", "--follow-redirect");
    ok(followed);
    assertThat(followed.out())
        .contains("DENIED local/acme-net-monitor@" + v1.descriptor().digest())
        .contains("ALLOWED local/acme-net-monitor@" + v2.descriptor().digest())
        .contains("deploy: local/acme-net-monitor@" + v2.descriptor().digest());
    JsonNode json =
        new ObjectMapper()
            .readTree(verify(consumer + ":v1", "--follow-redirect", "-o", "json").out());
    assertThat(json.get("decision").asText()).isEqualTo("ALLOW");
    assertThat(json.get("redirects").asInt()).isEqualTo(1);
    assertThat(json.at("/deploy/digest").asText()).isEqualTo(v2.descriptor().digest().toString());
    assertThat(json.get("chain")).hasSize(2);
    assertThat(json.at("/chain/0/decision").asText()).isEqualTo("DENY");
    assertThat(json.at("/chain/0/claims/successor").asText()).isEqualTo("v2");
  }

  private MainTest.Result verify(String target, String... extra) {
    return MainTest.run(
        concat(
            args(
                "verify",
                "--oci-layout",
                "--config",
                f.config.toString(),
                "--environment",
                "prod",
                target),
            extra));
  }

  @Test
  void syncAsJsonSaysWhatArrivedAndWhetherTheVerdictChanged() throws Exception {
    ok(sync(publisher + ":v1", consumer.toString()));
    approveInConsumer("v1");
    ok(lifecycle("v1", "--state", "deprecated", "--effective", "2020-01-01T00:00:00Z"));
    MainTest.Result r = sync(publisher + ":v1", consumer.toString(), "-o", "json");
    assertThat(r.status()).as(r.err()).isEqualTo(3);
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertThat(json.get("verdictChanged").asBoolean()).isTrue();
    JsonNode a = json.at("/artifacts/0");
    assertThat(a.get("reference").asText()).isEqualTo("v1");
    assertThat(a.get("upToDate").asBoolean()).isFalse();
    assertThat(a.get("copied").asBoolean()).isFalse();
    assertThat(a.at("/arrived/0/kind").asText()).isEqualTo("lifecycle");
    assertThat(a.at("/lifecycle/0/state").asText()).isEqualTo("deprecated");
    assertThat(a.at("/lifecycle/0/effective").asText()).isEqualTo("2020-01-01T00:00:00Z");
    assertThat(a.at("/lifecycle/0/issuer").asText()).isEqualTo("wabbit");
    assertThat(a.get("verdictBefore").asText()).isEqualTo("ALLOW");
    assertThat(a.get("verdictAfter").asText()).isEqualTo("ALLOW_WITH_WARNINGS");
  }

  @Test
  void aFileListsTheReferencesToSync() throws Exception {
    Path list =
        Files.writeString(
            dir.resolve("refs.txt"), "# what we run\nv1\n\n" + v2.descriptor().digest() + "\n");
    MainTest.Result r =
        MainTest.run(
            "sync",
            "--from-oci-layout",
            "--to-oci-layout",
            "--from-file",
            list.toString(),
            publisher.toString(),
            consumer.toString());
    ok(r);
    assertThat(r.out())
        .contains("v1 (" + v1.descriptor().digest() + "): copied")
        .contains(v2.descriptor().digest() + " (" + v2.descriptor().digest() + "): copied")
        .contains("Synced 2 artifact(s)")
        .doesNotContain("verdict");
    assertThat(OciLayout.open(consumer).tags()).containsExactly("v1");
  }

  @Test
  void usageErrorsNameTheOptionAtFault() throws Exception {
    usage(lifecycle("v1", "--state", "retired"), "--state \"retired\" is not one of active");
    usage(lifecycle("v1", "--state", "revoked", "--effective", "soon"), "--effective \"soon\"");
    usage(
        lifecycle("v1", "--state", "revoked", "--advisory", "sa-1"),
        "--advisory \"sa-1\" is not an absolute URI");
    usage(
        sync("--all-tags", "--from-file", "x", publisher.toString(), consumer.toString()),
        "--all-tags and --from-file exclude each other");
    usage(
        sync(publisher.toString(), consumer.toString()),
        "names no tag or digest: add one, or pass --all-tags or --from-file");
    Path bad = Files.writeString(dir.resolve("bad.txt"), "v1\nnot a tag\n");
    usage(
        sync("--from-file", bad.toString(), publisher.toString(), consumer.toString()),
        "bad.txt line 2: \"not a tag\" is neither a tag nor a digest");
    usage(
        sync("--all-tags", publisher.toString(), consumer + ":v1"),
        "names a tag: sync one artifact to it, not several");
    usage(
        MainTest.run("verify", "--oci-layout", "--follow-redirect", consumer + ":v1"),
        "--follow-redirect needs --environment ENV");
  }
}
