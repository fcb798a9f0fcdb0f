package dev.ocitrust.policy;

import dev.ocitrust.cose.CoseException;
import dev.ocitrust.cose.TimestampVerifier;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The trust anchors of one policy statement for one {@link NotaryVerifier#verify} call: the
 * certificates of its stores of each type, and the {@link TimestampVerifier} over its {@code tsa}
 * roots. Each is read from the {@link TrustStore} the first time a signature needs it and then kept
 * for the other signatures of the call, so that every signature is judged against the same anchors
 * and the stores are read once. A store that cannot be read is remembered too: every signature that
 * needs it fails with the same {@link TrustStoreException}.
 *
 * <p>Not thread-safe: it is confined to one call of {@link NotaryVerifier#verify}.
 */
final class StatementAnchors {
  /** What a lazy load produced: a value or the failure to rethrow. */
  private record Loaded<T>(@Nullable T value, @Nullable PolicyException failure) {
    T get() throws PolicyException {
      if (failure != null) {
        throw failure;
      }
      return Objects.requireNonNull(value);
    }
  }

  private final TrustStore store;
  private final TrustPolicyStatement statement;
  private final Map<TrustStoreType, Loaded<List<byte[]>>> encoded =
      new EnumMap<>(TrustStoreType.class);
  private @Nullable Loaded<TimestampVerifier> timestamps;

  StatementAnchors(TrustStore store, TrustPolicyStatement statement) {
    this.store = store;
    this.statement = statement;
  }

  /**
   * The DER encoding of every certificate of the statement's stores of {@code type}.
   *
   * @throws TrustStoreException if a store cannot be read (the same instance on every call)
   * @throws PolicyException if a certificate cannot be encoded
   */
  List<byte[]> encodedCertificates(TrustStoreType type) throws PolicyException {
    Loaded<List<byte[]>> l = encoded.get(type);
    if (l == null) {
      l = load(() -> encode(statement.certificates(store, type)));
      encoded.put(type, l);
    }
    return l.get();
  }

  /**
   * The verifier of time stamps over the statement's {@code tsa} roots.
   *
   * @throws TrustStoreException if a {@code tsa} store cannot be read (the same instance on every
   *     call)
   * @throws PolicyException if the roots are not usable by a {@link TimestampVerifier}
   */
  TimestampVerifier timestampVerifier() throws PolicyException {
    Loaded<TimestampVerifier> l = timestamps;
    if (l == null) {
      l =
          load(
              () -> {
                List<X509Certificate> roots = statement.certificates(store, TrustStoreType.TSA);
                try {
                  return TimestampVerifier.create(roots);
                } catch (CoseException e) {
                  throw new PolicyException("unusable tsa trust store: " + e.getMessage(), e);
                }
              });
      timestamps = l;
    }
    return l.get();
  }

  private interface Load<T> {
    T run() throws PolicyException;
  }

  private static <T> Loaded<T> load(Load<T> body) {
    try {
      return new Loaded<>(body.run(), null);
    } catch (PolicyException e) {
      return new Loaded<>(null, e);
    }
  }

  private static List<byte[]> encode(List<X509Certificate> certificates) throws PolicyException {
    List<byte[]> out = new ArrayList<>();
    for (X509Certificate c : certificates) {
      try {
        out.add(c.getEncoded());
      } catch (CertificateEncodingException e) {
        throw new PolicyException("cannot encode certificate " + c.getSubjectX500Principal(), e);
      }
    }
    return List.copyOf(out);
  }
}
