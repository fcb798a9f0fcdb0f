package dev.ocitrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ocitrust.client.ImageManifest;
import dev.ocitrust.client.OciLayout;
import dev.ocitrust.client.RegistryClient;
import dev.ocitrust.cose.NotaryEnvelopeSigner;
import dev.ocitrust.graph.CopyOptions;
import dev.ocitrust.graph.GraphCopier;
import dev.ocitrust.policy.NotarySigner;
import dev.ocitrust.testkit.FaultTally;
import dev.ocitrust.testkit.RegistryServer;
import dev.ocitrust.testkit.TestCertificate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --registries-conf} and {@code --referrer-source} against real docker-registries: the
 * primary down with its mirror up (served from the mirror), and a mirror left alone with the
 * primary down under the default primary-required source (verification fails closed). Each is
 * counted into the fault table ({@link FaultTally}) from what the command printed: the manifest
 * compared with what was published, a failure by its exit status and its one-line error.
 */
class MirrorCliIT {
  @TempDir Path dir;

  private RegistryServer primary;
  private RegistryServer mirror;
  private Path conf;
  private Path notation;
  private String digest;
  private byte[] manifest;

  @BeforeEach
  void publish() throws Exception {
    primary = RegistryServer.builder().start();
    mirror = RegistryServer.builder().start();
    OciLayout layout = OciLayout.open(dir.resolve("build"));
    ImageManifest image = TestImages.push(layout, "mirrored", "v1");
    digest = image.descriptor().digest().toString();
    manifest = image.bytes();
    TestCertificate leaf =
        TestCertificate.builder().subject("CN=wabbit-networks.io,O=Notary,ST=WA,C=US").build();
    NotarySigner.builder(
            NotaryEnvelopeSigner.builder(leaf.privateKey(), List.of(leaf.certificate())).build())
        .build()
        .sign(layout, "v1");
    try (RegistryClient client =
        RegistryClient.builder().insecurePlainHttpForLoopback(true).build()) {
      GraphCopier copier = GraphCopier.create();
      copier.copy(layout, "v1", client.repository(primary.host() + "/app"), tagged());
      copier.copy(layout, "v1", client.repository(mirror.host() + "/cache/app"), tagged());
    }
    notation = dir.resolve("notation");
    leaf.writePem(notation.resolve("truststore/x509/ca/wabbit/root.pem"));
    Files.writeString(
        notation.resolve("trustpolicy.json"),
        "{\"version\":\"1.0\",\"trustPolicies\":[{\"name\":\"wabbit\","
            + "\"registryScopes\":[\""
            + primary.host()
            + "/app\"],"
            + "\"signatureVerification\":{\"level\":\"strict\"},"
            + "\"trustStores\":[\"ca:wabbit\"],"
            + "\"trustedIdentities\":[\"x509.subject: C=US, ST=WA, O=Notary\"]}]}");
    conf = dir.resolve("registries.conf");
    Files.writeString(
        conf,
        "[[registry]]\nprefix = \""
            + primary.host()
            + "/app\"\ninsecure = true\n\n[[registry.mirror]]\nlocation = \""
            + mirror.host()
            + "/cache/app\"\ninsecure = true\n");
  }

  private static CopyOptions tagged() {
    return CopyOptions.withReferrers().toBuilder().tag("v1").build();
  }

  @AfterEach
  void stop() {
    primary.close();
    mirror.close();
  }

