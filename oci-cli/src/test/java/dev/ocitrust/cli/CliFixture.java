package dev.ocitrust.cli;

import dev.ocitrust.testkit.TestCertificate;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * The scenario's parties for command tests: Wabbit Networks (publisher: signs, scans) and ACME
 * Rockets (consumer: approves), each with a root and a code-signing leaf written as PEM files, and
 * the consumer's notation configuration folder: both roots as trust stores ({@code ca:wabbit},
 * {@code ca:acme}), a trust policy trusting Wabbit's signatures and a claim policy for {@code
 * prod}.
 */
final class CliFixture {
  static final String WABBIT_ISS = "https://wabbit-networks.example";
  static final String ACME_ISS = "https://acme-rockets.example";
  static final String WABBIT_DN = "CN=wabbit-networks.example,O=wabbit-networks.example,ST=WA,C=US";
  static final String ACME_DN = "CN=acme-rockets.example,O=acme-rockets.example,ST=WA,C=US";
  static final String SARIF = "application/sarif+json";

  /** How a private key is written. */
  enum KeyFormat {
    PKCS8,
    /** PKCS #1 for RSA, SEC1 for EC: OpenSSL's "traditional" form. */
    TRADITIONAL,
    ENCRYPTED_PKCS8
  }

  final TestCertificate wabbitRoot = root("CN=Wabbit Root,O=wabbit-networks.example,C=US");
  final TestCertificate wabbit = leaf(WABBIT_DN, wabbitRoot);
  final TestCertificate acmeRoot = root("CN=ACME Root,O=acme-rockets.example,C=US");
  final TestCertificate acme = leaf(ACME_DN, acmeRoot);

  final Path wabbitKey;
  final Path wabbitCert;
  final Path acmeKey;
  final Path acmeCert;

  /** The consumer's notation configuration folder. */
  final Path config;

  CliFixture(Path dir) throws Exception {
    Path keys = Files.createDirectories(dir.resolve("keys"));
    wabbitKey = writeKey(wabbit.privateKey(), keys.resolve("wabbit.key"), KeyFormat.PKCS8);
    wabbitCert = writeChain(wabbit.chain(), keys.resolve("wabbit.crt"));
    acmeKey = writeKey(acme.privateKey(), keys.resolve("acme.key"), KeyFormat.PKCS8);
    acmeCert = writeChain(acme.chain(), keys.resolve("acme.crt"));
    config = dir.resolve("notation");
    writeChain(
        List.of(wabbitRoot.certificate()), config.resolve("truststore/x509/ca/wabbit/root.pem"));
    writeChain(List.of(acmeRoot.certificate()), config.resolve("truststore/x509/ca/acme/root.pem"));
    Files.writeString(
        config.resolve("trustpolicy.json"),
        "{\"version\":\"1.0\",\"trustPolicies\":[{\"name\":\"wabbit\",\"registryScopes\":[\"*\"],"
            + "\"signatureVerification\":{\"level\":\"strict\"},\"trustStores\":[\"ca:wabbit\"],"
            + "\"trustedIdentities\":[\"x509.subject: C=US, ST=WA, O=wabbit-networks.example\"]}]}");
    Files.writeString(config.resolve("claimpolicy.json"), claimPolicy("[\"*\"]", "enforce"));
  }

  /**
   * Rewrites the claim policy with a lifecycle rule too: revocations and ends of life from either
   * party deny (ACME may override Wabbit's end of life), deprecations warn.
   */
  void addLifecycleRule() throws IOException {
    String policy = claimPolicy("[\"*\"]", "enforce");
    int end = policy.lastIndexOf("]}]}");
    Files.writeString(
        config.resolve("claimpolicy.json"),
        policy.substring(0, end)
            + ",{\"name\":\"lifecycle\",\"lifecycle\":{\"from\":[\"wabbit\",\"acme\"],"
            + "\"overridableBy\":[\"acme\"]}}"
            + policy.substring(end));
  }

