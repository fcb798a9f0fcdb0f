package dev.ocitrust.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.junit.jupiter.api.Test;

class TestCertificateTest {

  @Test
  void leafUnderIntermediateChainsToItsRoot() throws Exception {
    TestCertificate leaf = TestCertificate.leafUnderIntermediate(TestCertificate.rsaKeyPair(2048));
    assertThat(leaf.chain()).hasSize(3);
    assertThat(leaf.chain().get(1).getBasicConstraints()).isEqualTo(Integer.MAX_VALUE);
    assertThat(X500Name.getInstance(leaf.root().getSubjectX500Principal().getEncoded()))
        .isEqualTo(new X500Name("CN=Test Root,O=ocitrust,C=US"));
    assertThat(leaf.root().getPublicKey().getAlgorithm()).isEqualTo("EC");
    for (int i = 0; i < 2; i++) {
      leaf.chain().get(i).verify(leaf.chain().get(i + 1).getPublicKey());
    }
    assertThat(leaf.signatureAlgorithm()).isEqualTo("SHA256withRSA");
    assertThat(leaf.certificate().getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.3");
  }

  @Test
  void curvesTheJdkLacksComeFromBouncyCastle() {
    assertThat(TestCertificate.ecKeyPair("secp256k1").getPublic().getAlgorithm()).isEqualTo("EC");
    assertThat(TestCertificate.ecKeyPair("brainpoolP256r1").getPublic().getAlgorithm())
        .isEqualTo("EC");
  }

  @Test
  void keyIdentifiersLinkALeafToItsIssuer() {
    TestCertificate ca = TestCertificate.builder().certificateAuthority(0).keyIdentifiers().build();
    TestCertificate leaf =
        TestCertificate.builder().signedBy(ca).tlsServer("localhost").keyIdentifiers().build();
    assertThat(ca.certificate().getExtensionValue(Extension.subjectKeyIdentifier.getId()))
        .isNotNull();
    assertThat(ca.certificate().getExtensionValue(Extension.authorityKeyIdentifier.getId()))
        .isNull();
    assertThat(leaf.certificate().getExtensionValue(Extension.authorityKeyIdentifier.getId()))
        .isNotNull();
    assertThat(
            TestCertificate.builder()
                .build()
                .certificate()
                .getExtensionValue(Extension.subjectKeyIdentifier.getId()))
        .isNull();
  }

  @Test
  void aSubjectIsEncodedAsGiven() {
    // two values in one RDN, which the string form of subject() cannot make
    X500Principal name = new X500Principal("CN=a+OU=b, O=Acme, C=US");
    TestCertificate cert = TestCertificate.builder().subject(name).build();
    assertThat(cert.certificate().getSubjectX500Principal().getEncoded())
        .isEqualTo(name.getEncoded());
    assertThat(cert.certificate().getIssuerX500Principal()).isEqualTo(name);
    assertThat(X500Name.getInstance(name.getEncoded()).getRDNs()).anyMatch(RDN::isMultiValued);
  }

  @Test
  void thePrivateKeyPemIsPkcs8OfTheKey() throws Exception {
    TestCertificate cert = TestCertificate.builder().build();
    String pem = cert.privateKeyPem();
    assertThat(pem)
        .startsWith("-----BEGIN PRIVATE KEY-----\n")
        .endsWith("-----END PRIVATE KEY-----\n");
    byte[] der =
        Base64.getMimeDecoder()
            .decode(
                pem.replace("-----BEGIN PRIVATE KEY-----", "")
                    .replace("-----END PRIVATE KEY-----", ""));
    Signature s = Signature.getInstance(cert.signatureAlgorithm());
    s.initSign(KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der)));
    s.update(new byte[] {1});
    byte[] signature = s.sign();
    s.initVerify(cert.certificate().getPublicKey());
    s.update(new byte[] {1});
    assertThat(s.verify(signature)).isTrue();
    assertThat(TestCertificate.pem(List.of(cert.certificate()))).isEqualTo(cert.certificatePem());
  }
}
