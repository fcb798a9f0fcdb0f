package dev.ocitrust.cose.internal;

import dev.ocitrust.cose.CoseAlgorithm;
import dev.ocitrust.cose.CoseSignatureException;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Provider;
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
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.jcajce.provider.util.DigestFactory;
import org.jspecify.annotations.Nullable;

/**
 * The JCA/BouncyCastle glue for COSE signatures; every parameter (hash, ECDSA coordinate size, PSS
 * salt length) comes from the {@link CoseAlgorithm}.
 *
 * <p>ECDSA: COSE carries {@code r||s} with each half left-padded to the curve size; JCA wants DER,
 * so both directions convert here. Signing with an in-memory EC key uses RFC 6979 deterministic
 * nonces (BouncyCastle's lightweight {@link ECDSASigner}); opaque keys (HSM, PKCS#11) go through
 * JCA. RSASSA-PSS uses MGF1 with the message hash and salt length = hash length. Only JDK providers
 * are used through JCA; no provider is registered globally.
 *
 * <p>Thread-safe: stateless.
 */
public final class SignatureOps {
  private SignatureOps() {}

  private static Signature jca(CoseAlgorithm alg) throws GeneralSecurityException {
    return jca(alg, null);
  }

  private static Signature jca(CoseAlgorithm alg, @Nullable Provider provider)
      throws GeneralSecurityException {
    String h = alg.hashName();
    String name;
    if (alg.ecCoordinateBytes() > 0) {
      name = h.replace("-", "") + "withECDSA";
    } else if (alg.equals(CoseAlgorithm.EDDSA)) {
      name = "Ed25519";
    } else {
      name = "RSASSA-PSS";
    }
    Signature s =
        provider == null ? Signature.getInstance(name) : Signature.getInstance(name, provider);
    if (!name.equals("RSASSA-PSS")) {
      return s;
    }
    int saltLen = MessageDigest.getInstance(h).getDigestLength();
    s.setParameter(new PSSParameterSpec(h, "MGF1", new MGF1ParameterSpec(h), saltLen, 1));
    return s;
  }

  /** Signs {@code toBeSigned} with {@code alg}; ECDSA output is raw {@code r||s}. */
  public static byte[] sign(
      CoseAlgorithm alg, PrivateKey key, byte[] toBeSigned, SecureRandom random)
      throws GeneralSecurityException {
    return sign(alg, key, toBeSigned, random, null);
  }

  /**
   * As {@link #sign(CoseAlgorithm, PrivateKey, byte[], SecureRandom)}, through {@code provider}
   * when given (a PKCS #11 provider for a key that stays in its token); without one JCA picks the
   * provider that accepts the key.
   */
  public static byte[] sign(
      CoseAlgorithm alg,
      PrivateKey key,
      byte[] toBeSigned,
      SecureRandom random,
      @Nullable Provider provider)
      throws GeneralSecurityException {
    int n = alg.ecCoordinateBytes();
    if (provider == null && n > 0 && key instanceof ECPrivateKey ec && ec.getS() != null) {
      return deterministicEcdsa(alg, ec, toBeSigned, n);
    }
    Signature s = jca(alg, provider);
    s.initSign(key, random);
    s.update(toBeSigned);
    byte[] sig = s.sign();
    return n > 0 ? derToRaw(sig, n) : sig;
  }

  private static byte[] deterministicEcdsa(CoseAlgorithm alg, ECPrivateKey key, byte[] tbs, int n)
      throws GeneralSecurityException {
    X9ECParameters x9 =
        EcCurves.nistName(key.getParams()).map(ECNamedCurveTable::getByName).orElse(null);
    if (x9 == null || (x9.getCurve().getFieldSize() + 7) / 8 != n) {
      throw new CoseSignatureException(
          "EC key of "
              + key.getParams().getCurve().getField().getFieldSize()
              + " bits is not on the curve of "
              + alg);
    }
    ECDomainParameters dp = new ECDomainParameters(x9);
    ECDSASigner signer =
        new ECDSASigner(new HMacDSAKCalculator(DigestFactory.getDigest(alg.hashName())));
    signer.init(true, new ECPrivateKeyParameters(key.getS(), dp));
    byte[] h = MessageDigest.getInstance(alg.hashName()).digest(tbs);
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
  public static void verify(CoseAlgorithm alg, PublicKey key, byte[] toBeSigned, byte[] signature)
      throws CoseSignatureException {
    int n = alg.ecCoordinateBytes();
    try {
      byte[] sig = signature;
      if (n > 0) {
        if (signature.length != 2 * n) {
          throw new CoseSignatureException(
              "ECDSA signature must be "
                  + (2 * n)
                  + " bytes (r||s) for "
                  + alg
                  + ", found "
                  + signature.length);
        }
        sig = rawToDer(signature, n);
      }
      Signature s = jca(alg);
      s.initVerify(key);
      s.update(toBeSigned);
      if (!s.verify(sig)) {
        throw new CoseSignatureException("signature does not verify (" + alg + ")");
      }
    } catch (CoseSignatureException e) {
      throw e;
    } catch (GeneralSecurityException | RuntimeException e) {
      // JCA providers signal malformed signatures with SignatureException or, for some inputs,
      // unchecked exceptions; both mean "does not verify".
      throw new CoseSignatureException(
          "signature does not verify (" + alg + "): " + e.getMessage(), e);
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
