package dev.ocitrust.cose.internal;

import dev.ocitrust.cose.CoseFormatException;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed reads of decoded CBOR items for the receipt and proof parsers, each naming {@code what} in
 * its error.
 *
 * <p>Thread-safe: stateless.
 */
public final class CborReader {
  private CborReader() {}

  /** The array's items, requiring exactly {@code size} of them (any size when negative). */
  public static List<Cbor> array(Cbor item, int size, String what) throws CoseFormatException {
    if (!(item instanceof Cbor.Array a)) {
      throw new CoseFormatException(what + ": expected an array, found " + Cbor.kind(item));
    }
    if (size >= 0 && a.items().size() != size) {
      throw new CoseFormatException(
          what + ": expected an array of " + size + " items, found " + a.items().size());
    }
    return a.items();
  }

  /** A non-negative integer ({@code uint}). */
  public static long uint(Cbor item, String what) throws CoseFormatException {
    if (!(item instanceof Cbor.Int i) || i.value() < 0) {
      throw new CoseFormatException(
          what + ": expected an unsigned integer, found " + describe(item));
    }
    return i.value();
  }

  /** A byte string. */
  public static byte[] bytes(Cbor item, String what) throws CoseFormatException {
    if (!(item instanceof Cbor.Bytes b)) {
      throw new CoseFormatException(what + ": expected a byte string, found " + Cbor.kind(item));
    }
    return b.value();
  }

  /** A text string. */
  public static String text(Cbor item, String what) throws CoseFormatException {
    if (!(item instanceof Cbor.Text t)) {
      throw new CoseFormatException(what + ": expected a text string, found " + Cbor.kind(item));
    }
    return t.value();
  }

  /** An array of byte strings. */
  public static List<byte[]> bytesList(Cbor item, String what) throws CoseFormatException {
    List<byte[]> out = new ArrayList<>();
    List<Cbor> items = array(item, -1, what);
    for (int i = 0; i < items.size(); i++) {
      out.add(bytes(items.get(i), what + "[" + i + "]"));
    }
    return out;
  }

  private static String describe(Cbor item) {
    return item instanceof Cbor.Int i ? "the negative integer " + i.value() : Cbor.kind(item);
  }
}
