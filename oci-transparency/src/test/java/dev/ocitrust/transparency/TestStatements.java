package dev.ocitrust.transparency;

import dev.ocitrust.cose.ScittStatementSigner;
import dev.ocitrust.testkit.TestCertificate;
import java.nio.charset.StandardCharsets;

/** Signed statements for the tests. */
final class TestStatements {
  static final String ISSUER = "https://wabbit-networks.example";
  static final String SUBJECT = "pkg:oci/net-monitor@sha256%3A" + "ab".repeat(32);
  static final TestCertificate SIGNER =
      TestCertificate.leafUnderIntermediate(TestCertificate.ecKeyPair("secp256r1"));

  private TestStatements() {}

  static byte[] statement(String issuer, String text) throws Exception {
    return ScittStatementSigner.builder(SIGNER.privateKey())
        .certificateChain(SIGNER.chain())
        .issuer(issuer)
        .subject(SUBJECT)
        .contentType("text/plain")
        .build()
        .sign(text.getBytes(StandardCharsets.UTF_8));
  }
}
