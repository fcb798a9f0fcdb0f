package dev.ocitrust.claims;

import dev.ocitrust.policy.TrustStoreRef;
import dev.ocitrust.policy.TrustStoreType;
import dev.ocitrust.policy.TrustedIdentities;
import java.util.List;
import java.util.Objects;

/**
 * An issuer a claim policy statement trusts: its name in the policy, its role, the {@code iss}
 * values its statements carry, the trust stores that anchor its certificate chains ({@code ca} or
 * {@code signingAuthority} stores for the chain, {@code tsa} stores for time stamps, in notation's
 * grammar) and the trusted identities its signing certificate must match ({@code x509.subject:
 * ...}, as in a trust policy).
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the issuer's name in the policy
 * @param role consumer or publisher
 * @param iss the {@code iss} values of its statements, at least one
 * @param trustStores its trust stores, at least one {@code ca} or {@code signingAuthority} store
 * @param trustedIdentities the identities its leaf certificate must match
 */
public record TrustedIssuer(
    String name,
    IssuerRole role,
    List<String> iss,
    List<TrustStoreRef> trustStores,
    TrustedIdentities trustedIdentities) {

  /**
   * An issuer.
   *
   * @throws IllegalArgumentException if a list is empty or no store can anchor a chain
   */
  public TrustedIssuer {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    iss = List.copyOf(iss);
    trustStores = List.copyOf(trustStores);
    Objects.requireNonNull(trustedIdentities, "trustedIdentities");
    if (name.isEmpty() || iss.isEmpty() || trustedIdentities.isEmpty()) {
      throw new IllegalArgumentException(
          "issuer \"" + name + "\" needs a name, iss values and trusted identities");
    }
    if (trustStores.stream().noneMatch(s -> s.type() != TrustStoreType.TSA)) {
      throw new IllegalArgumentException(
          "issuer \"" + name + "\" needs a ca or signingAuthority trust store for its chains");
    }
  }

  /** Its stores of {@code type}. */
  public List<TrustStoreRef> stores(TrustStoreType type) {
    return trustStores.stream().filter(s -> s.type() == type).toList();
  }
}
