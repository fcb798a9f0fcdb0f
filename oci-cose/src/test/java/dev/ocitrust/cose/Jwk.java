package dev.ocitrust.cose;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/** Turns the cose-wg Examples JWK-like key objects into JCA keys. */
final class Jwk {
  private Jwk() {}

  static byte[] field(JsonNode key, String name) {
    if (key.has(name)) {
      return Base64.getUrlDecoder().decode(key.get(name).asText());
    }
    return HexFormat.of().parseHex(key.get(name + "_hex").asText());
  }

  private static ECParameterSpec ec(String crv) throws GeneralSecurityException {
    String std =
        switch (crv) {
          case "P-256" -> "secp256r1";
          case "P-384" -> "secp384r1";
          case "P-521" -> "secp521r1";
          default -> throw new IllegalArgumentException(crv);
        };
    AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
    p.init(new ECGenParameterSpec(std));
    return p.getParameterSpec(ECParameterSpec.class);
  }

  static PublicKey publicKey(JsonNode key) throws GeneralSecurityException {
    String kty = key.get("kty").asText();
    String crv = key.get("crv").asText();
    if (kty.equals("OKP")) {
      byte[] prefix = HexFormat.of().parseHex("302a300506032b6570032100");
      byte[] x = field(key, "x");
      byte[] enc = new byte[prefix.length + x.length];
      System.arraycopy(prefix, 0, enc, 0, prefix.length);
      System.arraycopy(x, 0, enc, prefix.length, x.length);
      return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(enc));
    }
    ECPoint w = new ECPoint(new BigInteger(1, field(key, "x")), new BigInteger(1, field(key, "y")));
    return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, ec(crv)));
  }

  static PrivateKey privateKey(JsonNode key) throws GeneralSecurityException {
    String kty = key.get("kty").asText();
    if (kty.equals("OKP")) {
      byte[] prefix = HexFormat.of().parseHex("302e020100300506032b657004220420");
      byte[] d = field(key, "d");
      byte[] enc = new byte[prefix.length + d.length];
      System.arraycopy(prefix, 0, enc, 0, prefix.length);
      System.arraycopy(d, 0, enc, prefix.length, d.length);
      return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(enc));
    }
    return KeyFactory.getInstance("EC")
        .generatePrivate(
            new ECPrivateKeySpec(new BigInteger(1, field(key, "d")), ec(key.get("crv").asText())));
  }
}
