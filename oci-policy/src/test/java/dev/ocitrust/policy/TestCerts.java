package dev.ocitrust.policy;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Certificates generated with BouncyCastle for trust-store and identity tests. */
final class TestCerts {
  private static final AtomicLong SERIAL = new AtomicLong(1000);

  private TestCerts() {}

  static KeyPair keyPair() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  /** An issued (or, when issuerKey is the subject's key, self-signed) certificate. */
  static X509Certificate cert(
      String subject,
      PublicKey subjectKey,
      String issuer,
      PrivateKey issuerKey,
      boolean ca,
      int keyUsage)
      throws Exception {
    return cert(new X500Name(subject), subjectKey, new X500Name(issuer), issuerKey, ca, keyUsage);
  }

  static X509Certificate cert(
      X500Name subject,
      PublicKey subjectKey,
      X500Name issuer,
      PrivateKey issuerKey,
      boolean ca,
      int keyUsage)
      throws Exception {
    Instant now = Instant.now();
    X509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            issuer,
            BigInteger.valueOf(SERIAL.incrementAndGet()),
            Date.from(now.minus(Duration.ofDays(1))),
            Date.from(now.plus(Duration.ofDays(365))),
            subject,
            subjectKey);
    if (ca) {
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    }
    if (keyUsage != 0) {
      b.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
    }
    return new JcaX509CertificateConverter()
        .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
  }

  static X509Certificate selfSignedRoot(String subject) throws Exception {
    KeyPair k = keyPair();
    return cert(
        subject,
        k.getPublic(),
        subject,
        k.getPrivate(),
        true,
        KeyUsage.keyCertSign | KeyUsage.cRLSign);
  }

  static X509Certificate selfSignedLeaf(String subject) throws Exception {
    KeyPair k = keyPair();
    return cert(subject, k.getPublic(), subject, k.getPrivate(), false, KeyUsage.digitalSignature);
  }

  static X509Certificate leafWithSubject(X500Name subject) throws Exception {
    KeyPair k = keyPair();
    return cert(subject, k.getPublic(), subject, k.getPrivate(), false, KeyUsage.digitalSignature);
  }

  static String pem(X509Certificate... certs) throws Exception {
    StringBuilder sb = new StringBuilder();
    for (X509Certificate c : certs) {
      sb.append("-----BEGIN CERTIFICATE-----\n")
          .append(Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(c.getEncoded()))
          .append("\n-----END CERTIFICATE-----\n");
    }
    return sb.toString();
  }
}
