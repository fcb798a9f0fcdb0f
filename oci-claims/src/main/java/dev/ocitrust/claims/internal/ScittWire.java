package dev.ocitrust.claims.internal;

import dev.ocitrust.cose.CoseFormatException;
import dev.ocitrust.cose.internal.Cbor;
import dev.ocitrust.cose.internal.CborDecoder;
import dev.ocitrust.cose.internal.CborEncoder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The CBOR a SCRAPI client reads and writes: problem details and receipts embedded at 394. */
public final class ScittWire {
  /** The unprotected header label of embedded receipts. */
  public static final long RECEIPTS = 394;

  private ScittWire() {}

  /**
   * {@code statement} with {@code receipt} appended to the receipts (394, an array of bstr-wrapped
   * receipts) of its unprotected header; every other item as received.
   *
   * @throws CoseFormatException if the statement is not a tagged COSE_Sign1 or its 394 is not an
   *     array of byte strings
   */
  public static byte[] embedReceipt(byte[] statement, byte[] receipt) throws CoseFormatException {
    CborDecoder.decode(receipt); // one well-formed item
    Cbor top = CborDecoder.decode(statement);
    if (!(top instanceof Cbor.Tag t)
        || t.tag() != 18
        || !(t.content() instanceof Cbor.Array a)
        || a.items().size() != 4
        || !(a.items().get(1) instanceof Cbor.MapItem unprotected)) {
      throw new CoseFormatException("a signed statement must be a tagged COSE_Sign1 (tag 18)");
    }
    Map<Cbor, Cbor> headers = new LinkedHashMap<>(unprotected.entries());
    List<Cbor> receipts = new ArrayList<>();
    Cbor existing = headers.get(new Cbor.Int(RECEIPTS));
    if (existing != null) {
      if (!(existing instanceof Cbor.Array arr)
          || !arr.items().stream().allMatch(x -> x instanceof Cbor.Bytes)) {
        throw new CoseFormatException(
            "the statement's receipts (394) must be an array of byte strings, found "
                + Cbor.kind(existing));
      }
      receipts.addAll(arr.items());
    }
    receipts.add(new Cbor.Bytes(receipt));
    headers.put(new Cbor.Int(RECEIPTS), new Cbor.Array(receipts));
    List<Cbor> items = a.items();
    return CborEncoder.encode(
        new Cbor.Tag(
            18, Cbor.array(items.get(0), new Cbor.MapItem(headers), items.get(2), items.get(3))));
  }

  /**
   * The title (-1) and detail (-2) of RFC 9290 concise problem details, when {@code body} is one.
   */
  public static Optional<String[]> problem(byte[] body) {
    try {
      if (CborDecoder.decode(body) instanceof Cbor.MapItem m) {
        Cbor title = m.get(new Cbor.Int(-1));
        Cbor detail = m.get(new Cbor.Int(-2));
        return Optional.of(
            new String[] {
              title instanceof Cbor.Text t ? t.value() : "",
              detail instanceof Cbor.Text d ? d.value() : ""
            });
      }
    } catch (CoseFormatException e) {
      // not CBOR: no problem details
    }
    return Optional.empty();
  }
}
