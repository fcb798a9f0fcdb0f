package dev.ocitrust.transparency.internal;

import dev.ocitrust.transparency.MerkleLogException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;

/**
 * The service's signing key in its directory: {@code service-key.p8} (PKCS#8) and {@code
 * service-key.spki} (its public key), a P-256 pair made on first use (owner-only permissions where
 * the file system has them) and read on every start, so receipts stay verifiable with the same key
 * set across restarts.
 */
public final class ServiceKeyFile {
  /** The private key's file name. */
  public static final String PRIVATE = "service-key.p8";

  /** The public key's file name. */
  public static final String PUBLIC = "service-key.spki";

  private ServiceKeyFile() {}

  /** The key pair in {@code dir}, made when missing. */
  public static KeyPair loadOrCreate(Path dir) throws IOException {
    Path priv = dir.resolve(PRIVATE);
    Path pub = dir.resolve(PUBLIC);
    if (!Files.exists(priv)) {
      KeyPair kp;
      try {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        kp = g.generateKeyPair();
      } catch (GeneralSecurityException e) {
        throw new IOException("cannot make a P-256 key: " + e.getMessage(), e);
      }
      Files.createDirectories(dir);
      write(pub, kp.getPublic().getEncoded());
      write(priv, kp.getPrivate().getEncoded());
      return kp;
    }
    try {
      KeyFactory kf = KeyFactory.getInstance("EC");
      return new KeyPair(
          kf.generatePublic(new X509EncodedKeySpec(Files.readAllBytes(pub))),
          kf.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(priv))));
    } catch (GeneralSecurityException e) {
      throw new MerkleLogException(
          priv + " and " + pub + " are not a PKCS#8 / SPKI EC key pair: " + e.getMessage());
    }
  }

  /** Writes {@code data} to a temporary file (owner-only) and renames it into place. */
  private static void write(Path file, byte[] data) throws IOException {
    Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
    try {
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the directory's own permissions apply
      }
      Files.write(tmp, data);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
