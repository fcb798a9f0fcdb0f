package dev.ocitrust.policy;

import java.math.BigInteger;
import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Test certificates made with BouncyCastle: CA roots, code-signing leaves, TSA and OCSP certs. */
final class Pki {
  static final Instant LONG_AGO = Instant.parse("2020-01-01T00:00:00Z");
  static final Instant FAR_AHEAD = Instant.parse("2045-01-01T00:00:00Z");

  private Pki() {}

  /** A certificate with its key pair. */
  record Issued(X509Certificate cert, KeyPair keys) {
    String subject() {
      return cert.getSubjectX500Principal().getName();
    }
  }

  /** A two-certificate chain, leaf first. */
  record Chain(Issued leaf, Issued root) {
    List<X509Certificate> certs() {
      return List.of(leaf.cert(), root.cert());
    }
  }

  static KeyPair ec() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static KeyPair rsa() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return g.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static Issued root(String dn) {
    KeyPair k = ec();
    return new Issued(
        build(
            dn,
            k,
            new X500Name(dn),
            k,
            LONG_AGO,
            FAR_AHEAD,
            true,
            KeyUsage.keyCertSign | KeyUsage.cRLSign,
            null,
            null,
            null),
        k);
  }

  static Issued rsaRoot(String dn) {
    KeyPair k = rsa();
    return new Issued(
        build(
            dn,
            k,
            new X500Name(dn),
            k,
            LONG_AGO,
            FAR_AHEAD,
            true,
            KeyUsage.keyCertSign | KeyUsage.cRLSign,
            null,
            null,
            null),
        k);
  }

  static Issued leaf(String dn, Issued issuer) {
    return leaf(dn, issuer, LONG_AGO, FAR_AHEAD, null, null);
  }

  static Issued leaf(String dn, Issued issuer, Instant from, Instant to, URI ocsp, URI crl) {
    KeyPair k = ec();
    return new Issued(
        build(
            dn,
            k,
            name(issuer),
            issuer.keys(),
            from,
            to,
            false,
            KeyUsage.digitalSignature,
            KeyPurposeId.id_kp_codeSigning,
            ocsp,
            crl),
        k);
  }

  static Issued tsaLeaf(String dn, Issued issuer) {
    KeyPair k = rsa();
    return new Issued(
        build(
            dn,
            k,
            name(issuer),
            issuer.keys(),
            LONG_AGO,
            FAR_AHEAD,
            false,
            KeyUsage.digitalSignature,
            KeyPurposeId.id_kp_timeStamping,
            null,
            null),
        k);
  }

  static Issued ocspResponder(String dn, Issued issuer) {
    KeyPair k = ec();
    return new Issued(
        build(
            dn,
            k,
            name(issuer),
            issuer.keys(),
            LONG_AGO,
            FAR_AHEAD,
            false,
            KeyUsage.digitalSignature,
            KeyPurposeId.id_kp_OCSPSigning,
            null,
            null),
        k);
  }

  static Chain chain(String leafDn) {
    Issued root =
        root("CN=Root for " + leafDn.replace(',', ' ').replace('=', ' ') + ",O=ocitrust,C=US");
    return new Chain(leaf(leafDn, root), root);
  }

  static X500Name name(Issued i) {
    return X500Name.getInstance(i.cert().getSubjectX500Principal().getEncoded());
  }

  static String signatureAlgorithm(KeyPair k) {
    return k.getPrivate().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
  }

  private static X509Certificate build(
      String subject,
      KeyPair subjectKeys,
      X500Name issuer,
      KeyPair issuerKeys,
      Instant from,
      Instant to,
      boolean ca,
      int keyUsage,
      KeyPurposeId eku,
      URI ocsp,
      URI crl) {
    try {
      X509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
              issuer,
              new BigInteger(64, new SecureRandom()).add(BigInteger.ONE),
              Date.from(from),
              Date.from(to),
              new X500Name(subject),
              subjectKeys.getPublic());
      if (ca) {
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      }
      b.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
      if (eku != null) {
        b.addExtension(
            Extension.extendedKeyUsage,
            eku.equals(KeyPurposeId.id_kp_timeStamping),
            new ExtendedKeyUsage(eku));
      }
      if (ocsp != null) {
        b.addExtension(
            Extension.authorityInfoAccess,
            false,
            new AuthorityInformationAccess(
                AccessDescription.id_ad_ocsp,
                new GeneralName(GeneralName.uniformResourceIdentifier, ocsp.toString())));
      }
      if (crl != null) {
        GeneralNames names =
            new GeneralNames(
                new GeneralName(GeneralName.uniformResourceIdentifier, crl.toString()));
        b.addExtension(
            Extension.cRLDistributionPoints,
            false,
            new CRLDistPoint(
                new DistributionPoint[] {
                  new DistributionPoint(new DistributionPointName(names), null, null)
                }));
      }
      return new JcaX509CertificateConverter()
          .getCertificate(
              b.build(
                  new JcaContentSignerBuilder(signatureAlgorithm(issuerKeys))
                      .build(issuerKeys.getPrivate())));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
