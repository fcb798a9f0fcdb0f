package dev.ocitrust.cose;

import dev.ocitrust.cose.internal.Cbor;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The CWT claims a SCITT signed statement carries in protected header label 15 (RFC 9597): {@code
 * iss} (1), {@code sub} (2) and {@code iat} (6, NumericDate seconds). Other claims are ignored by
 * oci-cose.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * CwtClaims c = new CwtClaims("https://wabbit-networks.example", ScittSubjects.ociPackageUrl(
 *     "net-monitor", "sha256:..."), Optional.of(Instant.now()));
 * }</pre>
 *
 * @param issuer {@code iss}, non-empty
 * @param subject {@code sub}, non-empty
 * @param issuedAt {@code iat}, whole seconds
 */
public record CwtClaims(String issuer, String subject, Optional<Instant> issuedAt) {
  /**
   * Validates.
   *
   * @throws IllegalArgumentException if issuer or subject is empty
   */
  public CwtClaims {
    if (issuer.isEmpty() || subject.isEmpty()) {
      throw new IllegalArgumentException("iss and sub must not be empty");
    }
    issuedAt = issuedAt.map(t -> Instant.ofEpochSecond(t.getEpochSecond()));
  }

  Cbor toCbor() {
    Map<Cbor, Cbor> m = new LinkedHashMap<>();
    m.put(new Cbor.Int(1), new Cbor.Text(issuer));
    m.put(new Cbor.Int(2), new Cbor.Text(subject));
    issuedAt.ifPresent(t -> m.put(new Cbor.Int(6), new Cbor.Int(t.getEpochSecond())));
    return new Cbor.MapItem(m);
  }

  static CwtClaims fromCbor(Cbor item) throws CoseFormatException {
    if (!(item instanceof Cbor.MapItem map)) {
      throw new CoseFormatException("CWT claims (15) must be a map, found " + Cbor.kind(item));
    }
    String iss = text(map, 1, "iss");
    String sub = text(map, 2, "sub");
    Optional<Instant> issuedAt = optionalTime(map.get(new Cbor.Int(6)));
    if (iss.isEmpty() || sub.isEmpty()) {
      throw new CoseFormatException("CWT claims iss and sub must not be empty");
    }
    return new CwtClaims(iss, sub, issuedAt);
  }

  /**
   * A NumericDate claim value: an integer, or an integer under tag 1 (as scitt-ccf-ledger writes
   * {@code iat}); empty for {@code null}.
   */
  static Optional<Instant> optionalTime(@Nullable Cbor v) throws CoseFormatException {
    if (v == null) {
      return Optional.empty();
    }
    Cbor value = v instanceof Cbor.Tag t && t.tag() == 1 ? t.content() : v;
    if (!(value instanceof Cbor.Int i)) {
      throw new CoseFormatException(
          "CWT claim iat (6) must be an integer or a tag-1 integer, found " + Cbor.kind(v));
    }
    return Optional.of(CoseHeaders.epochSeconds("CWT claim iat (6)", i.value()));
  }

  private static String text(Cbor.MapItem map, int key, String name) throws CoseFormatException {
    Cbor v = map.get(new Cbor.Int(key));
    if (v == null) {
      throw new CoseFormatException("CWT claim " + name + " (" + key + ") is missing");
    }
    if (!(v instanceof Cbor.Text t)) {
      throw new CoseFormatException(
          "CWT claim " + name + " (" + key + ") must be text, found " + Cbor.kind(v));
    }
    return t.value();
  }
}
