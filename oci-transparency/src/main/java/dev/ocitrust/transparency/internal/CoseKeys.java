package dev.ocitrust.transparency.internal;

import dev.ocitrust.cose.CoseAlgorithm;
import dev.ocitrust.cose.internal.Cbor;
import dev.ocitrust.cose.internal.CborEncoder;
import java.math.BigInteger;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** COSE_Key (RFC 9052 §7) encodings of EC2 public keys and their RFC 9679 thumbprints. */
public final class CoseKeys {
  private CoseKeys() {}

  /** The COSE_Key map of an EC public key, with {@code kid} and {@code alg}. */
  public static Cbor.MapItem ec2(PublicKey key, CoseAlgorithm alg, byte[] kid) {
    Map<Cbor, Cbor> m = required(key, alg);
    m.put(new Cbor.Int(2), new Cbor.Bytes(kid));
    m.put(new Cbor.Int(3), new Cbor.Int(alg.id()));
    return new Cbor.MapItem(m);
  }

  /** The RFC 9679 COSE Key thumbprint (SHA-256 over kty, crv, x, y, deterministically encoded). */
  public static byte[] thumbprint(PublicKey key, CoseAlgorithm alg) {
    return Rfc9162.sha256().digest(CborEncoder.encode(new Cbor.MapItem(required(key, alg))));
  }

  private static Map<Cbor, Cbor> required(PublicKey key, CoseAlgorithm alg) {
    if (!(key instanceof ECPublicKey ec)) {
      throw new IllegalArgumentException(
          "the service key must be an EC key, found " + key.getAlgorithm());
    }
    int n = alg.ecCoordinateBytes();
    long crv = alg.equals(CoseAlgorithm.ES256) ? 1 : alg.equals(CoseAlgorithm.ES384) ? 2 : 3;
    Map<Cbor, Cbor> m = new LinkedHashMap<>();
    m.put(new Cbor.Int(1), new Cbor.Int(2));
    m.put(new Cbor.Int(-1), new Cbor.Int(crv));
    m.put(new Cbor.Int(-2), new Cbor.Bytes(fixed(ec.getW().getAffineX(), n)));
    m.put(new Cbor.Int(-3), new Cbor.Bytes(fixed(ec.getW().getAffineY(), n)));
    return m;
  }

  private static byte[] fixed(BigInteger v, int n) {
    byte[] b = v.toByteArray();
    if (b.length == n) {
      return b;
    }
    if (b.length > n) {
      return Arrays.copyOfRange(b, b.length - n, b.length);
    }
    byte[] out = new byte[n];
    System.arraycopy(b, 0, out, n - b.length, b.length);
    return out;
  }
}
