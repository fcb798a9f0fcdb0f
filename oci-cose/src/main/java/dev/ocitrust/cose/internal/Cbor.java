package dev.ocitrust.cose.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A decoded CBOR data item (RFC 8949), immutable. Only what COSE needs: integers within the signed
 * 64-bit range, byte and text strings, arrays, maps, tags, simple values false/true/null/undefined
 * and floats.
 */
public sealed interface Cbor {

  /** Major types 0 and 1, limited to the signed 64-bit range. */
  record Int(long value) implements Cbor {}

  /** Major type 2. The array is copied in and out. */
  @SuppressWarnings("ArrayRecordComponent") // copied in and out; equals/hashCode compare contents
  record Bytes(byte[] value) implements Cbor {
    public Bytes {
      value = value.clone();
    }

    @Override
    public byte[] value() {
      return value.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Bytes b && Arrays.equals(value, b.value);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
      return "h'" + Hex.encode(value) + "'";
    }
  }

  /** Major type 3. */
  record Text(String value) implements Cbor {}

  /** Major type 4. */
  record Array(List<Cbor> items) implements Cbor {
    public Array {
      items = List.copyOf(items);
    }
  }

  /**
   * Major type 5. Entries keep their insertion (or wire) order; the encoder sorts them. Keys are
   * unique.
   */
  record MapItem(Map<Cbor, Cbor> entries) implements Cbor {
    public MapItem {
      entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    /** The value under {@code key}, or null. */
    public @Nullable Cbor get(Cbor key) {
      return entries.get(key);
    }
  }

  /** Major type 6. */
  record Tag(long tag, Cbor content) implements Cbor {}

  /** Major type 7 simple values 20..23. */
  enum Simple implements Cbor {
    FALSE,
    TRUE,
    NULL,
    UNDEFINED
  }

  /** Major type 7 floats; {@code width} is 2, 4 or 8 bytes as received (8 when built here). */
  @SuppressWarnings("JavaLangClash") // CBOR's name; used as Cbor.Float outside this interface
  record Float(double value, int width) implements Cbor {}

  /** Convenience: an array of the given items. */
  static Array array(Cbor... items) {
    return new Array(new ArrayList<>(Arrays.asList(items)));
  }

  /** A short human-readable name of the item's kind, for error messages. */
  static String kind(Cbor item) {
    if (item instanceof Int) {
      return "integer";
    } else if (item instanceof Bytes) {
      return "byte string";
    } else if (item instanceof Text) {
      return "text string";
    } else if (item instanceof Array) {
      return "array";
    } else if (item instanceof MapItem) {
      return "map";
    } else if (item instanceof Tag t) {
      return "tag " + t.tag();
    } else if (item instanceof Float) {
      return "float";
    }
    return "simple value " + item;
  }
}
