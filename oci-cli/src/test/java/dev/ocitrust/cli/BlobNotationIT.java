package dev.ocitrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ocitrust.testkit.PeerCli;
import dev.ocitrust.testkit.PeerResult;
import dev.ocitrust.testkit.TestCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Blob signatures against notation-go: {@code notation-go-blob} (oci-testkit's peer over
 * notation-go's signer and verifier; the packaged notation CLI has no {@code blob} command) signs,
 * {@code ocitrust blob verify} verifies, and the other way round, with the RSA key of {@code
 * notation cert generate-test} (sha256 digests) and a P-384 key (sha384 digests); a tampered blob,
 * wrong user metadata and a wrong media type fail in both; a named statement's level decides in
 * both.
 */
class BlobNotationIT {
  private static final String WABBIT = "wabbit-networks.io";

  @TempDir Path tmp;
  private PeerCli notation;
  private PeerCli peer;
  private Path config;
  private Path blob;
  private Path key;
  private Path cert;

  @BeforeEach
  void setUp() throws Exception {
    Path xdg = tmp.resolve("xdg");
    config = xdg.resolve("notation");
    notation = PeerCli.of("notation").withDirectory(tmp).withEnv("XDG_CONFIG_HOME", xdg.toString());
    peer =
        PeerCli.of("notation-go-blob")
            .withDirectory(tmp)
            .withEnv("XDG_CONFIG_HOME", xdg.toString());
    notation.runOk("cert", "generate-test", "--default", WABBIT);
    key = config.resolve("localkeys/" + WABBIT + ".key");
    cert = config.resolve("localkeys/" + WABBIT + ".crt");
    blob = Files.writeString(tmp.resolve("net-monitor.tar"), "net-monitor v1 binaries\n");
    // global: strict, wabbit's store, any identity; "acme": strict, only an identity nobody has;
    // "acme-audit": the same at audit, where authenticity is only logged
    Files.writeString(
        config.resolve("trustpolicy.blob.json"),
        "{\"version\":\"1.0\",\"trustPolicies\":["
            + statement("wabbit", "strict", "*", true)
            + ","
            + statement(
                "acme", "strict", "x509.subject: C=US, ST=WA, O=ACME, CN=acme-rockets.io", false)
            + ","
            + statement(
                "acme-audit",
                "audit",
                "x509.subject: C=US, ST=WA, O=ACME, CN=acme-rockets.io",
                false)
            + "]}");
  }

  private static String statement(String name, String level, String identity, boolean global) {
    return "{\"name\":\""
        + name
        + "\","
        + (global ? "\"globalPolicy\":true," : "")
        + "\"signatureVerification\":{\"level\":\""
        + level
        + "\"},\"trustStores\":[\"ca:"
        + WABBIT
        + "\"],\"trustedIdentities\":[\""
        + identity
        + "\"]}";
  }

  private Path sig() {
    return tmp.resolve("net-monitor.tar.cose.sig");
  }

  private MainTest.Result ocitrustVerify(String... options) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "blob", "verify", "--config", config.toString(), "--signature", sig().toString()));
    args.addAll(List.of(options));
    args.add(blob.toString());
    return MainTest.run(args.toArray(String[]::new));
  }

  private PeerResult peerVerify(String... options) {
    List<String> args = new ArrayList<>(List.of("verify", "--signature", sig().toString()));
    args.addAll(List.of(options));
    args.add(blob.toString());
    return peer.run(args);
  }

  private static void ok(MainTest.Result r) {
    assertThat(r.status()).as(r.out() + r.err()).isZero();
  }

  private static void rejected(MainTest.Result r, String reason) {
    assertThat(r.status()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.err()).contains(reason);
  }

  private static void rejected(PeerResult r, String reason) {
    assertThat(r.ok()).as(r.describe()).isFalse();
    assertThat(r.stderr()).contains(reason);
  }

  /** Checks one signature in both verifiers: accepted as signed, and every mismatch rejected. */
  private void bothAcceptAndReject(String mediaType) throws Exception {
    ok(ocitrustVerify());
    ok(ocitrustVerify("--media-type", mediaType, "-m", "release=v1", "--policy-name", "wabbit"));
    PeerResult verified = peerVerify("--media-type", mediaType, "--user-metadata", "release=v1");
    assertThat(verified.ok()).as(verified.describe()).isTrue();
    assertThat(verified.stdout()).contains("Successfully verified");

    rejected(ocitrustVerify("-m", "release=v2"), "release=v2 (found release=v1)");
    rejected(peerVerify("--user-metadata", "release=v2"), "unable to find specified metadata");
    rejected(ocitrustVerify("--media-type", "text/plain"), "media type mismatch");
    rejected(peerVerify("--media-type", "text/plain"), "content descriptor mismatch");

    // a named statement: strict with an identity the signer lacks rejects, audit only logs it
    rejected(ocitrustVerify("--policy-name", "acme"), "authenticity failed");
    rejected(peerVerify("--policy-name", "acme"), "");
    MainTest.Result audit = ocitrustVerify("--policy-name", "acme-audit");
    ok(audit);
    assertThat(audit.err()).contains("Warning: authenticity was set to log and failed");
    PeerResult peerAudit = peerVerify("--policy-name", "acme-audit");
    assertThat(peerAudit.ok()).as(peerAudit.describe()).isTrue();
    assertThat(peerAudit.stderr()).contains("Warning: authenticity");

    byte[] original = Files.readAllBytes(blob);
    Files.writeString(blob, "net-monitor v1 binarieS\n");
    rejected(ocitrustVerify(), "digest mismatch");
    rejected(peerVerify(), "content descriptor mismatch");
    rejected(ocitrustVerify("--policy-name", "acme-audit"), "digest mismatch");
    Files.write(blob, original);
  }

  @Test
  void notationGoSignsAndOcitrustVerifies() throws Exception {
    peer.runOk(
        "sign",
        "--key",
        key.toString(),
        "--cert",
        cert.toString(),
        "--signature-format",
        "cose",
        "--media-type",
        "application/x-tar",
        "--user-metadata",
        "release=v1",
        "--signature-directory",
        tmp.toString(),
        blob.toString());
    assertThat(sig()).isRegularFile();
    bothAcceptAndReject("application/x-tar");
  }

  @Test
  void ocitrustSignsWithNotationsDefaultKeyAndNotationGoVerifies() throws Exception {
    MainTest.Result signed =
        MainTest.run(
            "blob",
            "sign",
            "--config",
            config.toString(),
            "--media-type",
            "application/x-tar",
            "-m",
            "release=v1",
            "--signature-directory",
            tmp.toString(),
            blob.toString());
    ok(signed);
    assertThat(signed.out()).contains("Signature file written to " + sig());
    bothAcceptAndReject("application/x-tar");
  }

  @Test
  void aP384KeySignsSha384DigestsThatBothVerify() throws Exception {
    CliFixture f = new CliFixture(tmp.resolve("fixture"));
    TestCertificate leaf =
        TestCertificate.builder()
            .subject(CliFixture.WABBIT_DN)
            .ec("secp384r1")
            .signedBy(f.wabbitRoot)
            .build();
    Path ecKey =
        CliFixture.writeKey(leaf.privateKey(), tmp.resolve("ec.key"), CliFixture.KeyFormat.PKCS8);
    Path ecCert = CliFixture.writeChain(leaf.chain(), tmp.resolve("ec.crt"));
    CliFixture.writeChain(
        List.of(f.wabbitRoot.certificate()),
        config.resolve("truststore/x509/ca/" + WABBIT + "/wabbit-root.pem"));

    ok(
        MainTest.run(
            "blob",
            "sign",
            "--key",
            ecKey.toString(),
            "--cert",
            ecCert.toString(),
            "--media-type",
            "application/x-tar",
            "-m",
            "release=v1",
            "--signature-directory",
            tmp.toString(),
            blob.toString()));
    PeerResult verified = peerVerify();
    assertThat(verified.ok()).as(verified.describe()).isTrue();
    assertThat(verified.stdout()).contains("sha384:");
    bothAcceptAndReject("application/x-tar");

    peer.runOk(
        "sign",
        "--key",
        ecKey.toString(),
        "--cert",
        ecCert.toString(),
        "--signature-format",
        "cose",
        "--media-type",
        "application/x-tar",
        "--user-metadata",
        "release=v1",
        "--signature-directory",
        tmp.toString(),
        blob.toString());
    MainTest.Result r = ocitrustVerify("-m", "release=v1");
    ok(r);
    assertThat(r.out()).contains("(application/x-tar sha384:");
  }
}