  private MainTest.Result verify(String... extra) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "verify", "--registries-conf", conf.toString(), "--config", notation.toString()));
    args.addAll(List.of(extra));
    args.add(primary.host() + "/app:v1");
    return MainTest.run(args.toArray(String[]::new));
  }

  @Test
  void thePrimaryDownIsServedFromTheMirror() {
    MainTest.Result up = verify();
    assertThat(up.status()).as(up.out() + up.err()).isZero();
    assertThat(up.out())
        .startsWith("VERIFIED " + primary.host() + "/app@v1")
        .contains("listed from " + primary.host() + "/app (primary) [primary-required]");

    primary.close();
    MainTest.Result resolved =
        MainTest.run("resolve", "--registries-conf", conf.toString(), primary.host() + "/app:v1");
    assertThat(resolved.status()).as(resolved.err()).isZero();
    assertThat(resolved.out()).contains(digest);
    MainTest.Result fetched =
        MainTest.run(
            "manifest", "fetch", "--registries-conf", conf.toString(), primary.host() + "/app:v1");
    assertThat(fetched.status()).as(fetched.err()).isZero();
    assertThat(fetched.out()).contains("\"layers\"");

    MainTest.Result any = verify("--referrer-source", "any-available");
    long lost = FaultTally.bytesLost(manifest, fetched.out().getBytes(StandardCharsets.UTF_8));
    FaultTally.record(
        getClass(),
        "primary down, mirror up (ocitrust resolve, manifest fetch,"
            + " verify --referrer-source any-available)",
        resolved.status() == 0
                && resolved.out().strip().equals(digest)
                && fetched.status() == 0
                && lost == 0
                && any.status() == 0
                && any.out().startsWith("VERIFIED ")
            ? FaultTally.Outcome.SURVIVED
            : FaultTally.Outcome.UNTYPED_ERROR,
        lost);
    assertThat(any.status()).as(any.out() + any.err()).isZero();
    assertThat(any.out())
        .contains("listed from " + mirror.host() + "/cache/app (mirror) [any-available]")
        .contains("WARNING: not from the primary");
  }

  @Test
  void aMirrorAloneFailsClosedWhenThePrimaryIsRequired() {
    primary.close();
    MainTest.Result r = verify();
    MainTest.Result union = verify("--referrer-source", "union");
    FaultTally.record(
        getClass(),
        "stale mirror, primary down, ocitrust verify primary-required and union (fail closed)",
        failedTyped(
                    r,
                    "must be listed at the primary " + primary.host() + "/app",
                    "primary-required")
                && failedTyped(union, primary.host() + "/app", "referrer source union")
            ? FaultTally.Outcome.TYPED_ERROR
            : FaultTally.Outcome.UNTYPED_ERROR,
        0);
    assertThat(r.status()).as(r.out() + r.err()).isNotZero();
    assertThat(r.out()).doesNotContain("VERIFIED");
    assertThat(r.err())
        .contains("must be listed at the primary " + primary.host() + "/app")
        .contains("primary-required");
    assertThat(union.status()).isNotZero();
    assertThat(union.err()).contains("referrer source union");
  }

  /**
   * Whether the command failed as the CLI reports a typed error: exit status 1, nothing verified,
   * one line on standard error naming each of {@code named}, no stack trace.
   */
  private static boolean failedTyped(MainTest.Result r, String... named) {
    String err = r.err().strip();
    boolean namesAll = java.util.Arrays.stream(named).allMatch(err::contains);
    return r.status() == 1
        && !r.out().contains("VERIFIED")
        && err.startsWith("Error: ")
        && err.lines().count() == 1
        && namesAll;
  }

  @Test
  void badOptionsAndFilesAreUsageErrors() throws Exception {
    MainTest.Result source = verify("--referrer-source", "mirror-first");
    assertThat(source.status()).isNotZero();
    assertThat(source.err())
        .contains("--referrer-source must be primary-required, union or any-available");
    Files.writeString(conf, "[[registry]]\nlocation = \"a.example\"\nblockd = true\n");
    MainTest.Result typo = verify();
    assertThat(typo.status()).isNotZero();
    assertThat(typo.err()).contains(conf.toString()).contains("unknown key 'blockd'");
    Files.writeString(conf, "[[registry]]\nprefix = \"" + primary.host() + "\"\nblocked = true\n");
    MainTest.Result blocked = verify();
    assertThat(blocked.status()).isNotZero();
    assertThat(blocked.err()).contains("is blocked by the registry configuration");
  }
}
