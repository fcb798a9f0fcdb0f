package dev.ocitrust.cose;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ocitrust.testkit.TestVectors;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The certificate-requirement cases of shared/vectors/notary/x509 (outcomes from SOURCES.md). */
class NotaryCertificatesVectorsTest {

  private static Path x509() {
    return TestVectors.require("notary").resolve("x509");
  }

  private static List<X509Certificate> validChain() throws Exception {
    return Pem.certs(x509().resolve("codesigning-chain-valid.pem"));
  }

  @Test
  void validChainPasses() throws Exception {
    List<X509Certificate> chain = validChain(); // outside the lambda: a missing folder aborts
    assertThatCode(() -> NotaryCertificates.validateCodeSigningChain(chain, Optional.empty()))
        .doesNotThrowAnyException();
  }

  @Test
  void chainMustBeValidAtSigningTime() throws Exception {
    List<X509Certificate> chain = validChain();
    assertThatThrownBy(
            () ->
                NotaryCertificates.validateCodeSigningChain(
                    chain, Optional.of(Instant.parse("2021-07-07T20:48:42Z"))))
        .isInstanceOf(CertificateChainException.class)
        .hasMessageContaining("\"CN=CodeSigningLeaf\" was invalid at signing time");
  }

  @Test
  void chainOrderAndShapeRules() throws Exception {
    List<X509Certificate> c = validChain(); // leaf, int2, int1, root
    X509Certificate leaf = c.get(0);
    X509Certificate int2 = c.get(1);
    X509Certificate int1 = c.get(2);
    X509Certificate root = c.get(3);
    assertFails(
        List.of(leaf, int1, int2, root),
        "\"CN=CodeSigningLeaf\" is not issued by \"CN=Intermediate1\"");
    assertFails(
        List.of(leaf, int2, int1),
        "root certificate with subject \"CN=Intermediate1\" is invalid or not self-signed");
    assertFails(
        List.of(leaf, int2, int1, root, root),
        "intermediate certificate with subject \"CN=Root\" is self-signed");
    assertFails(
        List.of(root, root, root), "leaf certificate with subject \"CN=Root\" is self-signed");
    assertFails(List.of(leaf), "invalid self-signed certificate. subject: \"CN=CodeSigningLeaf\"");
    X509Certificate unrelated = Pem.certs(x509().resolve("codesigning-unrelated.pem")).get(0);
    assertFails(
        List.of(leaf, unrelated, int1, root),
        "invalid certificates or certificate with subject \"CN=CodeSigningLeaf\" is not issued by"
            + " \"CN=Hello\". Error: x509: invalid signature: parent certificate cannot sign this"
            + " kind of certificate");
    assertThatThrownBy(() -> NotaryCertificates.validateCodeSigningCa(root, 3))
        .isInstanceOf(CertificateChainException.class)
        .hasMessageContaining(
            "expected path length of 3 but certificate has path length 2 instead");
  }

  private static void assertFails(List<X509Certificate> chain, String message) {
    assertThatThrownBy(() -> NotaryCertificates.validateCodeSigningChain(chain, Optional.empty()))
        .isInstanceOf(CertificateChainException.class)
        .hasMessageContaining(message);
  }

  @TestFactory
  Stream<DynamicTest> singleCertificateCases() throws Exception {
    List<Pem.Entry> entries = Pem.read(x509().resolve("codesigning-single-cert-cases.pem"));
    org.assertj.core.api.Assertions.assertThat(entries).hasSize(13);
    return entries.stream()
        .map(
            e ->
                DynamicTest.dynamicTest(
                    e.comment().split(" \\| ")[0],
                    () -> {
                      String[] parts = e.comment().split(" \\| ", 3);
                      String expected = parts[2].substring("expected: ".length());
                      boolean asCa = parts[1].startsWith("as CA");
                      int pathLen = parts[1].contains("path len 3") ? 3 : 0;
                      if (expected.startsWith("VALID")) {
                        assertThatCode(() -> NotaryCertificates.validateCodeSigningLeaf(e.cert()))
                            .doesNotThrowAnyException();
                      } else if (asCa) {
                        assertThatThrownBy(
                                () -> NotaryCertificates.validateCodeSigningCa(e.cert(), pathLen))
                            .isInstanceOf(CertificateChainException.class)
                            .hasMessageContaining(expected);
                      } else {
                        assertThatThrownBy(
                                () -> NotaryCertificates.validateCodeSigningLeaf(e.cert()))
                            .isInstanceOf(CertificateChainException.class)
                            .hasMessageContaining(expected);
                      }
                    }));
  }

  @Test
  void timestampingChains() throws Exception {
    X509Certificate leaf = Pem.certs(x509().resolve("timestamp_leaf.crt")).get(0);
    X509Certificate intermediate = Pem.certs(x509().resolve("timestamp_intermediate.crt")).get(0);
    X509Certificate root = Pem.certs(x509().resolve("timestamp_root.crt")).get(0);
    assertThatCode(
            () ->
                NotaryCertificates.validateTimestampingChain(
                    List.of(leaf, intermediate, root), Optional.empty()))
        .doesNotThrowAnyException();
    assertThatThrownBy(
            () ->
                NotaryCertificates.validateTimestampingChain(
                    List.of(leaf, intermediate), Optional.empty()))
        .isInstanceOf(CertificateChainException.class)
        .hasMessageContaining("root certificate with subject \"CN=DigiCert Trusted G4 RSA4096");
    assertThatThrownBy(
            () ->
                NotaryCertificates.validateTimestampingChain(List.of(root, root), Optional.empty()))
        .isInstanceOf(CertificateChainException.class)
        .hasMessageContaining("leaf certificate with subject");
    // a time-stamping chain is not a code-signing chain (EKU timeStamping is banned there)
    assertThatThrownBy(
            () ->
                NotaryCertificates.validateCodeSigningChain(
                    List.of(leaf, intermediate, root), Optional.empty()))
        .isInstanceOf(CertificateChainException.class)
        .hasMessageContaining("TimeStamping");
  }

  @Test
  void minimumSelfSignedCertificateIsAOneCertificateChain() throws Exception {
    List<X509Certificate> one =
        Pem.certs(
            TestVectors.require("notary")
                .resolve(
                    "truststore/x509/ca/valid-trust-store-self-signed/openssl-minimum-self-signed.pem"));
    org.assertj.core.api.Assertions.assertThat(one).hasSize(1);
    assertThatCode(() -> NotaryCertificates.validateCodeSigningChain(one, Optional.empty()))
        .doesNotThrowAnyException();
  }
}
