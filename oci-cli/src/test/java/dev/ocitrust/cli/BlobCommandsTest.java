package dev.ocitrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ocitrust blob sign} and {@code blob verify}: a signature file beside the blob, the global
 * and a named statement of {@code trustpolicy.blob.json}, media type and user metadata, a tampered
 * blob, and the usage errors.
 */
class BlobCommandsTest {
  @TempDir Path dir;
  private CliFixture f;
  private Path blob;

  @BeforeEach
  void setUp() throws Exception {
    f = new CliFixture(dir);
    blob = Files.writeString(dir.resolve("net-monitor.tar"), "net-monitor v1\n");
    Files.writeString(
        f.config.resolve("trustpolicy.blob.json"),
        "{\"version\":\"1.0\",\"trustPolicies\":["
            + "{\"name\":\"wabbit\",\"globalPolicy\":true,\"signatureVerification\":{\"level\":"
            + "\"strict\"},\"trustStores\":[\"ca:wabbit\"],\"trustedIdentities\":[\"x509.subject:"
            + " C=US, ST=WA, O=wabbit-networks.example\"]},"
            + "{\"name\":\"acme-only\",\"signatureVerification\":{\"level\":\"strict\"},"
            + "\"trustStores\":[\"ca:acme\"],\"trustedIdentities\":[\"*\"]}]}");
  }

  private MainTest.Result sign(String... extra) {
    String[] base = {
      "blob",
      "sign",
      "--key",
      f.wabbitKey.toString(),
      "--cert",
      f.wabbitCert.toString(),
      "--signature-directory",
      dir.toString()
    };
    String[] args = new String[base.length + extra.length + 1];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    args[args.length - 1] = blob.toString();
    return MainTest.run(args);
  }

  private MainTest.Result verify(String... extra) {
    String[] base = {
      "blob", "verify", "--config", f.config.toString(), "--signature", sig().toString()
    };
    String[] args = new String[base.length + extra.length + 1];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    args[args.length - 1] = blob.toString();
    return MainTest.run(args);
  }

  private Path sig() {
    return dir.resolve("net-monitor.tar.cose.sig");
  }

  @Test
  void signsBesideTheBlobAndVerifiesUnderTheGlobalStatement() {
    MainTest.Result signed = sign("--media-type", "application/x-tar", "-m", "release=v1");
    assertThat(signed.status()).as(signed.err()).isZero();
    assertThat(signed.out())
        .isEqualTo("Successfully signed " + blob + "\nSignature file written to " + sig() + "\n");

    MainTest.Result ok = verify("--media-type", "application/x-tar", "-m", "release=v1");
    assertThat(ok.status()).as(ok.err()).isZero();
    assertThat(ok.out())
        .startsWith("Successfully verified signature " + sig() + " of " + blob)
        .contains("(application/x-tar sha256:")
        .contains("verified under blob trust policy statement \"wabbit\" (level strict)");
  }

  @Test
  void wrongMetadataMediaTypeOrBytesAreRejectedWithExitOne() throws Exception {
    assertThat(sign("-m", "release=v1").status()).isZero();

    MainTest.Result meta = verify("-m", "release=v2");
    assertThat(meta.status()).isEqualTo(1);
    assertThat(meta.err())
        .startsWith("Error: signature verification failed for " + blob)
        .contains("release=v2 (found release=v1)");

    MainTest.Result type = verify("--media-type", "application/x-tar");
    assertThat(type.status()).isEqualTo(1);
    assertThat(type.err())
        .contains("media type mismatch: the signature signs application/octet-stream");

    Files.writeString(blob, "net-monitor v2\n");
    MainTest.Result tampered = verify();
    assertThat(tampered.status()).isEqualTo(1);
    assertThat(tampered.err()).contains("digest mismatch");
  }

  @Test
  void aNamedStatementDecides() {
    assertThat(sign().status()).isZero();
    MainTest.Result r = verify("--policy-name", "acme-only");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).contains("authenticity failed");

    MainTest.Result unknown = verify("--policy-name", "nope");
    assertThat(unknown.status()).isEqualTo(1);
    assertThat(unknown.err())
        .isEqualTo("Error: no applicable blob trust policy with name \"nope\"\n");
  }

  @Test
  void usageErrors() throws Exception {
    assertThat(sign().status()).isZero();
    MainTest.Result again = sign();
    assertThat(again.status()).isEqualTo(2);
    assertThat(again.err()).contains(sig() + " already exists; pass --force to replace it");
    assertThat(sign("--force").status()).isZero();

    MainTest.Result noSig =
        MainTest.run("blob", "verify", "--config", f.config.toString(), blob.toString());
    assertThat(noSig.status()).isEqualTo(2);
    assertThat(noSig.err()).contains("Missing required option: '--signature=SIGNATURE'");

    MainTest.Result badType = sign("--force", "--media-type", "tar");
    assertThat(badType.status()).isEqualTo(2);
    assertThat(badType.err()).contains("media type \"tar\" is not of the form type/subtype");

    Files.delete(f.config.resolve("trustpolicy.blob.json"));
    MainTest.Result noPolicy = verify();
    assertThat(noPolicy.status()).isEqualTo(1);
    assertThat(noPolicy.err()).contains("the blob trust policy is not present");
  }
}
