package dev.ocitrust.cose;

import dev.ocitrust.cose.internal.Cbor;
import dev.ocitrust.cose.internal.CborDecoder;
import dev.ocitrust.cose.internal.CoseKeys;
import dev.ocitrust.cose.internal.Hex;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The public keys of one transparency service, as it serves them at {@code /.well-known/scitt-keys}
 * (a COSE_KeySet, SCRAPI) or as certificates (scitt-ccf-ledger's service certificates). A receipt
 * names its key by {@code kid}; a key here answers to its explicit COSE_Key {@code kid}, to its RFC
 * 9679 COSE Key Thumbprint, and to the ASCII hex SHA-256 of its SubjectPublicKeyInfo (the kid CCF
 * services use).
 *
 * <p>Immutable and thread-safe.
 *
 * <p>Security guarantees: only public keys are accepted (a COSE_Key with {@code d} is refused); EC
 * points are checked to be on their curve; certificate validity is not checked here (receipts are
 * verified long after a service rotates its certificate, as upstream verifiers do).
 *
 * <pre>{@code
 * ServiceKeys keys = ServiceKeys.fromCoseKeySet(Files.readAllBytes(Path.of("scitt-keys.cbor")));
 * ReceiptVerifier verifier = ReceiptVerifier.builder("acme-ts", keys).build();
 * }</pre>
 */
public final class ServiceKeys {
  private final List<Entry> entries;

  private record Entry(PublicKey key, List<byte[]> kids) {}

  private ServiceKeys(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /**
   * Keys from a COSE_KeySet (an array of COSE_Key maps), or from one COSE_Key map.
   *
   * @throws CoseFormatException if the bytes are not that, a key is private, unsupported or
   *     malformed, or there is no key
   */
  public static ServiceKeys fromCoseKeySet(byte[] cbor) throws CoseFormatException {
    Cbor top = CborDecoder.decode(cbor);
    List<Cbor> keys = top instanceof Cbor.Array a ? a.items() : List.of(top);
    List<Entry> out = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      String what = "COSE_Key " + i;
      PublicKey k = CoseKeys.toPublicKey(keys.get(i), what);
      List<byte[]> kids = new ArrayList<>();
      if (keys.get(i) instanceof Cbor.MapItem m) {
        CoseKeys.keyId(m).ifPresent(kids::add);
      }
      out.add(entry(k, kids));
    }
    if (out.isEmpty()) {
      throw new CoseFormatException("the COSE_KeySet holds no key");
    }
    return new ServiceKeys(out);
  }

  /**
   * Keys from certificates (their public keys; validity is not checked).
   *
   * @throws CoseFormatException if a key type is not supported, or there is no certificate
   */
  public static ServiceKeys fromCertificates(Collection<X509Certificate> certificates)
      throws CoseFormatException {
    List<Entry> out = new ArrayList<>();
    for (X509Certificate c : certificates) {
      out.add(entry(c.getPublicKey(), List.of()));
    }
    if (out.isEmpty()) {
      throw new CoseFormatException("no service certificate given");
    }
    return new ServiceKeys(out);
  }

  /**
   * One key, with an optional explicit kid.
   *
   * @throws CoseFormatException if the key type is not supported
   */
  public static ServiceKeys of(PublicKey key, Optional<byte[]> kid) throws CoseFormatException {
    return new ServiceKeys(List.of(entry(key, kid.map(k -> List.of(k.clone())).orElse(List.of()))));
  }

  private static Entry entry(PublicKey key, List<byte[]> explicit) throws CoseFormatException {
    List<byte[]> kids = new ArrayList<>(explicit);
    kids.add(CoseKeys.thumbprint(key));
    kids.add(CoseKeys.spkiHexKid(key));
    return new Entry(key, List.copyOf(kids));
  }

  /**
   * The keys as a COSE_KeySet, as a service serves it at {@code /.well-known/scitt-keys}: each
   * COSE_Key with its public parameters and its kid (the explicit one, else its RFC 9679
   * thumbprint).
   */
  public byte[] toCoseKeySet() {
    List<Cbor> keys = new ArrayList<>();
    for (Entry e : entries) {
      Cbor.MapItem k;
      try {
        k = CoseKeys.fromPublicKey(e.key());
      } catch (CoseFormatException ex) {
        throw new IllegalStateException("a key accepted when built no longer encodes", ex);
      }
      java.util.Map<Cbor, Cbor> m = new java.util.LinkedHashMap<>(k.entries());
      m.put(new Cbor.Int(2), new Cbor.Bytes(e.kids().get(0)));
      keys.add(new Cbor.MapItem(m));
    }
    return dev.ocitrust.cose.internal.CborEncoder.encode(new Cbor.Array(keys));
  }

  /** These keys and {@code other}'s, as one set (for a service that rotated its key). */
  public ServiceKeys and(ServiceKeys other) {
    List<Entry> all = new ArrayList<>(entries);
    all.addAll(other.entries);
    return new ServiceKeys(all);
  }

  /** The number of keys. */
  public int size() {
    return entries.size();
  }

  /** Every key. */
  public List<PublicKey> keys() {
    return entries.stream().map(Entry::key).toList();
  }

  /** The keys answering to {@code kid}; every key when {@code kid} is empty. */
  public List<PublicKey> forKeyId(Optional<byte[]> kid) {
    if (kid.isEmpty()) {
      return keys();
    }
    return entries.stream()
        .filter(e -> e.kids().stream().anyMatch(k -> Arrays.equals(k, kid.get())))
        .map(Entry::key)
        .toList();
  }

  /** The distinct RFC 9679 thumbprints of the keys, in hex, for messages and listings. */
  public List<String> thumbprints() {
    return entries.stream()
        .map(e -> Hex.encode(e.kids().get(e.kids().size() - 2)))
        .distinct()
        .toList();
  }

  @Override
  public String toString() {
    return entries.size() + " service key(s) " + thumbprints();
  }
}
