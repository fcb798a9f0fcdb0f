package dev.ocitrust.policy.internal;

import dev.ocitrust.cose.CoseAlgorithm;
import java.util.Map;
import java.util.Optional;

/**
 * The plugin protocol's names for keys and algorithms (Notary Project signature specification,
 * algorithm selection): key specs {@code RSA-2048} … {@code EC-521}, signing algorithms {@code
 * RSASSA-PSS-SHA-256} … {@code ECDSA-SHA-512}, and the {@link CoseAlgorithm} (whose names are also
 * the JWS {@code alg} values) each one means. Stateless.
 */
public final class PluginAlgorithms {
  private static final Map<String, CoseAlgorithm> KEY_SPECS =
      Map.of(
          "RSA-2048", CoseAlgorithm.PS256,
          "RSA-3072", CoseAlgorithm.PS384,
          "RSA-4096", CoseAlgorithm.PS512,
          "EC-256", CoseAlgorithm.ES256,
          "EC-384", CoseAlgorithm.ES384,
          "EC-521", CoseAlgorithm.ES512);

  private static final Map<String, CoseAlgorithm> SIGNING_ALGORITHMS =
      Map.of(
          "RSASSA-PSS-SHA-256", CoseAlgorithm.PS256,
          "RSASSA-PSS-SHA-384", CoseAlgorithm.PS384,
          "RSASSA-PSS-SHA-512", CoseAlgorithm.PS512,
          "ECDSA-SHA-256", CoseAlgorithm.ES256,
          "ECDSA-SHA-384", CoseAlgorithm.ES384,
          "ECDSA-SHA-512", CoseAlgorithm.ES512);

  private PluginAlgorithms() {}

  /** The algorithm of a key spec, if it is one of the six. */
  public static Optional<CoseAlgorithm> ofKeySpec(String keySpec) {
    return Optional.ofNullable(KEY_SPECS.get(keySpec));
  }

  /** The algorithm of a signing algorithm name, if it is one of the six. */
  public static Optional<CoseAlgorithm> ofSigningAlgorithm(String name) {
    return Optional.ofNullable(SIGNING_ALGORITHMS.get(name));
  }

  /** The key spec of an algorithm. */
  public static String keySpec(CoseAlgorithm algorithm) {
    return find(KEY_SPECS, algorithm);
  }

  /** The signing algorithm name of an algorithm. */
  public static String signingAlgorithm(CoseAlgorithm algorithm) {
    return find(SIGNING_ALGORITHMS, algorithm);
  }

  private static String find(Map<String, CoseAlgorithm> map, CoseAlgorithm algorithm) {
    for (Map.Entry<String, CoseAlgorithm> e : map.entrySet()) {
      if (e.getValue().equals(algorithm)) {
        return e.getKey();
      }
    }
    throw new IllegalArgumentException(algorithm + " is not a Notary Project signing algorithm");
  }
}
