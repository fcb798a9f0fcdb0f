package dev.ocitrust.cose.internal;

import dev.ocitrust.cose.CoseSignatureException;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;

/**
 * The JCA/BouncyCastle glue for COSE signatures, keyed by COSE algorithm id.
 *
 * <p>ECDSA: COSE carries {@code r||s} with each half left-padded to the curve size; JCA wants DER,
 * so both directions convert here. Signing with an in-memory EC key uses RFC 6979 deterministic
 * nonces (BouncyCastle's lightweight {@link ECDSASigner}); opaque keys (HSM, PKCS#11) go through
 * JCA. RSASSA-PSS uses MGF1 with the message hash and salt length = hash length. Only JDK
 * providers are used through JCA; no provider is registered globally.
 *
 * <p>Thread-safe: stateless.
 */
public final class SignatureOps {
  private SignatureOps() {}

  /** Bytes of one ECDSA coordinate for COSE alg {@code id}, or 0. */
  public static int ecCoordinateBytes(int id) {
    return switch (id) {
      case -7 -> 32;
      case -35 -> 48;
      case -36 -> 66;
      default -> 0;
    };
  }

  private static String hash(int id) {
    return switch (id) {
      case -7, -37 -> "SHA-256";
      case -35, -38 -> "SHA-384";
      default -> "SHA-512";
    };
  }

  private static Signature jca(int id) throws GeneralSecurityException {
    if (ecCoordinateBytes(id) > 0) {
      return Signature.getInstance(hash(id).replace("-", "") + "withECDSA");
    }
    if (id == -8) {
      return Signature.getInstance("Ed25519");
    }
    Signature s = Signature.getInstance("RSASSA-PSS");
    String h = hash(id);
    int saltLen = h.equals("SHA-256") ? 32 : h.equals("SHA-384") ? 48 : 64;
    s.setParameter(new PSSParameterSpec(h, "MGF1", new MGF1ParameterSpec(h), saltLen, 1));
    return s;
  }

  /** Signs {@code toBeSigned} with COSE alg {@code id}; ECDSA output is raw {@code r||s}. */
  public static byte[] sign(int id, PrivateKey key, byte[] toBeSigned, SecureRandom random)
      throws GeneralSecurityException {
    int n = ecCoordinateBytes(id);
    if (n > 0 && key instanceof ECPrivateKey ec && ec.getS() != null) {
      return deterministicEcdsa(id, ec, toBeSigned, n);
    }
    Signature s = jca(id);
    s.initSign(key, random);
    s.update(toBeSigned);
    byte[] sig = s.sign();
    return n > 0 ? derToRaw(sig, n) : sig;
  }

  private static byte[] deterministicEcdsa(int id, ECPrivateKey key, byte[] tbs, int n)
      throws GeneralSecurityException {
    String curve = n == 32 ? "P-256" : n == 48 ? "P-384" : "P-521";
    int fieldBits = key.getParams().getCurve().getField().getFieldSize();
    if ((fieldBits + 7) / 8 != n) {
      throw new CoseSignatureException(
          "EC key of " + fieldBits + " bits does not match " + curve + " for COSE alg " + id);
    }
    X9ECParameters x9 = ECNamedCurveTable.getByName(curve);
    ECDomainParameters dp = new ECDomainParameters(x9);
    Digest digest = switch (n) {
      case 32 -> new SHA256Digest();
      case 48 -> new SHA384Digest();
      default -> new SHA512Digest();
    };
    ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(digest));
    signer.init(true, new ECPrivateKeyParameters(key.getS(), dp));
    byte[] h = MessageDigest.getInstance(hash(id)).digest(tbs);
    BigInteger[] rs = signer.generateSignature(h);
    byte[] out = new byte[2 * n];
    fixed(rs[0], out, 0, n);
    fixed(rs[1], out, n, n);
    return out;
  }

  private static void fixed(BigInteger v, byte[] out, int off, int n) {
    byte[] b = v.toByteArray();
    int strip = b.length > n ? b.length - n : 0;
    System.arraycopy(b, strip, out, off + n - (b.length - strip), b.length - strip);
  }

  /**
   * Verifies {@code signature} over {@code toBeSigned}.
   *
   * @throws CoseSignatureException if it does not verify or has the wrong shape
   */
  public static void verify(int id, PublicKey key, byte[] toBeSigned, byte[] signature)
      throws CoseSignatureException {
    int n = ecCoordinateBytes(id);
    try {
      byte[] sig = signature;
      if (n > 0) {
        if (signature.length != 2 * n) {
          throw new CoseSignatureException("ECDSA signature must be " + (2 * n)
              + " bytes (r||s) for COSE alg " + id + ", found " + signature.length);
        }
        sig = rawToDer(signature, n);
      }
      Signature s = jca(id);
      s.initVerify(key);
      s.update(toBeSigned);
      if (!s.verify(sig)) {
        throw new CoseSignatureException("signature does not verify (COSE alg " + id + ")");
      }
    } catch (CoseSignatureException e) {
      throw e;
    } catch (GeneralSecurityException | RuntimeException e) {
      // JCA providers signal malformed signatures with SignatureException or, for some inputs,
      // unchecked exceptions; both mean "does not verify".
      throw new CoseSignatureException(
          "signature does not verify (COSE alg " + id + "): " + e.getMessage(), e);
    }
  }

  /** DER ECDSA-Sig-Value from raw {@code r||s}. */
  public static byte[] rawToDer(byte[] raw, int n) throws CoseSignatureException {
    BigInteger r = new BigInteger(1, Arrays.copyOfRange(raw, 0, n));
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(raw, n, 2 * n));
    try {
      return new DERSequence(new ASN1Encodable[] {new ASN1Integer(r), new ASN1Integer(s)})
          .getEncoded();
    } catch (IOException e) {
      throw new CoseSignatureException("cannot encode ECDSA signature", e);
    }
  }

  /** Raw {@code r||s} from a DER ECDSA-Sig-Value. */
  public static byte[] derToRaw(byte[] der, int n) throws CoseSignatureException {
    try {
      ASN1Sequence seq = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(der));
      BigInteger r = ASN1Integer.getInstance(seq.getObjectAt(0)).getPositiveValue();
      BigInteger s = ASN1Integer.getInstance(seq.getObjectAt(1)).getPositiveValue();
      if (r.bitLength() > 8 * n || s.bitLength() > 8 * n) {
        throw new CoseSignatureException("ECDSA signature value wider than " + n + " bytes");
      }
      byte[] out = new byte[2 * n];
      fixed(r, out, 0, n);
      fixed(s, out, n, n);
      return out;
    } catch (IOException | RuntimeException e) {
      throw new CoseSignatureException("malformed DER ECDSA signature", e);
    }
  }
}
