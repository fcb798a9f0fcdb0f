package dev.ocitrust.cose;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;

/** Fresh key pairs for tests. */
final class TestKeys {
  private TestKeys() {}

  static KeyPair ec(String curve) {
    try {
      KeyPairGenerator g =
          !curve.startsWith("secp") || curve.endsWith("k1") || curve.equals("secp224r1")
              ? KeyPairGenerator.getInstance(
                  "EC", new org.bouncycastle.jce.provider.BouncyCastleProvider())
              : KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec(curve));
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static KeyPair rsa(int bits) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(bits);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static KeyPair ed25519() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
