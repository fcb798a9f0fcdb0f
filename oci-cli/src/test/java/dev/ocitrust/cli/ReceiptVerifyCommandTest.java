package dev.ocitrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocitrust.claims.ClaimReceipts;
import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.OciLayout;
import dev.ocitrust.cose.CoseHeaders;
import dev.ocitrust.cose.HeaderLabel;
import dev.ocitrust.cose.MerkleTree;
import dev.ocitrust.cose.Rfc9162InclusionProof;
import dev.ocitrust.cose.Sign1Signer;
import dev.ocitrust.cose.TransparentStatement;
import dev.ocitrust.testkit.TestCertificate;
import dev.ocitrust.testkit.TestVectors;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ocitrust receipt verify} on the production Transparent Statement of shared/vectors/scitt
 * (a CCF receipt, vds 2) with the service's certificates: verified with the right ones, refused
 * (exit 1) with the others, usage errors exit 2.
 */
class ReceiptVerifyCommandTest {
  private static final String ISS = "esrp-cts-db.confidential-ledger.azure.com";
  @TempDir Path dir;

  private Path statement() {
    return TestVectors.require("scitt")
        .resolve("scitt-ccf-ledger/transparent_statements/uvm_0.2.10.cose");
  }

  private Path certs(String name, int... indices) throws Exception {
    JsonNode db =
        new ObjectMapper().readTree(statement().resolveSibling("esrp-cts-db.json").toFile());
    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    List<X509Certificate> out = new ArrayList<>();
    for (int i : indices) {
      byte[] der =
          Base64.getDecoder()
              .decode(db.get("parameters").get(i).get("serviceCertificate").asText());
      out.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der)));
    }
    return CliFixture.writeChain(out, dir.resolve(name));
  }

  @Test
  void theCcfReceiptVerifiesWithTheServiceCertificates() throws Exception {
    Path certs = certs("esrp.pem", 4, 5, 6, 7);
    MainTest.Result r =
        MainTest.run(
            "receipt",
            "verify",
            statement().toString(),
            "--service-cert",
            certs.toString(),
            "--service",
            "esrp",
            "--issuer",
            ISS);
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("1 of 1 receipt(s) verified")
        .contains("embedded[0]: verified, receipt from esrp (CCF_LEDGER_SHA256 (2), iss " + ISS)
        .contains("ce:458.12440:");
    MainTest.Result json =
        MainTest.run(
            "receipt",
            "verify",
            statement().toString(),
            "--service-cert",
            certs.toString(),
            "-o",
            "json");
    assertThat(json.status()).isZero();
    JsonNode j = new ObjectMapper().readTree(json.out());
    assertThat(j.get(0).get("receipts").get(0).get("verified").asBoolean()).isTrue();
  }

  @Test
  void otherKeysOrAnotherIssuerExitOne() throws Exception {
    MainTest.Result wrongKeys =
        MainTest.run(
            "receipt",
            "verify",
            statement().toString(),
            "--service-cert",
            certs("old.pem", 0, 1, 2, 3).toString());
    assertThat(wrongKeys.status()).isEqualTo(1);
    assertThat(wrongKeys.out())
        .contains("0 of 1 receipt(s) verified")
        .contains("has the receipt's kid");
    MainTest.Result wrongIss =
        MainTest.run(
            "receipt",
            "verify",
            statement().toString(),
            "--service-cert",
            certs("esrp.pem", 7).toString(),
            "--issuer",
            "https://ts.example");
    assertThat(wrongIss.status()).isEqualTo(1);
    assertThat(wrongIss.out()).contains("expected \"https://ts.example\"");
  }

  /** A vds-1 receipt for {@code entry} as the only leaf of a log, signed by {@code by}. */
  private static byte[] receipt(TestCertificate by, byte[] entry) throws Exception {
    byte[] proof = new Rfc9162InclusionProof(1, 0, List.of()).encode();
    byte[] vdp = new byte[4 + proof.length];
    vdp[0] = (byte) 0xa1; // {-1: [proof]}
    vdp[1] = 0x20;
    vdp[2] = (byte) 0x81;
    vdp[3] = (byte) (0x40 | proof.length);
    System.arraycopy(proof, 0, vdp, 4, proof.length);
    return Sign1Signer.builder(by.privateKey())
        .protectedHeaders(CoseHeaders.builder().put(HeaderLabel.VDS, 1).build())
        .unprotectedHeaders(CoseHeaders.builder().putEncoded(HeaderLabel.VDP, vdp).build())
        .detached(true)
        .build()
        .sign(MerkleTree.leafHash(entry));
  }

  @Test
  void aReceiptAttachedToAClaimInALayoutVerifiesAndClaimListShowsIt() throws Exception {
    Path layout = dir.resolve("net-monitor");
    TestImages.push(OciLayout.open(layout), "net-monitor", "v1");
    CliFixture f = new CliFixture(dir);
    Path scan = Files.writeString(dir.resolve("scan.sarif"), "{\"version\":\"2.1.0\",\"runs\":[]}");
    MainTest.Result add =
        MainTest.run(
            "claim",
            "add",
            "--oci-layout",
            layout + ":v1",
            "--type",
            CliFixture.SARIF,
            scan.toString(),
            "--key",
            f.wabbitKey.toString(),
            "--cert",
            f.wabbitCert.toString(),
            "--issuer",
            CliFixture.WABBIT_ISS);
    assertThat(add.status()).as(add.err()).isZero();
    OciLayout l = OciLayout.open(layout);
    Descriptor image = l.resolve("v1");
    Descriptor claim = l.referrers(image, CliFixture.SARIF).get(0);
    byte[] statement = ClaimReceipts.statement(l, claim).orElseThrow();
    TestCertificate ts = TestCertificate.builder().subject("CN=acme-ts").build();
    Path receipt =
        Files.write(
            dir.resolve("receipt.cbor"),
            receipt(ts, TransparentStatement.parse(statement).entry()));
    Path tsCert = CliFixture.writeChain(List.of(ts.certificate()), dir.resolve("ts.pem"));
    MainTest.Result attach =
        MainTest.run(
            "attach",
            "--oci-layout",
            layout + "@" + claim.digest(),
            "--artifact-type",
            "application/scitt-receipt+cose",
            receipt + ":application/scitt-receipt+cose");
    assertThat(attach.status()).as(attach.err()).isZero();

    MainTest.Result r =
        MainTest.run(
            "receipt",
            "verify",
            "--oci-layout",
            layout + ":v1",
            "--service-cert",
            tsCert.toString(),
            "--service",
            "acme-ts");
    assertThat(r.status()).as(r.out() + r.err()).isZero();
    assertThat(r.out())
        .contains("claim " + claim.digest() + ": 1 of 1 receipt(s) verified")
        .contains("referrer sha256:")
        .contains("verified, receipt from acme-ts (RFC9162_SHA256 (1), leaf 0 of 1");
    MainTest.Result other =
        MainTest.run(
            "receipt",
            "verify",
            "--oci-layout",
            layout + ":v1",
            "--service-cert",
            f.wabbitCert.toString());
    assertThat(other.status()).isEqualTo(1);

    Files.delete(f.config.resolve("claimpolicy.json"));
    MainTest.Result list =
        MainTest.run(
            "claim", "list", "--oci-layout", "--config", f.config.toString(), layout + ":v1");
    assertThat(list.status()).as(list.err()).isZero();
    assertThat(list.out())
        .contains("    receipt referrer sha256:")
        .contains("not verified, no trusted service: receipt (vds RFC9162_SHA256 (1))");
  }

  @Test
  void withoutKeysItIsAUsageError() {
    MainTest.Result r = MainTest.run("receipt", "verify", statement().toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("--service-keys FILE or --service-cert PEM");
  }
}
