package dev.ocitrust.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The training run of the class-data sharing archive that the build makes beside the runnable jar
 * ({@code oci-cli/target/ocitrust.jsa}, used by {@code bin/ocitrust}): runs the commands people run
 * most, in one JVM, on OCI image layouts in a temporary folder (push, attach, sign, discover, copy
 * with referrers, verify, claims, pull, blob sign and verify) and against a loopback port that
 * answers every request with 404 (the HTTP paths up to the registry's error), so that the JVM
 * started with {@code -XX:ArchiveClassesAtExit} archives the classes those commands load. Their
 * output is discarded; failures of single commands do not matter (only the classes they load do).
 *
 * <pre>
 * java -XX:ArchiveClassesAtExit=target/ocitrust.jsa -cp target/ocitrust.jar \
 *     dev.ocitrust.cli.ArchiveTraining
 * </pre>
 */
final class ArchiveTraining {
  private ArchiveTraining() {}

  /** Runs the training and prints how many commands succeeded. */
  public static void main(String[] args) throws Exception {
    PrintStream out = System.out;
    PrintStream err = System.err;
    Path dir = Files.createTempDirectory("ocitrust-training-");
    int ok = 0;
    List<String[]> commands;
    try (NotFoundServer server = NotFoundServer.start()) {
      commands = commands(dir, server.host());
      PrintStream none = new PrintStream(OutputStream.nullOutputStream(), true, "UTF-8");
      System.setOut(none);
      System.setErr(none);
      try {
        for (String[] command : commands) {
          if (Main.run(command) == 0) {
            ok++;
          }
        }
      } finally {
        System.setOut(out);
        System.setErr(err);
      }
    } finally {
      deleteTree(dir);
    }
    out.printf("class-data sharing training: %d of %d commands succeeded%n", ok, commands.size());
  }

  private static List<String[]> commands(Path dir, String registry)
      throws IOException, GeneralSecurityException, OperatorCreationException {
    Path key = dir.resolve("signer.key");
    Path cert = dir.resolve("signer.crt");
    Path config = dir.resolve("notation");
    writeSigner(key, cert, config.resolve("truststore/x509/ca/training"));
    Files.writeString(
        config.resolve("trustpolicy.json"),
        "{\"version\":\"1.0\",\"trustPolicies\":[{\"name\":\"training\",\"registryScopes\":[\"*\"],"
            + "\"signatureVerification\":{\"level\":\"strict\"},"
            + "\"trustStores\":[\"ca:training\"],\"trustedIdentities\":[\"*\"]}]}");
    Files.writeString(
        config.resolve("trustpolicy.blob.json"),
        "{\"version\":\"1.0\",\"trustPolicies\":[{\"name\":\"training\",\"globalPolicy\":true,"
            + "\"signatureVerification\":{\"level\":\"strict\"},"
            + "\"trustStores\":[\"ca:training\"],\"trustedIdentities\":[\"*\"]}]}");
    Path file = Files.writeString(dir.resolve("app.txt"), "training artifact\n".repeat(4096));
    Path sbom = Files.writeString(dir.resolve("sbom.json"), "{\"spdxVersion\":\"SPDX-2.3\"}");
    String a = dir.resolve("a") + ":v1";
    String b = dir.resolve("b") + ":v1";
    String[] signer = {"--key", key.toString(), "--cert", cert.toString()};
    List<String[]> c = new ArrayList<>();
    c.add(new String[] {"--help"});
    c.add(new String[] {"--version"});
    for (String sub : new picocli.CommandLine(new Main()).getSubcommands().keySet()) {
      c.add(new String[] {sub, "--help"});
    }
    c.add(new String[] {"push", "--oci-layout", a, file.toString()});
    c.add(
        new String[] {
          "attach", "--oci-layout", "--artifact-type", "application/spdx+json", a, sbom.toString()
        });
    c.add(concat(new String[] {"sign", "--oci-layout"}, signer, new String[] {a}));
    c.add(
        concat(
            new String[] {"claim", "add", "--oci-layout", "--type", "application/sarif+json"},
            signer,
            new String[] {"--issuer", "https://training.example", a, sbom.toString()}));
    c.add(new String[] {"discover", "--oci-layout", a});
    c.add(new String[] {"discover", "--oci-layout", "-o", "json", a});
    c.add(new String[] {"copy", "-r", "--from-oci-layout", "--to-oci-layout", a, b});
    c.add(new String[] {"copy", "--from-oci-layout", "--to-oci-layout", a, dir.resolve("c") + ""});
    c.add(new String[] {"verify", "--oci-layout", "--config", config.toString(), b});
    c.add(new String[] {"verify", "--oci-layout", "--config", config.toString(), "-o", "json", b});
    c.add(new String[] {"claim", "list", "--oci-layout", "--config", config.toString(), b});
    c.add(new String[] {"resolve", "--oci-layout", b});
    c.add(new String[] {"manifest", "fetch", "--oci-layout", b});
    c.add(new String[] {"pull", "--oci-layout", "-o", dir.resolve("pulled").toString(), b});
    c.add(new String[] {"purge", "--oci-layout", "--dry-run", b});
    c.add(
        concat(
            new String[] {"blob", "sign", "--signature-directory", dir.toString()},
            signer,
            new String[] {file.toString()}));
    c.add(
        new String[] {
          "blob",
          "verify",
          "--config",
          config.toString(),
          "--signature",
          dir.resolve(file.getFileName() + ".cose.sig").toString(),
          file.toString()
        });
    String remote = registry + "/training/app:v1";
    c.add(new String[] {"discover", "--plain-http", remote});
    c.add(new String[] {"resolve", "--plain-http", remote});
    c.add(new String[] {"verify", "--plain-http", "--config", config.toString(), remote});
    c.add(new String[] {"copy", "-r", "--from-oci-layout", "--to-plain-http", a, remote});
    c.add(new String[] {"copy", "-r", "--from-plain-http", "--to-oci-layout", remote, b});
    c.add(new String[] {"copy", "-r", "--from-plain-http", "--to-plain-http", remote, remote});
    c.add(new String[] {"push", "--plain-http", remote, file.toString()});
    return c;
  }

  private static String[] concat(String[]... parts) {
    return Stream.of(parts).flatMap(Stream::of).toArray(String[]::new);
  }

  /**
   * A P-256 test CA (into {@code trustStore}) and a code-signing leaf it issued: the leaf's key at
   * {@code key} (PKCS #8 PEM), the chain leaf first at {@code cert}.
   */
  private static void writeSigner(Path key, Path cert, Path trustStore)
      throws IOException, GeneralSecurityException, OperatorCreationException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair caKeys = g.generateKeyPair();
    KeyPair leafKeys = g.generateKeyPair();
    X500Name caName = new X500Name("CN=training CA,O=ocitrust");
    X509Certificate ca =
        certificate(caName, caName, caKeys, caKeys.getPrivate(), true, BigInteger.ONE);
    X509Certificate leaf =
        certificate(
            new X500Name("CN=training,O=ocitrust"),
            caName,
            leafKeys,
            caKeys.getPrivate(),
            false,
            BigInteger.TWO);
    Files.createDirectories(trustStore);
    Files.writeString(trustStore.resolve("ca.crt"), pem("CERTIFICATE", ca.getEncoded()));
    Files.writeString(
        cert, pem("CERTIFICATE", leaf.getEncoded()) + pem("CERTIFICATE", ca.getEncoded()));
    Files.writeString(key, pem("PRIVATE KEY", leafKeys.getPrivate().getEncoded()));
  }

  private static X509Certificate certificate(
      X500Name subject,
      X500Name issuer,
      KeyPair keys,
      PrivateKey signer,
      boolean authority,
      BigInteger serial)
      throws IOException, GeneralSecurityException, OperatorCreationException {
    Instant now = Instant.now();
    X509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            issuer,
            serial,
            Date.from(now.minus(Duration.ofHours(1))),
            Date.from(now.plus(Duration.ofDays(1))),
            subject,
            keys.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(authority));
    if (authority) {
      b.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    } else {
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      b.addExtension(
          Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_codeSigning));
    }
    return new JcaX509CertificateConverter()
        .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
