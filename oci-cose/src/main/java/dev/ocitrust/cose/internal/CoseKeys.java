package dev.ocitrust.cose.internal;

import dev.ocitrust.cose.CoseFormatException;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;

/**
 * COSE_Key (RFC 9052 §7, RFC 9053 §7) to and from JCA public keys, for EC2 (P-256/384/521), OKP
 * (Ed25519) and RSA; and the key identifiers a transparency service may use for a key: the RFC 9679
 * COSE Key Thumbprint, and the ASCII hex SHA-256 of the SubjectPublicKeyInfo (scitt-ccf-ledger).
 *
 * <p>Thread-safe: stateless.
 */
public final class CoseKeys {
  private static final byte[] ED25519_SPKI_PREFIX =
      HexFormat.of().parseHex("302a300506032b6570032100");

  private CoseKeys() {}

  /** The public key of a COSE_Key map; private parameters ({@code d}) are refused. */
  public static PublicKey toPublicKey(Cbor key, String what) throws CoseFormatException {
    if (!(key instanceof Cbor.MapItem map)) {
      throw new CoseFormatException(what + ": expected a COSE_Key map, found " + Cbor.kind(key));
    }
    long kty = CborReader.uint(need(map, 1, what + " kty (1)"), what + " kty (1)");
    try {
      if (kty == 2) {
        if (map.get(new Cbor.Int(-4)) != null) {
          throw new CoseFormatException(what + ": holds a private key (d), refused");
        }
        long crv = CborReader.uint(need(map, -1, what + " crv (-1)"), what + " crv (-1)");
        String curve =
            switch ((int) crv) {
              case 1 -> "P-256";
              case 2 -> "P-384";
              case 3 -> "P-521";
              default -> throw new CoseFormatException(what + ": unsupported EC2 curve " + crv);
            };
        BigInteger x = new BigInteger(1, CborReader.bytes(need(map, -2, what + " x"), what + " x"));
        BigInteger y = new BigInteger(1, CborReader.bytes(need(map, -3, what + " y"), what + " y"));
        try {
          ECNamedCurveTable.getByName(curve).getCurve().validatePoint(x, y);
        } catch (IllegalArgumentException e) {
          throw new CoseFormatException(what + ": the point is not on " + curve, e);
        }
        AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
        p.init(
            new ECGenParameterSpec(
                curve.equals("P-256")
                    ? "secp256r1"
                    : curve.equals("P-384") ? "secp384r1" : "secp521r1"));
        ECParameterSpec spec = p.getParameterSpec(ECParameterSpec.class);
        return KeyFactory.getInstance("EC")
            .generatePublic(new ECPublicKeySpec(new ECPoint(x, y), spec));
      }
      if (kty == 1) {
        if (map.get(new Cbor.Int(-4)) != null) {
          throw new CoseFormatException(what + ": holds a private key (d), refused");
        }
        long crv = CborReader.uint(need(map, -1, what + " crv (-1)"), what + " crv (-1)");
        byte[] x = CborReader.bytes(need(map, -2, what + " x"), what + " x");
        if (crv != 6 || x.length != 32) {
          throw new CoseFormatException(
              what + ": only Ed25519 (crv 6, 32-byte x) OKP keys are supported");
        }
        byte[] spki = Arrays.copyOf(ED25519_SPKI_PREFIX, 44);
        System.arraycopy(x, 0, spki, 12, 32);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
      }
      if (kty == 3) {
        BigInteger n = new BigInteger(1, CborReader.bytes(need(map, -1, what + " n"), what + " n"));
        BigInteger e = new BigInteger(1, CborReader.bytes(need(map, -2, what + " e"), what + " e"));
        return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
      }
    } catch (GeneralSecurityException e) {
      throw new CoseFormatException(what + ": not a usable public key: " + e.getMessage(), e);
    }
    throw new CoseFormatException(what + ": unsupported key type (kty) " + kty);
  }

  /** The COSE_Key holding only the required public parameters of {@code key}. */
  public static Cbor.MapItem fromPublicKey(PublicKey key) throws CoseFormatException {
    Map<Cbor, Cbor> m = new LinkedHashMap<>();
    if (key instanceof ECPublicKey ec) {
      String curve =
          EcCurves.nistName(ec.getParams())
              .orElseThrow(() -> new CoseFormatException("EC key is not on P-256, P-384 or P-521"));
      int crv = curve.equals("P-256") ? 1 : curve.equals("P-384") ? 2 : 3;
      int size = (ec.getParams().getCurve().getField().getFieldSize() + 7) / 8;
      m.put(new Cbor.Int(1), new Cbor.Int(2));
      m.put(new Cbor.Int(-1), new Cbor.Int(crv));
      m.put(new Cbor.Int(-2), new Cbor.Bytes(fixed(ec.getW().getAffineX(), size)));
      m.put(new Cbor.Int(-3), new Cbor.Bytes(fixed(ec.getW().getAffineY(), size)));
    } else if (key instanceof RSAPublicKey rsa) {
      m.put(new Cbor.Int(1), new Cbor.Int(3));
      m.put(new Cbor.Int(-1), new Cbor.Bytes(unsigned(rsa.getModulus())));
      m.put(new Cbor.Int(-2), new Cbor.Bytes(unsigned(rsa.getPublicExponent())));
    } else if ("Ed25519".equals(key.getAlgorithm()) || "EdDSA".equals(key.getAlgorithm())) {
      byte[] spki = key.getEncoded();
      if (spki.length != 44) {
        throw new CoseFormatException("Ed25519 key with an unexpected encoding");
      }
      m.put(new Cbor.Int(1), new Cbor.Int(1));
      m.put(new Cbor.Int(-1), new Cbor.Int(6));
      m.put(new Cbor.Int(-2), new Cbor.Bytes(Arrays.copyOfRange(spki, 12, 44)));
    } else {
      throw new CoseFormatException("unsupported key type " + key.getAlgorithm());
    }
    return new Cbor.MapItem(m);
  }

  /** The RFC 9679 COSE Key Thumbprint (SHA-256) of {@code key}. */
  public static byte[] thumbprint(PublicKey key) throws CoseFormatException {
    return sha256(CborEncoder.encode(fromPublicKey(key)));
  }

  /** The ASCII bytes of the lower-case hex SHA-256 of the key's SubjectPublicKeyInfo. */
  public static byte[] spkiHexKid(PublicKey key) {
    return HexFormat.of()
        .formatHex(sha256(key.getEncoded()))
        .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }

  /** The explicit kid (2) of a COSE_Key, if it has one. */
  public static Optional<byte[]> keyId(Cbor.MapItem key) throws CoseFormatException {
    Cbor kid = key.get(new Cbor.Int(2));
    return kid == null ? Optional.empty() : Optional.of(CborReader.bytes(kid, "COSE_Key kid (2)"));
  }

  private static Cbor need(Cbor.MapItem map, long label, String what) throws CoseFormatException {
    Cbor v = map.get(new Cbor.Int(label));
    if (v == null) {
      throw new CoseFormatException(what + " is missing");
    }
    return v;
  }

  private static byte[] fixed(BigInteger v, int size) {
    byte[] u = unsigned(v);
    byte[] out = new byte[size];
    System.arraycopy(u, 0, out, size - u.length, u.length);
    return out;
  }

  private static byte[] unsigned(BigInteger v) {
    byte[] b = v.toByteArray();
    return b.length > 1 && b[0] == 0 ? Arrays.copyOfRange(b, 1, b.length) : b;
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
