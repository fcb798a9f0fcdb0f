package dev.ocitrust.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
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
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jspecify.annotations.Nullable;

/**
 * A certificate and its private key, for tests: roots, intermediates, code-signing leaves, time
 * stamping and OCSP responders, TLS servers, and the malformed ones that negative tests need (in
 * the spirit of OkHttp's {@code HeldCertificate}).
 *
 * <p>By default a certificate is a code-signing leaf (key usage digitalSignature, critical;
 * extended key usage codeSigning, not critical) with a P-256 key, valid from 2020 to 2045 and
 * self-signed; {@link Builder#certificateAuthority(int)}, {@link Builder#timeStamping()} and the
 * other methods change that.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * TestCertificate root = TestCertificate.builder().subject("CN=Root,O=acme").certificateAuthority(1).build();
 * TestCertificate leaf = TestCertificate.builder().subject("CN=signer,O=acme").signedBy(root).build();
 * List<X509Certificate> chain = leaf.chain(); // leaf, root
 * }</pre>
 */
public final class TestCertificate {
  /** The default start of validity. */
  public static final Instant NOT_BEFORE = Instant.parse("2020-01-01T00:00:00Z");

  /** The default end of validity. */
  public static final Instant NOT_AFTER = Instant.parse("2045-01-01T00:00:00Z");

  private final X509Certificate certificate;
  private final KeyPair keyPair;
  private final List<X509Certificate> chain;

  private TestCertificate(
      X509Certificate certificate, KeyPair keyPair, List<X509Certificate> issuers) {
    this.certificate = certificate;
    this.keyPair = keyPair;
    List<X509Certificate> all = new ArrayList<>();
    all.add(certificate);
    all.addAll(issuers);
    this.chain = List.copyOf(all);
  }

