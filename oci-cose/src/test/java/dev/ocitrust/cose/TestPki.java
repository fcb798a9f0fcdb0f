package dev.ocitrust.cose;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Builds test certificates with BouncyCastle. */
final class TestPki {
  static final Instant NOT_BEFORE = Instant.parse("2020-01-01T00:00:00Z");
  static final Instant NOT_AFTER = Instant.parse("2040-01-01T00:00:00Z");

  private TestPki() {}

  /** A certificate description. */
  record Spec(
      String subject,
      KeyPair keys,
      Integer pathLen,
      boolean ca,
      int keyUsage,
      boolean kuCritical,
      List<KeyPurposeId> eku,
      boolean ekuCritical,
      Instant notBefore,
      Instant notAfter) {
    static Spec leaf(String cn, KeyPair keys) {
      return new Spec(
          cn,
          keys,
          null,
          false,
          KeyUsage.digitalSignature,
          true,
          List.of(KeyPurposeId.id_kp_codeSigning),
          false,
          NOT_BEFORE,
          NOT_AFTER);
    }

    static Spec ca(String cn, KeyPair keys) {
      return new Spec(
          cn,
          keys,
          null,
          true,
          KeyUsage.keyCertSign | KeyUsage.cRLSign,
          true,
          List.of(),
          false,
          NOT_BEFORE,
          NOT_AFTER);
    }

    static Spec tsa(String cn, KeyPair keys) {
      return new Spec(
          cn,
          keys,
          null,
          false,
          KeyUsage.digitalSignature,
          true,
          List.of(KeyPurposeId.id_kp_timeStamping),
          true,
          NOT_BEFORE,
          NOT_AFTER);
    }

    Spec withKeyUsage(int ku) {
      return new Spec(
          subject, keys, pathLen, ca, ku, kuCritical, eku, ekuCritical, notBefore, notAfter);
    }

    Spec withEku(List<KeyPurposeId> e) {
      return new Spec(
          subject, keys, pathLen, ca, keyUsage, kuCritical, e, ekuCritical, notBefore, notAfter);
    }

    Spec withValidity(Instant from, Instant to) {
      return new Spec(subject, keys, pathLen, ca, keyUsage, kuCritical, eku, ekuCritical, from, to);
    }
  }

  static X509Certificate selfSigned(Spec spec) {
    return issue(spec, new X500Name(spec.subject()), spec.keys().getPrivate());
  }

  static X509Certificate issue(Spec spec, X509Certificate issuer, PrivateKey issuerKey) {
    return issue(
        spec, X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()), issuerKey);
  }

  private static X509Certificate issue(Spec spec, X500Name issuerDn, PrivateKey issuerKey) {
    try {
      X509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
              issuerDn,
              new BigInteger(64, new java.security.SecureRandom()),
              Date.from(spec.notBefore()),
              Date.from(spec.notAfter()),
              new X500Name(spec.subject()),
              spec.keys().getPublic());
      if (spec.ca()) {
        b.addExtension(
            Extension.basicConstraints,
            true,
            spec.pathLen() == null
                ? new BasicConstraints(true)
                : new BasicConstraints(spec.pathLen()));
      }
      if (spec.keyUsage() != 0) {
        b.addExtension(Extension.keyUsage, spec.kuCritical(), new KeyUsage(spec.keyUsage()));
      }
      if (!spec.eku().isEmpty()) {
        b.addExtension(
            Extension.extendedKeyUsage,
            spec.ekuCritical(),
            new ExtendedKeyUsage(spec.eku().toArray(new KeyPurposeId[0])));
      }
      String alg =
          switch (issuerKey.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> "Ed25519";
          };
      return new JcaX509CertificateConverter()
          .getCertificate(b.build(new JcaContentSignerBuilder(alg).build(issuerKey)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A root → intermediate → leaf chain (leaf first) and the leaf's key. */
  record Chain(List<X509Certificate> certs, KeyPair leafKeys, KeyPair rootKeys) {
    X509Certificate root() {
      return certs.get(certs.size() - 1);
    }
  }

  static Chain chain(KeyPair leafKeys) {
    return chain(leafKeys, TestKeys.ec("secp384r1"), TestKeys.ec("secp256r1"));
  }

  /** An all-RSA chain (cheap to verify). */
  static Chain rsaChain(KeyPair leafKeys) {
    return chain(leafKeys, TestKeys.rsa(2048), TestKeys.rsa(2048));
  }

  static Chain chain(KeyPair leafKeys, KeyPair rootKeys, KeyPair intKeys) {
    X509Certificate root = selfSigned(Spec.ca("CN=Test Root,O=ocitrust,C=US", rootKeys));
    X509Certificate intermediate =
        issue(
            Spec.ca("CN=Test Intermediate,O=ocitrust,C=US", intKeys), root, rootKeys.getPrivate());
    X509Certificate leaf =
        issue(
            Spec.leaf("CN=Test Leaf,O=ocitrust,C=US", leafKeys),
            intermediate,
            intKeys.getPrivate());
    return new Chain(List.of(leaf, intermediate, root), leafKeys, rootKeys);
  }
}
