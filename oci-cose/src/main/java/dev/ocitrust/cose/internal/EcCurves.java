package dev.ocitrust.cose.internal;

import java.math.BigInteger;
import java.security.spec.ECFieldFp;
import java.security.spec.ECParameterSpec;
import java.util.Optional;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;

/**
 * Identifies the NIST curves COSE ECDSA uses by their domain parameters, not by field size: a
 * 256-bit field is also secp256k1 or brainpoolP256r1, which ES256 must not accept.
 *
 * <p>Thread-safe: stateless.
 */
public final class EcCurves {
  private EcCurves() {}

  /** "P-256", "P-384" or "P-521" when {@code spec} is exactly that curve. */
  public static Optional<String> nistName(ECParameterSpec spec) {
    if (!(spec.getCurve().getField() instanceof ECFieldFp fp)) {
      return Optional.empty();
    }
    for (String name : new String[] {"P-256", "P-384", "P-521"}) {
      X9ECParameters x9 = ECNamedCurveTable.getByName(name);
      BigInteger p = x9.getCurve().getField().getCharacteristic();
      if (p.equals(fp.getP())
          && x9.getN().equals(spec.getOrder())
          && x9.getCurve().getA().toBigInteger().equals(spec.getCurve().getA())
          && x9.getCurve().getB().toBigInteger().equals(spec.getCurve().getB())
          && x9.getG().getAffineXCoord().toBigInteger().equals(spec.getGenerator().getAffineX())
          && x9.getG().getAffineYCoord().toBigInteger().equals(spec.getGenerator().getAffineY())) {
        return Optional.of(name);
      }
    }
    return Optional.empty();
  }
}
