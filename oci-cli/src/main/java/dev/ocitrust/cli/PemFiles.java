package dev.ocitrust.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.jspecify.annotations.Nullable;

/**
 * Reads the files the signing commands take: a PEM private key (PKCS #8 {@code PRIVATE KEY}, PKCS
 * #1 {@code RSA PRIVATE KEY}, SEC1 {@code EC PRIVATE KEY}), a PEM certificate chain (leaf first),
 * and a bounded regular file. Every failure is an {@link IllegalArgumentException} (a usage error)
 * naming the file and the option it came from.
 */
final class PemFiles {
  /** The largest key or certificate file read. */
  static final int MAX_PEM_BYTES = 1024 * 1024;

  private PemFiles() {}

  /**
   * The bytes of the regular file {@code file}, at most {@code max}.
   *
   * @param what how to name the file in messages, e.g. {@code --key}
   */
  static byte[] read(Path file, long max, String what) {
    if (!Files.exists(file)) {
      throw new IllegalArgumentException(what + ": " + file + " does not exist");
    }
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(what + ": " + file + " is not a regular file");
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
      if (bytes.length > max) {
        throw new IllegalArgumentException(
            what + ": " + file + " is larger than the limit of " + max + " bytes");
      }
      return bytes;
    } catch (IOException e) {
      throw new IllegalArgumentException(what + ": " + file + " cannot be read: " + e, e);
    }
  }

  /** The private key in the PEM file {@code file}. */
  static PrivateKey privateKey(Path file, String what) {
    String text = text(file, what);
    Object found = null;
    try (PEMParser pem = new PEMParser(new StringReader(text))) {
      for (Object o = pem.readObject(); o != null && found == null; o = pem.readObject()) {
        // EC PARAMETERS before an EC PRIVATE KEY, or any other block: read on
        if (o instanceof PrivateKeyInfo
            || o instanceof PEMKeyPair
            || o instanceof PKCS8EncryptedPrivateKeyInfo
            || o instanceof PEMEncryptedKeyPair) {
          found = o;
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          what + ": " + file + " is not a PEM private key: " + Main.describe(e), e);
    }
    if (found == null) {
      throw new IllegalArgumentException(
          what
              + ": "
              + file
              + " holds no PEM private key (PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY)");
    }
    if (found instanceof PKCS8EncryptedPrivateKeyInfo || found instanceof PEMEncryptedKeyPair) {
      throw new IllegalArgumentException(
          what
              + ": "
              + file
              + " is an encrypted private key: decrypt it first (openssl pkey -in "
              + file
              + " -out KEY.pem)");
    }
    PrivateKeyInfo info =
        found instanceof PEMKeyPair pair ? pair.getPrivateKeyInfo() : (PrivateKeyInfo) found;
    try {
      return new JcaPEMKeyConverter().getPrivateKey(info);
    } catch (PEMException | RuntimeException e) {
      throw new IllegalArgumentException(
          what + ": " + file + " holds no usable private key: " + Main.describe(e), e);
    }
  }

  /** The certificates in the PEM file {@code file}, in file order; at least one. */
  static List<X509Certificate> certificates(Path file, String what) {
    String text = text(file, what);
    List<Object> blocks = new ArrayList<>();
    try (PEMParser pem = new PEMParser(new StringReader(text))) {
      for (Object o = pem.readObject(); o != null; o = pem.readObject()) {
        blocks.add(o);
      }
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          what + ": " + file + " is not a PEM certificate chain: " + Main.describe(e), e);
    }
    JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
    List<X509Certificate> out = new ArrayList<>();
    for (Object o : blocks) {
      if (!(o instanceof X509CertificateHolder holder)) {
        throw new IllegalArgumentException(
            what
                + ": "
                + file
                + " holds a PEM block that is not a CERTIFICATE (block "
                + (out.size() + 1)
                + ")");
      }
      try {
        out.add(converter.getCertificate(holder));
      } catch (CertificateException e) {
        throw new IllegalArgumentException(
            what + ": " + file + " holds an unreadable certificate: " + e.getMessage(), e);
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(
          what + ": " + file + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
    }
    return List.copyOf(out);
  }

  private static String text(Path file, String what) {
    return new String(read(file, MAX_PEM_BYTES, what), StandardCharsets.US_ASCII);
  }

  /**
   * Checks that {@code key} (from {@code keyFile}) is the key of the first certificate of {@code
   * chain} (from {@code certFile}), by signing with it and verifying with the certificate.
   */
  static void checkPair(PrivateKey key, Path keyFile, List<X509Certificate> chain, Path certFile) {
    String algorithm = probeAlgorithm(key);
    if (algorithm == null) {
      return; // a key type the signers will name themselves
    }
    if (matches(key, algorithm, chain.get(0).getPublicKey())) {
      return;
    }
    for (int i = 1; i < chain.size(); i++) {
      if (matches(key, algorithm, chain.get(i).getPublicKey())) {
        throw new IllegalArgumentException(
            "--cert "
                + certFile
                + ": the key "
                + keyFile
                + " belongs to certificate "
                + (i + 1)
                + " of the file ("
                + chain.get(i).getSubjectX500Principal().getName()
                + "): put the signing certificate first, then its issuers (leaf first)");
      }
    }
    throw new IllegalArgumentException(
        "the key "
            + keyFile
            + " does not match the certificate "
            + certFile
            + " ("
            + chain.get(0).getSubjectX500Principal().getName()
            + "): pass the certificate chain of this key, leaf first");
  }

  private static @Nullable String probeAlgorithm(PrivateKey key) {
    return switch (key.getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "EC", "ECDSA" -> "SHA256withECDSA";
      case "Ed25519", "EdDSA" -> "Ed25519";
      default -> null;
    };
  }

  private static boolean matches(PrivateKey key, String algorithm, PublicKey publicKey) {
    byte[] probe = new byte[32];
    new SecureRandom().nextBytes(probe);
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(publicKey);
      verifier.update(probe);
      return verifier.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false; // another key type, or another curve: not this key's certificate
    }
  }
}
