package dev.ocitrust.testkit;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
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
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * A throw-away TLS identity for a loopback test server: a self-signed test CA (ECDSA P-256) and a
 * server certificate issued by it for {@code localhost} and {@code 127.0.0.1}, written as PEM
 * files, plus a ready {@link SSLContext} and {@link X509TrustManager} that trust exactly that CA.
 *
 * <p>Files written to the folder given to {@link #generate(Path)}: {@code ca.pem} (the CA
 * certificate), {@code certs.d/ca.crt} (the same, named as containers/image and skopeo want it),
 * {@code server.pem} (the server certificate) and {@code server.key} (its PKCS#8 private key).
 *
 * <p>Security: for tests only. The keys are unprotected on disk and valid for one day.
 *
 * <p>Thread-safe: immutable after {@link #generate(Path)}.
 *
 * <pre>{@code
 * TlsIdentity tls = TlsIdentity.generate(dir);
 * HttpClient client = HttpClient.newBuilder().sslContext(tls.sslContext()).build();
 * }</pre>
 */
public final class TlsIdentity {
  private static final Duration VALIDITY = Duration.ofDays(1);

  private final X509Certificate caCertificate;
  private final X509Certificate serverCertificate;
  private final Path caCertificatePem;
  private final Path caCertificateDir;
  private final Path serverCertificatePem;
  private final Path serverKeyPem;
  private final X509TrustManager trustManager;
  private final SSLContext sslContext;

  private TlsIdentity(
      X509Certificate caCertificate,
      X509Certificate serverCertificate,
      Path dir,
      X509TrustManager trustManager,
      SSLContext sslContext) {
    this.caCertificate = caCertificate;
    this.serverCertificate = serverCertificate;
    this.caCertificatePem = dir.resolve("ca.pem");
    this.caCertificateDir = dir.resolve("certs.d");
    this.serverCertificatePem = dir.resolve("server.pem");
    this.serverKeyPem = dir.resolve("server.key");
    this.trustManager = trustManager;
    this.sslContext = sslContext;
  }

  /**
   * Generates a new CA and server certificate and writes them into {@code dir} (created if
   * missing).
   *
   * @throws IOException when the files cannot be written
   */
  public static TlsIdentity generate(Path dir) throws IOException {
    try {
      SecureRandom random = new SecureRandom();
      KeyPair caKeys = newKeyPair(random);
      KeyPair serverKeys = newKeyPair(random);
      Instant now = Instant.now();
      Date notBefore = Date.from(now.minus(Duration.ofHours(1)));
      Date notAfter = Date.from(now.plus(VALIDITY));
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      X500Name caName = new X500Name("CN=ocitrust test CA " + Long.toHexString(random.nextLong()));

      X509v3CertificateBuilder ca =
          new JcaX509v3CertificateBuilder(
              caName, serial(random), notBefore, notAfter, caName, caKeys.getPublic());
      ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      ca.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      ca.addExtension(
          Extension.subjectKeyIdentifier,
          false,
          utils.createSubjectKeyIdentifier(caKeys.getPublic()));
      X509Certificate caCert = sign(ca, caKeys);

      X509v3CertificateBuilder server =
          new JcaX509v3CertificateBuilder(
              caCert,
              serial(random),
              notBefore,
              notAfter,
              new X500Name("CN=localhost"),
              serverKeys.getPublic());
      server.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      server.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      server.addExtension(
          Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      server.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(
              new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1")
              }));
      server.addExtension(
          Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(caCert));
      X509Certificate serverCert = sign(server, caKeys);

      Files.createDirectories(dir.resolve("certs.d"));
      String caPem = toPem(caCert);
      Files.writeString(dir.resolve("ca.pem"), caPem, StandardCharsets.US_ASCII);
      Files.writeString(dir.resolve("certs.d").resolve("ca.crt"), caPem, StandardCharsets.US_ASCII);
      Files.writeString(dir.resolve("server.pem"), toPem(serverCert), StandardCharsets.US_ASCII);
      Files.writeString(
          dir.resolve("server.key"),
          toPem(new PemObject("PRIVATE KEY", serverKeys.getPrivate().getEncoded())),
          StandardCharsets.US_ASCII);

      X509TrustManager trustManager = trustManagerFor(caCert);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {trustManager}, random);
      return new TlsIdentity(caCert, serverCert, dir, trustManager, context);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("this JDK cannot make an ECDSA P-256 test certificate", e);
    }
  }

  /** The self-signed test CA that issued {@link #serverCertificate()}. */
  public X509Certificate caCertificate() {
    return caCertificate;
  }

  /** The server certificate (for {@code localhost} and {@code 127.0.0.1}). */
  public X509Certificate serverCertificate() {
    return serverCertificate;
  }

  /**
   * PEM file of {@link #caCertificate()}; pass to {@code --ca-file}, {@code SSL_CERT_FILE}, curl.
   */
  public Path caCertificatePem() {
    return caCertificatePem;
  }

  /**
   * A folder holding only {@code ca.crt}; pass to skopeo's {@code --dest-cert-dir}/{@code
   * --src-cert-dir}.
   */
  public Path caCertificateDir() {
    return caCertificateDir;
  }

  /** PEM file of {@link #serverCertificate()}. */
  public Path serverCertificatePem() {
    return serverCertificatePem;
  }

  /** PEM file (PKCS#8, unencrypted) of the server's private key. */
  public Path serverKeyPem() {
    return serverKeyPem;
  }

  /** A trust manager that trusts only {@link #caCertificate()}. */
  public X509TrustManager trustManager() {
    return trustManager;
  }

  /** A TLS context whose only trust anchor is {@link #caCertificate()}; shared, do not re-init. */
  public SSLContext sslContext() {
    return sslContext;
  }

  private static KeyPair newKeyPair(SecureRandom random) throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), random);
    return generator.generateKeyPair();
  }

  private static BigInteger serial(SecureRandom random) {
    return new BigInteger(64, random).add(BigInteger.ONE);
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer)
      throws OperatorCreationException, GeneralSecurityException {
    return new JcaX509CertificateConverter()
        .getCertificate(
            builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
  }

  private static X509TrustManager trustManagerFor(X509Certificate ca)
      throws GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try {
      store.load(null, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    store.setCertificateEntry("ocitrust-test-ca", ca);
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    for (TrustManager manager : factory.getTrustManagers()) {
      if (manager instanceof X509TrustManager) {
        return (X509TrustManager) manager;
      }
    }
    throw new IllegalStateException("no X509TrustManager from " + factory.getAlgorithm());
  }

  /** PEM text of a certificate or {@link PemObject}. */
  static String toPem(Object value) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(value);
    } catch (IOException e) {
      throw new UncheckedIOException("PEM encoding in memory failed", e);
    }
    return out.toString();
  }
}
