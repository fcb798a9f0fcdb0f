package dev.ocitrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocitrust.testkit.TestVectors;
import java.io.ByteArrayInputStream;
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

  @Test
  void withoutKeysItIsAUsageError() {
    MainTest.Result r = MainTest.run("receipt", "verify", statement().toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("--service-keys FILE or --service-cert PEM");
  }
}
