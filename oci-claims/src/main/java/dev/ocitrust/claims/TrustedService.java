package dev.ocitrust.claims;

import dev.ocitrust.cose.ReceiptVerifier;
import dev.ocitrust.cose.ServiceKeys;
import java.util.Objects;
import java.util.Optional;

/**
 * A transparency service a claim policy statement trusts, declared in its {@code issuers} with role
 * {@code transparency-service}: its name in the policy, the {@code iss} its receipts sign (if the
 * policy pins one), and its public keys (a COSE_KeySet as the service serves it at {@code
 * /.well-known/scitt-keys}, or its certificates).
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * TrustedService ts = new TrustedService("acme-ts", Optional.of("https://ts.acme.example"),
 *     ServiceKeys.fromCoseKeySet(keySetBytes));
 * VerifiedReceipt r = ts.verifier().verify(TransparentStatement.parse(statement));
 * }</pre>
 *
 * @param name the service's name in the policy
 * @param iss the CWT {@code iss} its receipts must carry, when pinned
 * @param keys its public keys
 */
public record TrustedService(String name, Optional<String> iss, ServiceKeys keys) {
  /**
   * A service.
   *
   * @throws IllegalArgumentException if the name is empty
   */
  public TrustedService {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(iss, "iss");
    Objects.requireNonNull(keys, "keys");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("a transparency service needs a name");
    }
  }

  /** The verifier of this service's receipts. */
  public ReceiptVerifier verifier() {
    ReceiptVerifier.Builder b = ReceiptVerifier.builder(name, keys);
    iss.ifPresent(b::issuer);
    return b.build();
  }
}
