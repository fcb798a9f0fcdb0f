package dev.ocitrust.cose;

import dev.ocitrust.cose.internal.Cbor;
import dev.ocitrust.cose.internal.CborDecoder;
import dev.ocitrust.cose.internal.CborEncoder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One COSE header bucket (protected or unprotected): a map from {@link HeaderLabel} to a CBOR
 * value, with typed accessors. Values of the labels COSE defines are type-checked when a message is
 * parsed ({@code alg} int or text, {@code crit} non-empty array of labels, content type uint or
 * text, {@code kid} bytes, {@code x5chain} bytes or array of bytes, CWT claims a map).
 *
 * <p>Immutable and thread-safe. Typed getters return empty when the label is absent and throw
 * {@link CoseFormatException} when it is present with another type, because header values come from
 * untrusted input.
 *
 * <pre>{@code
 * CoseHeaders prot = CoseHeaders.builder()
 *     .algorithm(CoseAlgorithm.ES256)
 *     .put(HeaderLabel.CONTENT_TYPE, "application/json")
 *     .build();
 * Optional<String> cty = prot.text(HeaderLabel.CONTENT_TYPE);
 * }</pre>
 */
public final class CoseHeaders {
  private static final CoseHeaders EMPTY = new CoseHeaders(Map.of());

  private final Map<HeaderLabel, Cbor> values;

