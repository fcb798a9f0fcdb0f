package dev.ocitrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ocitrust.client.OciLayout;
import dev.ocitrust.cose.NotaryEnvelopeSigner;
import dev.ocitrust.policy.NotarySigner;
import dev.ocitrust.testkit.TestCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ocitrust verify} on an OCI layout against a notation-style configuration folder. */
class VerifyCommandTest {
  @TempDir Path dir;

  @Test
  void verifiesASignedArtifactAndRejectsAnUnsignedOne() throws Exception {
    Path layoutDir = dir.resolve("net-monitor");
    OciLayout layout = OciLayout.open(layoutDir);
    TestImages.push(layout, "signed", "v1");
    TestImages.push(layout, "unsigned", "v2");

    TestCertificate leaf =
        TestCertificate.builder().subject("CN=wabbit-networks.io,O=Notary,ST=WA,C=US").build();
    NotarySigner.builder(
            NotaryEnvelopeSigner.builder(leaf.privateKey(), List.of(leaf.certificate())).build())
        .build()
        .sign(layout, "v1");

    Path config = dir.resolve("notation");
    leaf.writePem(config.resolve("truststore/x509/ca/wabbit/root.pem"));
    Files.writeString(
        config.resolve("trustpolicy.json"),
        "{\"version\":\"1.0\",\"trustPolicies\":[{\"name\":\"wabbit\","
            + "\"registryScopes\":[\"local/net-monitor\"],"
            + "\"signatureVerification\":{\"level\":\"strict\"},"
            + "\"trustStores\":[\"ca:wabbit\"],"
            + "\"trustedIdentities\":[\"x509.subject: C=US, ST=WA, O=Notary\"]}]}");

    MainTest.Result ok =
        MainTest.run("verify", "--oci-layout", "--config", config.toString(), layoutDir + ":v1");
    assertThat(ok.status()).as(ok.out() + ok.err()).isZero();
    assertThat(ok.out()).startsWith("VERIFIED local/net-monitor@v1");

    MainTest.Result rejected =
        MainTest.run("verify", "--oci-layout", "--config", config.toString(), layoutDir + ":v2");
    assertThat(rejected.status()).isEqualTo(1);
    assertThat(rejected.out()).isEmpty();
    assertThat(rejected.err()).startsWith("REJECTED").contains("no signature");

    MainTest.Result wrongScope =
        MainTest.run(
            "verify",
            "--oci-layout",
            "--scope",
            "other",
            "--config",
            config.toString(),
            layoutDir + ":v1");
    assertThat(wrongScope.status()).isEqualTo(1);
    assertThat(wrongScope.err()).contains("local/other");
  }

  @Test
  void aRejectedVerdictGoesToStandardErrorWithEachReasonOnce() throws Exception {
    Path layoutDir = dir.resolve("net-monitor");
    OciLayout layout = OciLayout.open(layoutDir);
    TestImages.push(layout, "signed", "v1");
    TestCertificate stranger =
        TestCertificate.builder().subject("CN=stranger.example,O=Stranger,ST=WA,C=US").build();
    // the same signature twice (one signing time: the same bytes, one referrer)
    Clock signingTime = Clock.fixed(Instant.now(), ZoneOffset.UTC);
    for (int i = 0; i < 2; i++) {
      NotarySigner.builder(
              NotaryEnvelopeSigner.builder(stranger.privateKey(), List.of(stranger.certificate()))
                  .clock(signingTime)
                  .build())
          .build()
          .sign(layout, "v1");
    }
    TestCertificate trusted =
        TestCertificate.builder().subject("CN=wabbit-networks.io,O=Notary,ST=WA,C=US").build();
    Path config = dir.resolve("notation");
    trusted.writePem(config.resolve("truststore/x509/ca/wabbit/root.pem"));
    Files.writeString(
        config.resolve("trustpolicy.json"),
        "{\"version\":\"1.0\",\"trustPolicies\":[{\"name\":\"wabbit\","
            + "\"registryScopes\":[\"local/net-monitor\"],"
            + "\"signatureVerification\":{\"level\":\"strict\"},"
            + "\"trustStores\":[\"ca:wabbit\"],"
            + "\"trustedIdentities\":[\"x509.subject: C=US, ST=WA, O=Notary\"]}]}");

    MainTest.Result rejected =
        MainTest.run("verify", "--oci-layout", "--config", config.toString(), layoutDir + ":v1");
    String reason = "no certificate of its chain is in the trust stores [ca:wabbit]";
    assertThat(rejected.status()).isEqualTo(1);
    assertThat(rejected.out()).isEmpty();
    assertThat(rejected.err())
        .startsWith("REJECTED local/net-monitor@v1: signature verification failed")
        .endsWith(reason + "\n");
    assertThat(rejected.err().lines()).hasSize(1);
    assertThat(rejected.err().split(Pattern.quote(reason), -1)).hasSize(2);

    MainTest.Result verbose =
        MainTest.run(
            "verify", "-v", "--oci-layout", "--config", config.toString(), layoutDir + ":v1");
    assertThat(verbose.status()).isEqualTo(1);
    assertThat(verbose.out()).isEmpty();
    assertThat(verbose.err()).contains("integrity [enforce] PASSED").contains(" rejected\n");
    assertThat(verbose.err().split(Pattern.quote(reason), -1)).hasSize(2);
  }
}
