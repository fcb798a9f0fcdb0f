package dev.ocitrust.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A content digest, {@code algorithm ":" encoded}, as defined by the OCI image specification
 * ({@code descriptor.md#digests}).
 *
 * <p>Parsing follows the specification's grammar and then the rules of the registered algorithms:
 * {@code sha256} (64 lower-case hex characters) and {@code sha512} (128). A digest of any other
 * algorithm is refused, because its content could never be verified.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * Digest d = Digest.parse("sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae");
 * Digest e = Digest.sha256("foo".getBytes(StandardCharsets.UTF_8)); // equals d
 * }</pre>
 *
 * @param algorithm the algorithm, {@code sha256} or {@code sha512}
 * @param encoded the lower-case hex encoding of the hash
 */
public record Digest(String algorithm, String encoded) {
  /** The SHA-256 algorithm name. */
  public static final String SHA256 = "sha256";

  /** The SHA-512 algorithm name. */
  public static final String SHA512 = "sha512";

  private static final Pattern ALGORITHM = Pattern.compile("[a-z0-9]+(?:[+._-][a-z0-9]+)*");
  private static final Pattern ENCODED = Pattern.compile("[a-zA-Z0-9=_-]+");
  private static final Pattern HEX = Pattern.compile("[a-f0-9]+");

  /**
   * Creates a digest after validating both parts.
   *
   * @throws InvalidDigestException if either part breaks the grammar or the algorithm's rules
   */
  public Digest {
    if (algorithm == null || encoded == null) {
      throw new InvalidDigestException("a digest needs an algorithm and an encoded part");
    }
    if (!ALGORITHM.matcher(algorithm).matches()) {
      throw new InvalidDigestException(
          "invalid digest algorithm '" + clip(algorithm) + "': expected e.g. sha256");
    }
    if (!ENCODED.matcher(encoded).matches()) {
      throw new InvalidDigestException(
          "invalid encoded part of " + algorithm + " digest: '" + clip(encoded) + "'");
    }
    int expectedLength = hexLength(algorithm);
    if (encoded.length() != expectedLength || !HEX.matcher(encoded).matches()) {
      throw new InvalidDigestException(
          "invalid "
              + algorithm
              + " digest '"
              + clip(encoded)
              + "': expected "
              + expectedLength
              + " lower-case hex characters");
    }
  }

  /**
   * Parses {@code algorithm:encoded}.
   *
   * @throws InvalidDigestException naming the offending part
   */
  public static Digest parse(String digest) {
    if (digest == null) {
      throw new InvalidDigestException("digest is null");
    }
    int colon = digest.indexOf(':');
    if (colon <= 0 || colon == digest.length() - 1) {
      throw new InvalidDigestException(
          "invalid digest '" + clip(digest) + "': expected algorithm:encoded");
    }
    return new Digest(digest.substring(0, colon), digest.substring(colon + 1));
  }

  /** The SHA-256 digest of {@code bytes}. */
  public static Digest sha256(byte[] bytes) {
    return of(SHA256, bytes);
  }

  /** The digest of {@code bytes} under {@code algorithm} ({@code sha256} or {@code sha512}). */
  public static Digest of(String algorithm, byte[] bytes) {
    MessageDigest md = newMessageDigest(algorithm);
    return new Digest(algorithm, HexFormat.of().formatHex(md.digest(bytes)));
  }

  /** The SHA-256 digest of the UTF-8 bytes of {@code text}. */
  public static Digest sha256(String text) {
    return sha256(text.getBytes(StandardCharsets.UTF_8));
  }

  /** A fresh {@link MessageDigest} for this digest's algorithm. */
  public MessageDigest newMessageDigest() {
    return newMessageDigest(algorithm);
  }

  /** Whether {@code hash} (raw bytes, as from {@link MessageDigest#digest()}) is this digest. */
  public boolean matches(byte[] hash) {
    return MessageDigest.isEqual(HexFormat.of().parseHex(encoded), hash);
  }

  @Override
  public String toString() {
    return algorithm + ":" + encoded;
  }

  private static MessageDigest newMessageDigest(String algorithm) {
    String jca =
        switch (algorithm) {
          case SHA256 -> "SHA-256";
          case SHA512 -> "SHA-512";
          default -> throw new InvalidDigestException("unsupported digest algorithm " + algorithm);
        };
    try {
      return MessageDigest.getInstance(jca);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks " + jca, e);
    }
  }

  private static int hexLength(String algorithm) {
    return switch (algorithm) {
      case SHA256 -> 64;
      case SHA512 -> 128;
      default ->
          throw new InvalidDigestException(
              "unsupported digest algorithm '" + clip(algorithm) + "': expected sha256 or sha512");
    };
  }

  static String clip(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
