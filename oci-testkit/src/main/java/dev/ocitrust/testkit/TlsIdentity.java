package dev.ocitrust.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * A throw-away TLS identity for a loopback test server: a self-signed test CA (ECDSA P-256) and a
 * server certificate issued by it for {@code localhost} and {@code 127.0.0.1}, a client certificate
 * issued by it (for servers that require one), written as PEM files, plus a ready {@link
 * SSLContext} that trusts exactly that CA and presents the client certificate when asked, and an
 * {@link X509TrustManager} that trusts exactly that CA. The certificates are made with {@link
 * TestCertificate}.
 *
 * <p>Files written to the folder given to {@link #generate(Path)}: {@code ca.pem} (the CA
 * certificate), {@code certs.d/ca.crt} (the same, named as containers/image and skopeo want it),
 * {@code server.pem} (the server certificate), {@code server.key} (its PKCS#8 private key), {@code
 * client.pem} and {@code client.key} (the client certificate and its key).
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
  private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

  private final X509Certificate caCertificate;
  private final X509Certificate serverCertificate;
  private final Path caCertificatePem;
  private final Path caCertificateDir;
  private final Path serverCertificatePem;
  private final Path serverKeyPem;
  private final Path clientCertificatePem;
  private final Path clientKeyPem;
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
    this.clientCertificatePem = dir.resolve("client.pem");
    this.clientKeyPem = dir.resolve("client.key");
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
    SecureRandom random = new SecureRandom();
    Instant now = Instant.now();
    Instant notBefore = now.minus(Duration.ofHours(1));
    Instant notAfter = now.plus(VALIDITY);
    TestCertificate ca =
        TestCertificate.builder()
            .subject("CN=ocitrust test CA " + Long.toHexString(random.nextLong()))
            .certificateAuthority(0)
            .keyIdentifiers()
            .validity(notBefore, notAfter)
            .build();
    TestCertificate server =
        TestCertificate.builder()
            .subject("CN=localhost")
            .signedBy(ca)
            .tlsServer("localhost", "127.0.0.1")
            .keyUsage(KeyUsage.digitalSignature, true)
            .keyIdentifiers()
            .validity(notBefore, notAfter)
            .build();
    TestCertificate client =
        TestCertificate.builder()
            .subject("CN=ocitrust test client")
            .signedBy(ca)
            .keyUsage(KeyUsage.digitalSignature, true)
            .extendedKeyUsage(List.of(CLIENT_AUTH), false)
            .keyIdentifiers()
            .validity(notBefore, notAfter)
            .build();

    Files.createDirectories(dir.resolve("certs.d"));
    String caPem = ca.certificatePem();
    Files.writeString(dir.resolve("ca.pem"), caPem, StandardCharsets.US_ASCII);
    Files.writeString(dir.resolve("certs.d").resolve("ca.crt"), caPem, StandardCharsets.US_ASCII);
    Files.writeString(
        dir.resolve("server.pem"), server.certificatePem(), StandardCharsets.US_ASCII);
    Files.writeString(dir.resolve("server.key"), server.privateKeyPem(), StandardCharsets.US_ASCII);
    Files.writeString(
        dir.resolve("client.pem"), client.certificatePem(), StandardCharsets.US_ASCII);
    Files.writeString(dir.resolve("client.key"), client.privateKeyPem(), StandardCharsets.US_ASCII);

    try {
      X509TrustManager trustManager = trustManagerFor(ca.certificate());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagersFor(client), new TrustManager[] {trustManager}, random);
      return new TlsIdentity(ca.certificate(), server.certificate(), dir, trustManager, context);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK cannot make a TLS context for a test CA", e);
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

  /** The client certificate (PEM), issued by the CA for TLS client authentication. */
  public Path clientCertificatePem() {
    return clientCertificatePem;
  }

  /** The client certificate's PKCS#8 private key (PEM, unencrypted). */
  public Path clientKeyPem() {
    return clientKeyPem;
  }

  /**
   * A TLS context whose only trust anchor is {@link #caCertificate()} and which presents the client
   * certificate to a server that asks for one; shared, do not re-init.
   */
  public SSLContext sslContext() {
    return sslContext;
  }

  private static KeyManager[] keyManagersFor(TestCertificate client)
      throws GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    char[] none = new char[0];
    try {
      store.load(null, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    store.setKeyEntry(
        "ocitrust-test-client",
        client.privateKey(),
        none,
        client.chain().toArray(X509Certificate[]::new));
    KeyManagerFactory factory =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(store, none);
    return factory.getKeyManagers();
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
}
