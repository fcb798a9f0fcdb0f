package dev.ocitrust.policy;

import dev.ocitrust.policy.internal.TrustAnchorRules;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A trust store whose certificates are supplied in code, for applications that keep their roots
 * elsewhere than notation's directory (a secret store, a resource, a test). The certificates obey
 * the same per-type rules as {@link DirectoryTrustStore}; {@link Builder#build()} checks them.
 *
 * <p>Immutable and thread-safe.
 *
 * <p><b>Security guarantees.</b> As for every {@link TrustStore}: only certificates that pass the
 * rules of their store type are ever returned, and an unknown or empty store is an error.
 *
 * <pre>{@code
 * TrustStore store = InMemoryTrustStore.builder()
 *     .add(TrustStoreRef.parse("ca:acme-rockets"), acmeRoot)
 *     .add(TrustStoreRef.parse("tsa:public"), tsaRoot)
 *     .build();
 * }</pre>
 */
public final class InMemoryTrustStore implements TrustStore {
  private final Map<TrustStoreRef, List<X509Certificate>> stores;

  private InMemoryTrustStore(Map<TrustStoreRef, List<X509Certificate>> stores) {
    this.stores = stores;
  }

  /** A builder with no stores. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public List<X509Certificate> certificates(TrustStoreRef store) throws TrustStoreException {
    List<X509Certificate> certs = stores.get(store);
    if (certs == null) {
      throw new TrustStoreException(
          "the trust store \""
              + store.name()
              + "\" of type \""
              + store.type().value()
              + "\" does not exist");
    }
    return certs;
  }

  /** The named stores this instance holds. */
  public List<TrustStoreRef> stores() {
    return List.copyOf(stores.keySet());
  }

  @Override
  public String toString() {
    return "InMemoryTrustStore" + stores.keySet();
  }

  /** Collects certificates per named store; not thread-safe. */
  public static final class Builder {
    private final Map<TrustStoreRef, List<X509Certificate>> stores = new LinkedHashMap<>();

    private Builder() {}

    /** Adds certificates to the named store (creating it). */
    public Builder add(TrustStoreRef store, X509Certificate... certificates) {
      return add(store, List.of(certificates));
    }

    /** Adds certificates to the named store (creating it). */
    public Builder add(TrustStoreRef store, List<X509Certificate> certificates) {
      Objects.requireNonNull(store, "store");
      List<X509Certificate> list = stores.computeIfAbsent(store, k -> new ArrayList<>());
      for (X509Certificate c : certificates) {
        list.add(Objects.requireNonNull(c, "certificate"));
      }
      return this;
    }

    /**
     * Builds the store.
     *
     * @throws TrustStoreException if a store is empty or holds a certificate its type does not
     *     allow; the message names the store, the type and the certificate's position and subject
     */
    public InMemoryTrustStore build() throws TrustStoreException {
      Map<TrustStoreRef, List<X509Certificate>> copy = new LinkedHashMap<>();
      for (Map.Entry<TrustStoreRef, List<X509Certificate>> e : stores.entrySet()) {
        TrustStoreRef ref = e.getKey();
        String what = "trust store \"" + ref.name() + "\" of type \"" + ref.type().value() + "\"";
        if (e.getValue().isEmpty()) {
          throw new TrustStoreException("no x509 certificates were given for the " + what);
        }
        List<X509Certificate> certs = e.getValue();
        for (int i = 0; i < certs.size(); i++) {
          TrustAnchorRules.check(ref.type(), what, "certificate #" + (i + 1), certs.get(i));
        }
        copy.put(ref, List.copyOf(certs));
      }
      return new InMemoryTrustStore(copy);
    }
  }
}
