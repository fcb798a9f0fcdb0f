package dev.ocitrust.policy.internal;

import dev.ocitrust.cose.CoseAlgorithm;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The size and digest of a blob, read once as a stream in fixed-size chunks: memory stays constant
 * whatever the blob's size. The digest algorithm is the one the Notary Project specification
 * deduces from the signing key ({@code sha256}, {@code sha384} or {@code sha512}: the hash of the
 * signature algorithm).
 *
 * @param digest {@code algorithm:hex}, e.g. {@code sha384:...}
 * @param size the number of bytes read
 */
public record BlobDigest(String digest, long size) {
  private static final int CHUNK = 64 * 1024;

  /** The digest algorithm name of a blob signed with {@code algorithm}, e.g. {@code sha384}. */
  public static String algorithmName(CoseAlgorithm algorithm) {
    return algorithm.hashName().replace("-", "").toLowerCase(Locale.ROOT);
  }

  /**
   * Reads {@code in} to its end (it is not closed) and digests it with the hash of {@code
   * algorithm}.
   *
   * @throws IOException if reading fails
   */
  public static BlobDigest of(InputStream in, CoseAlgorithm algorithm) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance(algorithm.hashName());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks " + algorithm.hashName(), e);
    }
    byte[] buffer = new byte[CHUNK];
    long size = 0;
    for (int n; (n = in.read(buffer)) >= 0; ) {
      md.update(buffer, 0, n);
      size += n;
    }
    return new BlobDigest(
        algorithmName(algorithm) + ":" + HexFormat.of().formatHex(md.digest()), size);
  }
}
