package dev.ocitrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ocitrust.client.OciLayout;
import dev.ocitrust.cose.NotaryEnvelopeSigner;
import dev.ocitrust.policy.NotarySigner;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
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

    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair keys = ec.generateKeyPair();
    X509Certificate leaf = selfSigned(keys, "CN=wabbit-networks.io,O=Notary,ST=WA,C=US");
    NotarySigner.builder(NotaryEnvelopeSigner.builder(keys.getPrivate(), List.of(leaf)).build())
        .build()
        .sign(layout, "v1");

    Path config = dir.resolve("notation");
    Path store = Files.createDirectories(config.resolve("truststore/x509/ca/wabbit"));
    try (JcaPEMWriter pem = new JcaPEMWriter(Files.newBufferedWriter(store.resolve("root.pem")))) {
      pem.writeObject(leaf);
    }
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
    assertThat(rejected.out()).startsWith("REJECTED").contains("no signature");

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

  private static X509Certificate selfSigned(KeyPair keys, String subject) throws Exception {
    X500Name name = new X500Name(subject);
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            name,
            BigInteger.TEN,
            Date.from(now.minus(Duration.ofHours(1))),
            Date.from(now.plus(Duration.ofDays(1))),
            name,
            keys.getPublic());
    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
    b.addExtension(
        Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_codeSigning));
    return new JcaX509CertificateConverter()
        .getCertificate(
            b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
  }
}
