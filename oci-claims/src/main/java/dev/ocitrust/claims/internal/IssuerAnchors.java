package dev.ocitrust.claims.internal;

import dev.ocitrust.claims.TrustedIssuer;
import dev.ocitrust.cose.CoseException;
import dev.ocitrust.cose.TimestampVerifier;
import dev.ocitrust.policy.TrustStore;
import dev.ocitrust.policy.TrustStoreException;
import dev.ocitrust.policy.TrustStoreRef;
import dev.ocitrust.policy.TrustStoreType;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The trust anchors of one issuer for one evaluation, read once from the trust store: the
 * certificates of its {@code ca} and {@code signingAuthority} stores, the verifier over its {@code
 * tsa} stores, or the reason they cannot be used (then every claim of the issuer is ignored with
 * it).
 *
 * @param signingCertificates the certificates a chain may be anchored in
 * @param timestamps the verifier of time stamps, if the issuer has tsa stores
 * @param failure why the anchors cannot be used
 */
public record IssuerAnchors(
    List<X509Certificate> signingCertificates,
    Optional<TimestampVerifier> timestamps,
    Optional<String> failure) {

  /** Reads the anchors of {@code issuer} from {@code store}. */
  public static IssuerAnchors load(TrustedIssuer issuer, TrustStore store) {
    List<X509Certificate> signing = new ArrayList<>();
    List<X509Certificate> tsa = new ArrayList<>();
    for (TrustStoreRef ref : issuer.trustStores()) {
      try {
        (ref.type() == TrustStoreType.TSA ? tsa : signing).addAll(store.certificates(ref));
      } catch (TrustStoreException e) {
        return failed(
            "the trust store "
                + ref
                + " of issuer \""
                + issuer.name()
                + "\" cannot be used: "
                + e.getMessage());
      }
    }
    Optional<TimestampVerifier> timestamps = Optional.empty();
    if (!tsa.isEmpty()) {
      try {
        timestamps = Optional.of(TimestampVerifier.create(tsa));
      } catch (CoseException e) {
        return failed(
            "the tsa trust stores of issuer \""
                + issuer.name()
                + "\" cannot be used: "
                + e.getMessage());
      }
    }
    return new IssuerAnchors(List.copyOf(signing), timestamps, Optional.empty());
  }

  private static IssuerAnchors failed(String why) {
    return new IssuerAnchors(List.of(), Optional.empty(), Optional.of(why));
  }
}
