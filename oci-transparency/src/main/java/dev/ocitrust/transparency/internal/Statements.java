package dev.ocitrust.transparency.internal;

import dev.ocitrust.cose.CoseFormatException;
import dev.ocitrust.cose.internal.Cbor;
import dev.ocitrust.cose.internal.CborDecoder;
import dev.ocitrust.cose.internal.CborEncoder;
import java.util.List;
import java.util.Map;

/** What a transparency service logs for a signed statement. */
public final class Statements {
  private Statements() {}

  /**
   * The entry bytes of {@code statement}: the tagged COSE_Sign1 with its unprotected header
   * replaced by the empty map (RFC 9943: a service empties it before registering), every other item
   * as received. This is what RFC 9942 vds 1 hashes as the leaf.
   *
   * @throws CoseFormatException if {@code statement} is not a tagged 4-item COSE_Sign1
   */
  public static byte[] entry(byte[] statement) throws CoseFormatException {
    Cbor top = CborDecoder.decode(statement);
    if (!(top instanceof Cbor.Tag t)
        || t.tag() != 18
        || !(t.content() instanceof Cbor.Array a)
        || a.items().size() != 4) {
      throw new CoseFormatException("a signed statement must be a tagged COSE_Sign1 (tag 18)");
    }
    List<Cbor> items = a.items();
    return CborEncoder.encode(
        new Cbor.Tag(
            18, Cbor.array(items.get(0), new Cbor.MapItem(Map.of()), items.get(2), items.get(3))));
  }
}
