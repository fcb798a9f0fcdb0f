package dev.ocitrust.policy;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * A validated statement of a trust policy, OCI or blob: what the verifier needs to check one
 * signature. Instances only come from validation ({@link OciTrustPolicy}, {@link BlobTrustPolicy}
 * or the statement builders), so every statement obeys every rule of the specification.
 *
 * <p>Immutable and thread-safe.
 *
 * <p><b>Security guarantees.</b> A statement whose level is not {@code skip} has at least one trust
 * store and at least one trusted identity; a {@code skip} statement has neither. Its {@link
 * #actions()} never lets integrity be anything but enforced (except under {@code skip}) and never
 * skips a check other than revocation.
 *
 * <pre>{@code
 * TrustPolicyStatement st = policy.statementFor("registry.acme-rockets.io/net-monitor@sha256:...");
 * if (st.actions().skipsVerification()) return;
 * for (TrustStoreRef ref : st.trustStores(TrustStoreType.CA)) { roots.addAll(store.certificates(ref)); }
 * st.trustedIdentities().verify(leaf);
 * }</pre>
 */
public sealed interface TrustPolicyStatement
    permits OciTrustPolicyStatement, BlobTrustPolicyStatement {
  /** The statement's unique name. */
  String name();

  /** Level, overrides and {@code verifyTimestamp}. */
  SignatureVerification signatureVerification();

  /**
   * The trust stores, in document order, each once (a store the document names twice keeps its
   * first place); empty only for {@code skip}.
   */
  List<TrustStoreRef> trustStores();

  /** The trusted identities; empty only for {@code skip}. */
  TrustedIdentities trustedIdentities();

  /** The resolved action of every check. */
  default VerificationActions actions() {
    return signatureVerification().actions();
  }

  /** The trust stores of one type, in document order. */
  default List<TrustStoreRef> trustStores(TrustStoreType type) {
    List<TrustStoreRef> out = new ArrayList<>();
    for (TrustStoreRef r : trustStores()) {
      if (r.type() == type) {
        out.add(r);
      }
    }
    return List.copyOf(out);
  }

  /**
   * The certificates of every store of {@code type} this statement names, in document order, read
   * from {@code store}: the trust anchors for that purpose ({@link TrustStoreType#CA} for {@code
   * notary.x509} signatures, {@link TrustStoreType#SIGNING_AUTHORITY} for {@code
   * notary.x509.signingAuthority}, {@link TrustStoreType#TSA} for time stamps).
   *
   * @return the certificates; empty only if the statement names no store of that type
   * @throws TrustStoreException if a named store is missing, empty or invalid
   */
  default List<X509Certificate> certificates(TrustStore store, TrustStoreType type)
      throws TrustStoreException {
    List<X509Certificate> out = new ArrayList<>();
    for (TrustStoreRef ref : trustStores(type)) {
      out.addAll(store.certificates(ref));
    }
    return List.copyOf(out);
  }
}