  static TestCertificate root(String dn) {
    return TestCertificate.builder().subject(dn).certificateAuthority(1).build();
  }

  static TestCertificate leaf(String dn, TestCertificate root) {
    return TestCertificate.builder().subject(dn).signedBy(root).build();
  }

  /**
   * The scenario's claim policy for prod over {@code scopes} (a JSON array): a scan from either
   * party, an approval by ACME, no rejection by either.
   */
  static String claimPolicy(String scopes, String mode) {
    return "{\"version\":\"1.0\",\"claimPolicies\":[{\"name\":\"acme-prod\","
        + "\"registryScopes\":"
        + scopes
        + ",\"environments\":[\"prod\"],\"mode\":\""
        + mode
        + "\",\"issuers\":["
        + "{\"name\":\"acme\",\"role\":\"consumer\",\"iss\":[\""
        + ACME_ISS
        + "\"],\"trustStores\":[\"ca:acme\"],"
        + "\"trustedIdentities\":[\"x509.subject: C=US, ST=WA, O=acme-rockets.example\"]},"
        + "{\"name\":\"wabbit\",\"role\":\"publisher\",\"iss\":[\""
        + WABBIT_ISS
        + "\"],\"trustStores\":[\"ca:wabbit\"],"
        + "\"trustedIdentities\":[\"x509.subject: C=US, ST=WA, O=wabbit-networks.example\"]}],"
        + "\"precedence\":[\"acme\",\"wabbit\"],"
        + "\"rules\":["
        + "{\"name\":\"scanned\",\"requireClaim\":{\"contentType\":\""
        + SARIF
        + "\",\"from\":[\"wabbit\",\"acme\"]}},"
        + "{\"name\":\"approved\",\"requireApproval\":{\"from\":[\"acme\"]}},"
        + "{\"name\":\"not-rejected\",\"denyRejection\":{\"from\":[\"acme\",\"wabbit\"]}}]}]}";
  }

  /** Writes {@code key} to {@code file} in {@code format}; returns the file. */
  static Path writeKey(PrivateKey key, Path file, KeyFormat format)
      throws IOException, OperatorCreationException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    try (Writer w = Files.newBufferedWriter(file);
        JcaPEMWriter pem = new JcaPEMWriter(w)) {
      switch (format) {
        case PKCS8 -> pem.writeObject(new JcaPKCS8Generator(key, null));
        case TRADITIONAL -> pem.writeObject(traditional(key));
        case ENCRYPTED_PKCS8 ->
            pem.writeObject(
                new JcaPKCS8Generator(
                    key,
                    new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                        .setProvider(new BouncyCastleProvider())
                        .setPassword("secret".toCharArray())
                        .build()));
      }
    }
    return file;
  }

  /**
   * PKCS #1 for RSA; for EC a complete SEC1 structure (with the curve, as openssl writes it: the
   * JDK's PKCS #8 encoding keeps the curve outside the inner structure).
   */
  private static Object traditional(PrivateKey key) throws IOException {
    if (!(key instanceof java.security.interfaces.ECPrivateKey ec)) {
      return key;
    }
    PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
    ECPrivateKey sec1 =
        new ECPrivateKey(
            ec.getParams().getOrder().bitLength(),
            ec.getS(),
            info.getPrivateKeyAlgorithm().getParameters());
    return new PemObject("EC PRIVATE KEY", sec1.getEncoded());
  }

  /** Writes {@code chain} as PEM to {@code file} (creating its folder); returns the file. */
  static Path writeChain(List<X509Certificate> chain, Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, TestCertificate.pem(chain));
    return file;
  }

  /** The digest on the {@code Digest: } line a signing command prints. */
  static String digestOf(MainTest.Result r) {
    return r.out()
        .lines()
        .filter(l -> l.startsWith("Digest: "))
        .map(l -> l.substring("Digest: ".length()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no Digest line in:\n" + r.out() + r.err()));
  }
}