  private CoseHeaders(Map<HeaderLabel, Cbor> values) {
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** An empty bucket. */
  public static CoseHeaders empty() {
    return EMPTY;
  }

  /** A builder for a new bucket. */
  public static Builder builder() {
    return new Builder(Map.of());
  }

  /** A builder starting from this bucket's entries. */
  public Builder toBuilder() {
    return new Builder(values);
  }

  static CoseHeaders fromCbor(Cbor item, String bucket) throws CoseFormatException {
    if (!(item instanceof Cbor.MapItem map)) {
      throw new CoseFormatException(
          "expected the " + bucket + " header to be a map, found " + Cbor.kind(item));
    }
    Map<HeaderLabel, Cbor> out = new LinkedHashMap<>();
    for (Map.Entry<Cbor, Cbor> e : map.entries().entrySet()) {
      HeaderLabel label = HeaderLabel.fromCbor(e.getKey());
      checkKnownType(label, e.getValue(), bucket);
      out.put(label, e.getValue());
    }
    return new CoseHeaders(out);
  }

  private static void checkKnownType(HeaderLabel label, Cbor v, String bucket)
      throws CoseFormatException {
    if (label.isText()) {
      return;
    }
    boolean ok;
    long l = label.intValue();
    if (l == 1) {
      ok = v instanceof Cbor.Int || v instanceof Cbor.Text;
    } else if (l == 2) {
      ok =
          v instanceof Cbor.Array a
              && !a.items().isEmpty()
              && a.items().stream()
                  .allMatch(
                      x ->
                          x instanceof Cbor.Int
                              || (x instanceof Cbor.Text t && !t.value().isEmpty()));
    } else if (l == 3) {
      ok = (v instanceof Cbor.Int i && i.value() >= 0) || v instanceof Cbor.Text;
    } else if (l == 4 || l == 5 || l == 6 || l == 34) {
      ok = l == 34 ? v instanceof Cbor.Array || v instanceof Cbor.Bytes : v instanceof Cbor.Bytes;
    } else if (l == 15) {
      ok = v instanceof Cbor.MapItem;
    } else if (l == 33) {
      ok =
          v instanceof Cbor.Bytes
              || (v instanceof Cbor.Array a
                  && !a.items().isEmpty()
                  && a.items().stream().allMatch(x -> x instanceof Cbor.Bytes));
    } else {
      ok = true;
    }
    if (!ok) {
      throw new CoseFormatException(
          "header "
              + label
              + " in the "
              + bucket
              + " bucket has the wrong type: found "
              + Cbor.kind(v));
    }
  }

  Cbor toCbor() {
    Map<Cbor, Cbor> m = new LinkedHashMap<>();
    values.forEach((k, v) -> m.put(k.toCbor(), v));
    return new Cbor.MapItem(m);
  }

  /** The deterministic CBOR encoding of this bucket as a map. */
  public byte[] encode() {
    return CborEncoder.encode(toCbor());
  }

  @org.jspecify.annotations.Nullable
  Cbor raw(HeaderLabel label) {
    return values.get(label);
  }

  /** The labels present, in insertion (or wire) order. */
  public Set<HeaderLabel> labels() {
    return values.keySet();
  }

  /** True if {@code label} is present. */
  public boolean contains(HeaderLabel label) {
    return values.containsKey(label);
  }

  /** True if the bucket has no entries. */
  public boolean isEmpty() {
    return values.isEmpty();
  }

  private CoseFormatException wrongType(HeaderLabel label, String expected, Cbor found) {
    return new CoseFormatException(
        "header " + label + ": expected " + expected + ", found " + Cbor.kind(found));
  }

  /** The integer value of {@code label}. */
  public Optional<Long> integer(HeaderLabel label) throws CoseFormatException {
    Cbor v = values.get(label);
    if (v == null) {
      return Optional.empty();
    }
    if (v instanceof Cbor.Int i) {
      return Optional.of(i.value());
    }
    throw wrongType(label, "an integer", v);
  }

  /** The text value of {@code label}. */
  public Optional<String> text(HeaderLabel label) throws CoseFormatException {
    Cbor v = values.get(label);
    if (v == null) {
      return Optional.empty();
    }
    if (v instanceof Cbor.Text t) {
      return Optional.of(t.value());
    }
    throw wrongType(label, "a text string", v);
  }

  /** The byte-string value of {@code label} (a copy). */
  public Optional<byte[]> bytes(HeaderLabel label) throws CoseFormatException {
    Cbor v = values.get(label);
    if (v == null) {
      return Optional.empty();
    }
    if (v instanceof Cbor.Bytes b) {
      return Optional.of(b.value());
    }
    throw wrongType(label, "a byte string", v);
  }

  /** A tag-1 epoch-seconds time (integer seconds only; tag 0 and untagged values are rejected). */
  public Optional<Instant> time(HeaderLabel label) throws CoseFormatException {
    Cbor v = values.get(label);
    if (v == null) {
      return Optional.empty();
    }
    if (v instanceof Cbor.Tag t && t.tag() == 1 && t.content() instanceof Cbor.Int i) {
      return Optional.of(epochSeconds(label, i.value()));
    }
    throw wrongType(label, "a tag-1 integer epoch time", v);
  }

  static Instant epochSeconds(Object what, long seconds) throws CoseFormatException {
    if (seconds < Instant.MIN.getEpochSecond() || seconds > Instant.MAX.getEpochSecond()) {
      throw new CoseFormatException(what + ": epoch time " + seconds + " is out of range");
    }
    return Instant.ofEpochSecond(seconds);
  }

  /** A byte string or array of byte strings (as {@code x5chain} allows), as a list of copies. */
  public Optional<List<byte[]>> bytesList(HeaderLabel label) throws CoseFormatException {
    Cbor v = values.get(label);
    if (v == null) {
      return Optional.empty();
    }
    if (v instanceof Cbor.Bytes b) {
      return Optional.of(List.of(b.value()));
    }
    if (v instanceof Cbor.Array a) {
      List<byte[]> out = new ArrayList<>();
      for (Cbor c : a.items()) {
        if (!(c instanceof Cbor.Bytes b)) {
          throw wrongType(label, "an array of byte strings", c);
        }
        out.add(b.value());
      }
      return Optional.of(out);
    }
    throw wrongType(label, "a byte string or an array of byte strings", v);
  }

  /** An array of labels, as {@code crit} holds. */
  public Optional<List<HeaderLabel>> labelList(HeaderLabel label) throws CoseFormatException {
    Cbor v = values.get(label);
    if (v == null) {
      return Optional.empty();
    }
    if (!(v instanceof Cbor.Array a)) {
      throw wrongType(label, "an array of labels", v);
    }
    List<HeaderLabel> out = new ArrayList<>();
    for (Cbor c : a.items()) {
      out.add(HeaderLabel.fromCbor(c));
    }
    return Optional.of(List.copyOf(out));
  }

  /** The deterministic CBOR encoding of the value of {@code label}, for any type. */
  public Optional<byte[]> encoded(HeaderLabel label) {
    Cbor v = values.get(label);
    return v == null ? Optional.empty() : Optional.of(CborEncoder.encode(v));
  }

  /**
   * The {@code alg} header as a supported algorithm.
   *
   * @throws CoseFormatException if {@code alg} is present but not a supported algorithm
   */
  public Optional<CoseAlgorithm> algorithm() throws CoseFormatException {
    Cbor v = values.get(HeaderLabel.ALG);
    if (v == null) {
      return Optional.empty();
    }
    if (v instanceof Cbor.Int i) {
      Optional<CoseAlgorithm> a = CoseAlgorithm.fromId(i.value());
      if (a.isPresent()) {
        return a;
      }
    }
    throw new CoseFormatException(
        "unsupported alg header " + v + ": expected one of " + CoseAlgorithm.values());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CoseHeaders h && h.values.equals(values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return values.toString();
  }

  /**
   * Builds a {@link CoseHeaders}. Not thread-safe. Later puts of the same label replace earlier
   * ones.
   */
  public static final class Builder {
    private final Map<HeaderLabel, Cbor> values;

    private Builder(Map<HeaderLabel, Cbor> start) {
      this.values = new LinkedHashMap<>(start);
    }

    Builder putRaw(HeaderLabel label, Cbor value) {
      values.put(label, value);
      return this;
    }

    /** Sets {@code alg}. */
    public Builder algorithm(CoseAlgorithm alg) {
      return put(HeaderLabel.ALG, alg.id());
    }

    /** Sets an integer value. */
    public Builder put(HeaderLabel label, long value) {
      return putRaw(label, new Cbor.Int(value));
    }

    /** Sets a text value. */
    public Builder put(HeaderLabel label, String value) {
      return putRaw(label, new Cbor.Text(value));
    }

    /** Sets a byte-string value (copied). */
    public Builder put(HeaderLabel label, byte[] value) {
      return putRaw(label, new Cbor.Bytes(value));
    }

    /** Sets a tag-1 time, truncated to whole seconds. */
    public Builder putTime(HeaderLabel label, Instant time) {
      return putRaw(label, new Cbor.Tag(1, new Cbor.Int(time.getEpochSecond())));
    }

    /** Sets an array of byte strings (e.g. {@code x5chain}, always written as an array). */
    public Builder putBytesList(HeaderLabel label, List<byte[]> value) {
      List<Cbor> items = new ArrayList<>();
      value.forEach(b -> items.add(new Cbor.Bytes(b)));
      return putRaw(label, new Cbor.Array(items));
    }

    /** Sets an array of labels (e.g. {@code crit}), in the given order. */
    public Builder putLabels(HeaderLabel label, List<HeaderLabel> value) {
      List<Cbor> items = new ArrayList<>();
      value.forEach(l -> items.add(l.toCbor()));
      return putRaw(label, new Cbor.Array(items));
    }

    /**
     * Sets a value given as one encoded CBOR item.
     *
     * @throws IllegalArgumentException if {@code cbor} is not one well-formed item
     */
    public Builder putEncoded(HeaderLabel label, byte[] cbor) {
      try {
        return putRaw(label, CborDecoder.decode(cbor));
      } catch (CoseFormatException e) {
        throw new IllegalArgumentException("not a CBOR item for header " + label, e);
      }
    }

    /** Removes {@code label}. */
    public Builder remove(HeaderLabel label) {
      values.remove(label);
      return this;
    }

    /**
     * The headers.
     *
     * @throws IllegalArgumentException if a COSE-defined label has a value of the wrong type
     */
    public CoseHeaders build() {
      for (Map.Entry<HeaderLabel, Cbor> e : values.entrySet()) {
        try {
          checkKnownType(e.getKey(), e.getValue(), "built");
        } catch (CoseFormatException ex) {
          throw new IllegalArgumentException(ex.getMessage(), ex);
        }
      }
      return new CoseHeaders(values);
    }
  }
}
