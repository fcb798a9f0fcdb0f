package dev.ocitrust.cose;

import dev.ocitrust.cose.internal.EcCurves;
import java.security.Key;
import java.security.interfaces.ECKey;
import java.security.interfaces.EdECKey;
import java.security.interfaces.RSAKey;
import java.util.List;
import java.util.Optional;

/**
 * A COSE signature algorithm (RFC 9053 / IANA COSE Algorithms) that oci-cose implements: ECDSA
 * ES256/ES384/ES512 (raw {@code r||s} signatures), RSASSA-PSS PS256/PS384/PS512 (MGF1 with the same
 * hash, salt length = hash length) and EdDSA with Ed25519.
 *
 * <p>Not an enum so that the set can grow without breaking switch statements; instances are
 * compared by {@link #id()}. Immutable and thread-safe.
 *
 * <p>Security guarantees: {@link #forKey(Key)} is the only way oci-cose picks an algorithm during
 * verification; a message whose {@code alg} header names another algorithm is rejected, which
 * blocks algorithm-substitution attacks.
 *
 * <pre>{@code
 * CoseAlgorithm alg = CoseAlgorithm.forKey(certificate.getPublicKey()); // e.g. PS384 for RSA-3072
 * }</pre>
 */
public final class CoseAlgorithm {
  /** ECDSA with SHA-256 on P-256 (-7). */
  public static final CoseAlgorithm ES256 = new CoseAlgorithm(-7, "ES256", "SHA-256", 256);

  /** ECDSA with SHA-384 on P-384 (-35). */
  public static final CoseAlgorithm ES384 = new CoseAlgorithm(-35, "ES384", "SHA-384", 384);

  /** ECDSA with SHA-512 on P-521 (-36). */
  public static final CoseAlgorithm ES512 = new CoseAlgorithm(-36, "ES512", "SHA-512", 521);

  /** RSASSA-PSS with SHA-256 (-37). */
  public static final CoseAlgorithm PS256 = new CoseAlgorithm(-37, "PS256", "SHA-256", 2048);

  /** RSASSA-PSS with SHA-384 (-38). */
  public static final CoseAlgorithm PS384 = new CoseAlgorithm(-38, "PS384", "SHA-384", 3072);

  /** RSASSA-PSS with SHA-512 (-39). */
  public static final CoseAlgorithm PS512 = new CoseAlgorithm(-39, "PS512", "SHA-512", 4096);

  /** EdDSA (-8); oci-cose supports the Ed25519 curve. */
  public static final CoseAlgorithm EDDSA = new CoseAlgorithm(-8, "EdDSA", "SHA-512", 255);

  private static final List<CoseAlgorithm> ALL =
      List.of(ES256, ES384, ES512, PS256, PS384, PS512, EDDSA);

  private final int id;
  private final String name;
  private final String hashName;
  private final int keyBits;

  private CoseAlgorithm(int id, String name, String hashName, int keyBits) {
    this.id = id;
    this.name = name;
    this.hashName = hashName;
    this.keyBits = keyBits;
  }

  /** Every algorithm oci-cose implements. */
  public static List<CoseAlgorithm> values() {
    return ALL;
  }

  /** The algorithm with COSE identifier {@code id}, if supported. */
  public static Optional<CoseAlgorithm> fromId(long id) {
    for (CoseAlgorithm a : ALL) {
      if (a.id == id) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  /**
   * The algorithm a key implies, following the Notary Project mapping: RSA 2048/3072/4096 bits →
   * PS256/PS384/PS512; EC P-256/P-384/P-521 → ES256/ES384/ES512; Ed25519 → EdDSA.
   *
   * @throws CoseSignatureException for any other key type, size or curve
   */
  public static CoseAlgorithm forKey(Key key) throws CoseSignatureException {
    if (key instanceof RSAKey rsa) {
      int bits = rsa.getModulus().bitLength();
      for (CoseAlgorithm a : List.of(PS256, PS384, PS512)) {
        if (a.keyBits == bits) {
          return a;
        }
      }
      throw new CoseSignatureException(
          "unsupported RSA key size " + bits + " bits: expected 2048, 3072 or 4096");
    }
    if (key instanceof ECKey ec) {
      Optional<String> curve = EcCurves.nistName(ec.getParams());
      if (curve.isPresent()) {
        return switch (curve.get()) {
          case "P-256" -> ES256;
          case "P-384" -> ES384;
          default -> ES512;
        };
      }
      throw new CoseSignatureException(
          "unsupported EC curve of "
              + ec.getParams().getCurve().getField().getFieldSize()
              + " bits: expected P-256, P-384 or P-521");
    }
    if (key instanceof EdECKey ed && "Ed25519".equalsIgnoreCase(ed.getParams().getName())) {
      return EDDSA;
    }
    throw new CoseSignatureException(
        "unsupported key type " + key.getAlgorithm() + ": expected RSA, EC or Ed25519");
  }

  /**
   * Fails unless {@code key} can be used with this algorithm: an EC key on exactly this algorithm's
   * curve, an Ed25519 key for EdDSA, an RSA key of at least 2048 bits for PS*.
   */
  void checkKey(Key key) throws CoseSignatureException {
    boolean fits;
    if (isEcdsa()) {
      fits = key instanceof ECKey && forKey(key).equals(this);
    } else if (equals(EDDSA)) {
      fits = key instanceof EdECKey ed && "Ed25519".equalsIgnoreCase(ed.getParams().getName());
    } else {
      fits = key instanceof RSAKey rsa && rsa.getModulus().bitLength() >= 2048;
    }
    if (!fits) {
      throw new CoseSignatureException(
          "key " + key.getAlgorithm() + " cannot be used with algorithm " + this);
    }
  }

  /** The COSE algorithm identifier, e.g. -7 for ES256. */
  public int id() {
    return id;
  }

  /** The registered name, e.g. {@code ES256}. */
  public String name() {
    return name;
  }

  /** The JCA name of the hash this algorithm uses, e.g. {@code SHA-256}. */
  public String hashName() {
    return hashName;
  }

  boolean isEcdsa() {
    return id == -7 || id == -35 || id == -36;
  }

  /**
   * Bytes of one ECDSA coordinate (r or s) in the raw {@code r||s} signature, e.g. 32 for ES256 and
   * 66 for ES512; 0 for algorithms other than ECDSA.
   */
  public int ecCoordinateBytes() {
    return isEcdsa() ? (keyBits + 7) / 8 : 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CoseAlgorithm a && a.id == id;
  }

  @Override
  public int hashCode() {
    return id;
  }

  /** The registered name. */
  @Override
  public String toString() {
    return name;
  }
}
