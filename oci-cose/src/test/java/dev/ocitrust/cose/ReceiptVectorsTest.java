package dev.ocitrust.cose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocitrust.testkit.TestVectors;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The SCITT vectors of shared/vectors/scitt and shared/vectors/cose-wg/cose-receipts give the
 * outcomes their SOURCES.md states: the production CCF receipt (vds 2) verifies with the service
 * keys chosen by kid, its mutations fail, the legacy receipt is not a COSE Receipt, and the RFC
 * 9942 examples parse with the proof maths the notes recomputed.
 */
class ReceiptVectorsTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final String CCF_ISSUER = "esrp-cts-db.confidential-ledger.azure.com";

  private static Path scitt() {
    return TestVectors.require("scitt").resolve("scitt-ccf-ledger");
  }

  static byte[] uvm() throws IOException {
    return Files.readAllBytes(scitt().resolve("transparent_statements/uvm_0.2.10.cose"));
  }

  static List<X509Certificate> serviceCertificates(int... indices) throws Exception {
    JsonNode db =
        new ObjectMapper()
            .readTree(scitt().resolve("transparent_statements/esrp-cts-db.json").toFile());
    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    List<X509Certificate> out = new ArrayList<>();
    JsonNode params = db.get("parameters");
    for (int i : indices) {
      byte[] der = Base64.getDecoder().decode(params.get(i).get("serviceCertificate").asText());
      out.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der)));
    }
    return out;
  }

  static ReceiptVerifier ccfVerifier(int... indices) throws Exception {
    return ReceiptVerifier.builder(
            "esrp", ServiceKeys.fromCertificates(serviceCertificates(indices)))
        .issuer(CCF_ISSUER)
        .build();
  }

  @Test
  void theProductionCcfReceiptVerifiesWithTheServiceKeys() throws Exception {
    TransparentStatement ts = TransparentStatement.parse(uvm());
    assertThat(ts.receipts()).hasSize(1);
    assertThat(HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(ts.entry())))
        .isEqualTo("a60138fb1591fe6c433b41128b0349cf3636bce74fc8c2e7140bc13b74612649");
    UnverifiedReceipt r = UnverifiedReceipt.parse(ts.receipts().get(0));
    assertThat(r.verifiableDataStructure()).contains(VerifiableDataStructure.CCF_LEDGER_SHA256);
    assertThat(r.issuer()).contains(CCF_ISSUER);
    assertThat(r.subject()).contains("scitt.ccf.signature.v1");

    VerifiedReceipt v = ccfVerifier(0, 1, 2, 3, 4, 5, 6, 7).verify(ts);
    assertThat(HEX.formatHex(v.root()))
        .isEqualTo("9a9b439497b18eed7d5a1f3177c3206cb221e12e46e6f66bac935c62053b0466");
    assertThat(v.ledgerEvidence().orElseThrow()).startsWith("ce:458.12440:");
    assertThat(v.issuedAt().orElseThrow().getEpochSecond()).isEqualTo(1766437888L);
    assertThat(v.verifiableDataStructure()).isEqualTo(VerifiableDataStructure.CCF_LEDGER_SHA256);
    // entries 4-7 are one key under four certificates; each alone verifies
    for (int i = 4; i <= 7; i++) {
      ccfVerifier(i).verify(ts);
    }
  }

  @Test
  void keysWhoseKidDoesNotMatchAreNotTried() throws Exception {
    TransparentStatement ts = TransparentStatement.parse(uvm());
    assertThatThrownBy(() -> ccfVerifier(0, 1, 2, 3).verify(ts))
        .isInstanceOf(ReceiptException.class)
        .hasMessageContaining("no key of esrp has the receipt's kid \"");
  }

  @Test
  void anotherIssuerIsRejected() throws Exception {
    TransparentStatement ts = TransparentStatement.parse(uvm());
    ReceiptVerifier other = ccfVerifier(7).toBuilder().issuer("https://ts.example").build();
    assertThatThrownBy(() -> other.verify(ts))
        .hasMessageContaining("iss is \"" + CCF_ISSUER + "\", expected \"https://ts.example\"");
  }

  @Test
  void theFileAsIsIsNotTheEntry() throws Exception {
    byte[] file = uvm();
    UnverifiedReceipt r =
        UnverifiedReceipt.parse(TransparentStatement.parse(file).receipts().get(0));
    assertThatThrownBy(() -> ccfVerifier(7).verify(r, file))
        .isInstanceOf(MerkleProofException.class)
        .hasMessageContaining("is not SHA-256 of the entry");
  }

  @Test
  void otherUnprotectedHeadersDoNotChangeTheEntry() throws Exception {
    TransparentStatement ts = TransparentStatement.parse(uvm());
    UnverifiedSign1 m = ts.message();
    CoseHeaders extra =
        m.unprotectedHeaders().toBuilder().put(HeaderLabel.of("note"), "added later").build();
    byte[] changed = ReceiptMutations.withUnprotected(m, extra);
    TransparentStatement ts2 = TransparentStatement.parse(changed);
    assertThat(ts2.entry()).isEqualTo(ts.entry());
    ccfVerifier(7).verify(ts2);
  }

  @Test
  void everyBitOfTheCcfReceiptMatters() throws Exception {
    TransparentStatement ts = TransparentStatement.parse(uvm());
    byte[] receipt = ts.receipts().get(0);
    ReceiptVerifier v = ccfVerifier(4, 5, 6, 7);
    byte[] entry = ts.entry();
    int accepted =
        ReceiptMutations.acceptedBitFlips(
            receipt, r -> v.verify(UnverifiedReceipt.parse(r), entry));
    assertThat(accepted).isZero();
  }

  @Test
  void everyBitOfTheStatementEntryMatters() throws Exception {
    TransparentStatement ts = TransparentStatement.parse(uvm());
    UnverifiedReceipt r = UnverifiedReceipt.parse(ts.receipts().get(0));
    ReceiptVerifier v = ccfVerifier(7);
    // flipping every bit of a 5.5 kB entry costs 44,000 verifications; every 7th bit covers
    // every byte of it
    int accepted = ReceiptMutations.acceptedBitFlips(ts.entry(), 7, e -> v.verify(r, e));
    assertThat(accepted).isZero();
  }

  @Test
  void vdsChangedToOneIsRejected() throws Exception {
    TransparentStatement ts = TransparentStatement.parse(uvm());
    byte[] changed = ReceiptMutations.withVds(ts.receipts().get(0), 1);
    assertThatThrownBy(() -> ccfVerifier(7).verify(UnverifiedReceipt.parse(changed), ts.entry()))
        .isInstanceOf(CoseException.class);
    byte[] unknown = ReceiptMutations.withVds(ts.receipts().get(0), 3);
    assertThatThrownBy(() -> ccfVerifier(7).verify(UnverifiedReceipt.parse(unknown), ts.entry()))
        .isInstanceOf(ReceiptException.class)
        .hasMessageContaining("unsupported verifiable data structure (vds 3)");
  }

  @Test
  void theLegacyReceiptIsNotACoseReceipt() throws Exception {
    byte[] file = Files.readAllBytes(scitt().resolve("payloads/cts-hashv-cwtclaims-b64url.cose"));
    TransparentStatement ts = TransparentStatement.parse(file);
    assertThat(ts.receipts()).hasSize(1);
    assertThatThrownBy(() -> UnverifiedReceipt.parse(ts.receipts().get(0)))
        .isInstanceOf(CoseFormatException.class)
        .hasMessageStartingWith("not a COSE Receipt");
    assertThatThrownBy(() -> ccfVerifier(7).verify(ts))
        .isInstanceOf(ReceiptException.class)
        .hasMessageContaining("receipt 0: not a COSE Receipt");
    assertThat(HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(ts.entry())))
        .isEqualTo("a33b22cdda47a6440bc2502d29e0393aae9340c35c5d3495e85ee4fee3be014c");
  }

  @Test
  void signedStatementsWithoutReceiptsHaveThemselvesAsEntry() throws Exception {
    String[][] files = {
      {
        "cosesign1tool-scitt-a3be7e5.cose",
        "de70e2f03ded5bce590f2842875244438d225bbd28470f9d1d5a292d05e52790"
      },
      {
        "css-attested-cosesign1-20250617.cose",
        "6abb6ee53fe0b82f2ff058ba3a610145be223e12aa9949d78e45051064dba3d6"
      },
      {
        "css-attested-cosesign1-20250812.cose",
        "c6fb182e62082a79463eb3551b8e44b1a3c8c54f05d3607f89db9b3e6a729ed5"
      },
      {
        "css-attested-cosesign1-20250925.cose",
        "efb9039fb6c77a79e8a50fe0f6aa306be135323debbc01bd052b55860e8fd8cb"
      },
      {
        "css-attested-cosesign1-20260302.cose",
        "8c0d6133ae06cd4f8cc87c38be9fcda740162c34fa805553525ebccfd87a5c55"
      },
      {
        "cts-hashv-cwtclaims-b64url.cose",
        "d78d16e09c6900baca373de6cb23169519228968444119856134ef762aa4215f"
      },
    };
    for (String[] f : files) {
      byte[] bytes = Files.readAllBytes(scitt().resolve("payloads").resolve(f[0]));
      TransparentStatement ts = TransparentStatement.parse(bytes);
      assertThat(HEX.formatHex(MerkleTree.leafHash(ts.entry()))).as(f[0]).isEqualTo(f[1]);
      ReceiptVerifier v = ccfVerifier(7);
      assertThatThrownBy(() -> v.verify(ts)).as(f[0]).isInstanceOf(ReceiptException.class);
    }
  }

  @Test
  void theRfc9942ExamplesParseAndTheirProofsFit() throws Exception {
    Path dir = TestVectors.require("cose-wg").resolve("cose-receipts");
    UnverifiedReceipt inc =
        UnverifiedReceipt.parse(Files.readAllBytes(dir.resolve("inclusion-receipt.cbor")));
    UnverifiedReceipt con =
        UnverifiedReceipt.parse(Files.readAllBytes(dir.resolve("consistency-receipt.cbor")));
    assertThat(inc.verifiableDataStructure()).contains(VerifiableDataStructure.RFC9162_SHA256);
    assertThat(inc.issuer()).contains("https://transparency-service.example.com");
    assertThat(inc.keyId().orElseThrow())
        .isEqualTo("test-key-1".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    Rfc9162InclusionProof ip = inc.rfc9162InclusionProofs().get(0);
    assertThat(ip.treeSize()).isEqualTo(5);
    assertThat(ip.leafIndex()).isEqualTo(3);
    Rfc9162ConsistencyProof cp = con.rfc9162ConsistencyProofs().get(0);
    assertThat(cp.treeSize1()).isEqualTo(3);
    assertThat(cp.treeSize2()).isEqualTo(5);
    // leaf 3 is c1 (SOURCES.md §3); its inclusion root is the newer root of the consistency proof
    byte[] leaf3 = cp.path().get(1);
    byte[] root5 = ip.rootFor(leaf3);
    assertThat(HEX.formatHex(root5))
        .isEqualTo("895731b5a570ea1967dd7804b5f43146175f9ac87d1565985de3ecf09c98589c");
    byte[] root3 = HEX.parseHex("688928db5e565af2fb9b29db5cce83de0e0352a0f0c671b450b9dc86bed2de3c");
    cp.verify(root3, root5);
    assertThat(ip.encode()).isEqualTo(inc.inclusionProofs().get(0));
  }
}
