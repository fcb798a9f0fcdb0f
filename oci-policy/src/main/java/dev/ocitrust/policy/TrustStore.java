package dev.ocitrust.policy;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A source of trusted certificates, organised as named stores of three {@link TrustStoreType
 * types}. Implementations: {@link DirectoryTrustStore} (notation's directory layout) and {@link
 * InMemoryTrustStore} (certificates supplied in code).
 *
 * <p><b>Contract.</b> {@link #certificates} returns a non-empty, unmodifiable list, or throws: a
 * store that does not exist, is empty, or holds a certificate its type does not allow is an error,
 * never an empty list. Every returned certificate satisfies the rules of its type ({@code ca} and
 * {@code signingAuthority}: CA certificates or self-signed certificates; {@code tsa}: self-signed,
 * self-issued root CAs). Implementations are thread-safe.
 *
 * <p><b>Security guarantees.</b> A trust store only supplies anchors; it never decides trust by
 * itself. The verifier anchors a signature's chain in the stores its policy statement names and of
 * the type its signing scheme requires.
 *
 * <pre>{@code
 * TrustStore store = DirectoryTrustStore.atConfigDirectory(NotationPaths.userDefault().configDirectory());
 * List<X509Certificate> roots = store.certificates(TrustStoreRef.parse("ca:acme-rockets"));
 * }</pre>
 */
public interface TrustStore {
  /**
   * The certificates of one named store.
   *
   * @return a non-empty, unmodifiable list
   * @throws TrustStoreException if the store does not exist, cannot be read, is empty, breaks the
   *     layout rules or holds a certificate its type does not allow; the message names the store
   *     and type (and the file)
   */
  List<X509Certificate> certificates(TrustStoreRef store) throws TrustStoreException;
}