  /** A new builder of a self-signed code-signing leaf. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * An EC key pair on {@code curve} (e.g. {@code secp256r1}); a curve the JDK does not offer (e.g.
   * {@code secp256k1}, {@code brainpoolP256r1}) comes from BouncyCastle's provider.
   */
  public static KeyPair ecKeyPair(String curve) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      try {
        g.initialize(new ECGenParameterSpec(curve));
      } catch (InvalidAlgorithmParameterException notInTheJdk) {
        g = KeyPairGenerator.getInstance("EC", new BouncyCastleProvider());
        g.initialize(new ECGenParameterSpec(curve));
      }
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate an EC key on " + curve, e);
    }
  }

  /** An RSA key pair of {@code bits}. */
  public static KeyPair rsaKeyPair(int bits) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(bits);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate an RSA key of " + bits + " bits", e);
    }
  }

  /** An Ed25519 key pair. */
  public static KeyPair ed25519KeyPair() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate an Ed25519 key", e);
    }
  }

  /**
   * A code-signing leaf with {@code leafKeys} under an intermediate CA under a root CA, the usual
   * shape of a Notary Project chain: subjects {@code CN=Test Leaf}, {@code CN=Test Intermediate}
   * and {@code CN=Test Root}, each followed by {@code O=ocitrust,C=US}, CAs without a path length
   * limit, default validity. Its {@link #chain()} is leaf, intermediate, root.
   */
  public static TestCertificate leafUnderIntermediate(
      KeyPair leafKeys, KeyPair intermediateKeys, KeyPair rootKeys) {
    TestCertificate root =
        builder()
            .subject("CN=Test Root,O=ocitrust,C=US")
            .keyPair(rootKeys)
            .certificateAuthority(-1)
            .build();
    TestCertificate intermediate =
        builder()
            .subject("CN=Test Intermediate,O=ocitrust,C=US")
            .keyPair(intermediateKeys)
            .signedBy(root)
            .certificateAuthority(-1)
            .build();
    return builder()
        .subject("CN=Test Leaf,O=ocitrust,C=US")
        .keyPair(leafKeys)
        .signedBy(intermediate)
        .build();
  }

  /**
   * As {@link #leafUnderIntermediate(KeyPair, KeyPair, KeyPair)}: P-256 intermediate, P-384 root.
   */
  public static TestCertificate leafUnderIntermediate(KeyPair leafKeys) {
    return leafUnderIntermediate(leafKeys, ecKeyPair("secp256r1"), ecKeyPair("secp384r1"));
  }

  /** The certificate. */
  public X509Certificate certificate() {
    return certificate;
  }

  /** Its key pair. */
  public KeyPair keyPair() {
    return keyPair;
  }

  /** Its private key. */
  public PrivateKey privateKey() {
    return keyPair.getPrivate();
  }

  /** This certificate followed by its issuers up to the root (leaf first, as in x5chain). */
  public List<X509Certificate> chain() {
    return chain;
  }

  /**
   * The JCA signature algorithm for this certificate's key ({@code SHA256withRSA}, {@code
   * SHA256withECDSA} or {@code Ed25519}), as used for the certificates it issues; for signing CRLs,
   * OCSP responses or time stamps with it.
   */
  public String signatureAlgorithm() {
    return Builder.algorithm(keyPair.getPrivate());
  }

  /** The root of {@link #chain()}. */
  public X509Certificate root() {
    return chain.get(chain.size() - 1);
  }

  /** The certificate in PEM. */
  public String certificatePem() {
    return pem(List.of(certificate));
  }

  /** The certificates in PEM, one after another. */
  public static String pem(List<X509Certificate> certificates) {
    StringBuilder b = new StringBuilder();
    Base64.Encoder mime = Base64.getMimeEncoder(64, new byte[] {'\n'});
    for (X509Certificate c : certificates) {
      try {
        b.append("-----BEGIN CERTIFICATE-----\n")
            .append(mime.encodeToString(c.getEncoded()))
            .append("\n-----END CERTIFICATE-----\n");
      } catch (CertificateEncodingException e) {
        throw new IllegalStateException("cannot encode " + c.getSubjectX500Principal(), e);
      }
    }
    return b.toString();
  }

  /** The private key in PEM, unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}). */
  public String privateKeyPem() {
    return "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(privateKey().getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
  }

  /** Writes the certificate in PEM to {@code file} (creating its folder); returns the file. */
  public Path writePem(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, certificatePem());
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  @Override
  public String toString() {
    return "TestCertificate{" + certificate.getSubjectX500Principal().getName() + "}";
  }

  /** Builds a {@link TestCertificate}. Not thread-safe. */
  public static final class Builder {
    private X500Name subject = new X500Name("CN=ocitrust test,O=ocitrust,C=US");
    private @Nullable KeyPair keyPair;
    private @Nullable TestCertificate issuer;
    private boolean ca;
    private int pathLength = -1;
    private int keyUsage = KeyUsage.digitalSignature;
    private boolean keyUsageCritical = true;
    private List<KeyPurposeId> extendedKeyUsage = List.of(KeyPurposeId.id_kp_codeSigning);
    private boolean extendedKeyUsageCritical;
    private Instant notBefore = NOT_BEFORE;
    private Instant notAfter = NOT_AFTER;
    private @Nullable URI ocsp;
    private @Nullable URI crl;
    private final List<GeneralName> altNames = new ArrayList<>();
    private @Nullable BigInteger serial;
    private boolean keyIdentifiers;

    private Builder() {}

    /** The subject distinguished name, e.g. {@code CN=signer,O=acme,C=US}. */
    public Builder subject(String dn) {
      this.subject = new X500Name(Objects.requireNonNull(dn, "dn"));
      return this;
    }

    /**
     * The subject, encoded exactly as {@code name} is (for names a string cannot spell: several
     * values in one RDN, unusual string types or attributes).
     */
    public Builder subject(X500Principal name) {
      this.subject = X500Name.getInstance(Objects.requireNonNull(name, "name").getEncoded());
      return this;
    }

    /** The key pair (default: a new P-256 key). */
    public Builder keyPair(KeyPair keyPair) {
      this.keyPair = Objects.requireNonNull(keyPair, "keyPair");
      return this;
    }

    /** A new RSA key of {@code bits}. */
    public Builder rsa(int bits) {
      return keyPair(rsaKeyPair(bits));
    }

    /** A new EC key on {@code curve} (e.g. {@code secp384r1}). */
    public Builder ec(String curve) {
      return keyPair(ecKeyPair(curve));
    }

    /** A new Ed25519 key. */
    public Builder ed25519() {
      return keyPair(ed25519KeyPair());
    }

    /** Signed by {@code issuer} (default: self-signed). */
    public Builder signedBy(TestCertificate issuer) {
      this.issuer = Objects.requireNonNull(issuer, "issuer");
      return this;
    }

    /**
     * A CA: basicConstraints CA (critical) with {@code maxPathLength} ({@code -1}: no limit), key
     * usage keyCertSign and cRLSign, no extended key usage.
     */
    public Builder certificateAuthority(int maxPathLength) {
      this.ca = true;
      this.pathLength = maxPathLength;
      this.keyUsage = KeyUsage.keyCertSign | KeyUsage.cRLSign;
      this.extendedKeyUsage = List.of();
      return this;
    }

    /** A time stamping leaf: extended key usage timeStamping, critical. */
    public Builder timeStamping() {
      this.extendedKeyUsage = List.of(KeyPurposeId.id_kp_timeStamping);
      this.extendedKeyUsageCritical = true;
      return this;
    }

    /** An OCSP responder: extended key usage OCSPSigning. */
    public Builder ocspSigning() {
      this.extendedKeyUsage = List.of(KeyPurposeId.id_kp_OCSPSigning);
      return this;
    }

    /** A TLS server for {@code hosts} (DNS names or IP addresses): serverAuth, subjectAltName. */
    public Builder tlsServer(String... hosts) {
      this.keyUsage = KeyUsage.digitalSignature | KeyUsage.keyEncipherment;
      this.extendedKeyUsage = List.of(KeyPurposeId.id_kp_serverAuth);
      for (String host : hosts) {
        boolean ip = host.matches("[0-9.]+") || host.contains(":");
        altNames.add(new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, host));
      }
      return this;
    }

    /** The key usage bits (BouncyCastle's {@code KeyUsage} constants; 0 for none). */
    public Builder keyUsage(int bits, boolean critical) {
      this.keyUsage = bits;
      this.keyUsageCritical = critical;
      return this;
    }

    /** The extended key usages by OID (none for an empty list). */
    public Builder extendedKeyUsage(List<String> oids, boolean critical) {
      List<KeyPurposeId> ids = new ArrayList<>();
      for (String oid : oids) {
        ids.add(KeyPurposeId.getInstance(new ASN1ObjectIdentifier(oid)));
      }
      this.extendedKeyUsage = List.copyOf(ids);
      this.extendedKeyUsageCritical = critical;
      return this;
    }

    /** The validity period. */
    public Builder validity(Instant notBefore, Instant notAfter) {
      this.notBefore = Objects.requireNonNull(notBefore, "notBefore");
      this.notAfter = Objects.requireNonNull(notAfter, "notAfter");
      return this;
    }

    /** An OCSP responder address (authorityInfoAccess). */
    public Builder ocsp(URI responder) {
      this.ocsp = Objects.requireNonNull(responder, "responder");
      return this;
    }

    /** A CRL distribution point. */
    public Builder crl(URI distributionPoint) {
      this.crl = Objects.requireNonNull(distributionPoint, "distributionPoint");
      return this;
    }

    /** The serial number (default: 64 random bits). */
    public Builder serialNumber(BigInteger serial) {
      this.serial = Objects.requireNonNull(serial, "serial");
      return this;
    }

    /**
     * Adds a subjectKeyIdentifier and, when signed by another certificate, an
     * authorityKeyIdentifier (both not critical), as public CAs and strict TLS clients expect.
     */
    public Builder keyIdentifiers() {
      this.keyIdentifiers = true;
      return this;
    }

    /** Issues the certificate. */
    public TestCertificate build() {
      KeyPair keys = keyPair != null ? keyPair : ecKeyPair("secp256r1");
      TestCertificate signer = issuer;
      X500Name subjectName = subject;
      X500Name issuerName =
          signer == null
              ? subjectName
              : X500Name.getInstance(signer.certificate().getSubjectX500Principal().getEncoded());
      PrivateKey signingKey = signer == null ? keys.getPrivate() : signer.privateKey();
      BigInteger number =
          serial != null ? serial : new BigInteger(64, new SecureRandom()).add(BigInteger.ONE);
      try {
        X509v3CertificateBuilder b =
            new JcaX509v3CertificateBuilder(
                issuerName,
                number,
                Date.from(notBefore),
                Date.from(notAfter),
                subjectName,
                keys.getPublic());
        if (ca) {
          b.addExtension(
              Extension.basicConstraints,
              true,
              pathLength < 0 ? new BasicConstraints(true) : new BasicConstraints(pathLength));
        }
        if (keyUsage != 0) {
          b.addExtension(Extension.keyUsage, keyUsageCritical, new KeyUsage(keyUsage));
        }
        if (!extendedKeyUsage.isEmpty()) {
          b.addExtension(
              Extension.extendedKeyUsage,
              extendedKeyUsageCritical,
              new ExtendedKeyUsage(extendedKeyUsage.toArray(new KeyPurposeId[0])));
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
        if (!altNames.isEmpty()) {
          b.addExtension(
              Extension.subjectAlternativeName,
              false,
              new GeneralNames(altNames.toArray(new GeneralName[0])));
        }
        if (keyIdentifiers) {
          JcaX509ExtensionUtils ids = new JcaX509ExtensionUtils();
          b.addExtension(
              Extension.subjectKeyIdentifier,
              false,
              ids.createSubjectKeyIdentifier(keys.getPublic()));
          if (signer != null) {
            b.addExtension(
                Extension.authorityKeyIdentifier,
                false,
                ids.createAuthorityKeyIdentifier(signer.certificate()));
          }
        }
        X509Certificate cert =
            new JcaX509CertificateConverter()
                .getCertificate(
                    b.build(new JcaContentSignerBuilder(algorithm(signingKey)).build(signingKey)));
        return new TestCertificate(cert, keys, signer == null ? List.of() : signer.chain());
      } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
        throw new IllegalStateException("cannot issue a test certificate for " + subject, e);
      }
    }

    static String algorithm(PrivateKey key) {
      return switch (key.getAlgorithm()) {
        case "RSA" -> "SHA256withRSA";
        case "EC" -> "SHA256withECDSA";
        case "Ed25519", "EdDSA" -> "Ed25519";
        default ->
            throw new IllegalArgumentException("cannot sign with a " + key.getAlgorithm() + " key");
      };
    }
  }
}
