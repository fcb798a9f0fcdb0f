package dev.ocitrust.cose;

import dev.ocitrust.cose.internal.Cbor;
import dev.ocitrust.cose.internal.CborEncoder;
import dev.ocitrust.cose.internal.CborReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A signed statement with the receipts a transparency service issued for it, carried in its
 * unprotected header under {@link HeaderLabel#RECEIPTS} (394) as an array of byte strings, each one
 * encoded COSE Receipt (RFC 9943). Reads the receipts, writes them, and gives the statement's
 * <em>entry</em>: the bytes a transparency service logs and a receipt proves.
 *
 * <p>The entry is the statement with its unprotected header replaced by the empty map ({@code d2 84
 * <protected> a0 <payload> <signature>}, every other item as received), as RFC 9943 requires a
 * service to log it; so adding or removing receipts (or any unprotected header) never changes the
 * entry, and a receipt stays valid when more receipts are added.
 *
 * <p>Immutable and thread-safe. Nothing here verifies anything: see {@link ReceiptVerifier}.
 *
 * <pre>{@code
 * TransparentStatement ts = TransparentStatement.parse(statementBytes);
 * byte[] entry = ts.entry();                       // register this
 * byte[] withReceipt = ts.withReceipt(receipt).bytes();
 * }</pre>
 */
public final class TransparentStatement {
  private final byte[] bytes;
  private final UnverifiedSign1 message;
  private final List<byte[]> receipts;

  private TransparentStatement(byte[] bytes, UnverifiedSign1 message, List<byte[]> receipts) {
    this.bytes = bytes.clone();
    this.message = message;
    this.receipts = receipts;
  }

  /**
   * Parses a (transparent) statement: a tagged COSE_Sign1 whose unprotected header may hold
   * receipts.
   *
   * @throws CoseFormatException if it is not a COSE_Sign1, or {@code 394} is there but not an array
   *     of byte strings
   */
  public static TransparentStatement parse(byte[] statement) throws CoseFormatException {
    UnverifiedSign1 m = UnverifiedSign1.parse(statement);
    if (m.protectedHeaders().contains(HeaderLabel.RECEIPTS)) {
      throw new CoseFormatException(
          "receipts (394) belong in the unprotected header, found in the protected one");
    }
    Cbor raw = m.unprotectedHeaders().raw(HeaderLabel.RECEIPTS);
    List<byte[]> receipts =
        raw == null
            ? List.of()
            : List.copyOf(CborReader.bytesList(raw, "receipts (394) in the unprotected header"));
    return new TransparentStatement(statement, m, receipts);
  }

  /** The statement bytes (a copy). */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The statement as a COSE message. */
  public UnverifiedSign1 message() {
    return message;
  }

  /** The embedded receipts, each the bytes of one COSE Receipt (copies), in order. */
  public List<byte[]> receipts() {
    return Rfc9162InclusionProof.copy(receipts);
  }

  /**
   * The entry: the statement with an empty unprotected header, as a transparency service logs it.
   */
  public byte[] entry() {
    return encode(Map.of());
  }

  /** This statement with {@code receipt} appended to its receipts (other headers kept). */
  public TransparentStatement withReceipt(byte[] receipt) {
    List<byte[]> all = new ArrayList<>(receipts);
    all.add(receipt);
    return withReceipts(all);
  }

  /**
   * This statement with exactly {@code receipts} (none removes the header); the other unprotected
   * headers are kept.
   */
  public TransparentStatement withReceipts(List<byte[]> receipts) {
    Map<Cbor, Cbor> unprotected = new java.util.LinkedHashMap<>();
    for (HeaderLabel l : message.unprotectedHeaders().labels()) {
      if (!l.equals(HeaderLabel.RECEIPTS)) {
        unprotected.put(
            l.toCbor(), java.util.Objects.requireNonNull(message.unprotectedHeaders().raw(l)));
      }
    }
    if (!receipts.isEmpty()) {
      List<Cbor> items = new ArrayList<>();
      receipts.forEach(r -> items.add(new Cbor.Bytes(r)));
      unprotected.put(HeaderLabel.RECEIPTS.toCbor(), new Cbor.Array(items));
    }
    byte[] out = encode(unprotected);
    try {
      return parse(out);
    } catch (CoseFormatException e) {
      throw new IllegalStateException("re-encoding a parsed statement failed", e);
    }
  }

  private byte[] encode(Map<Cbor, Cbor> unprotected) {
    byte[] payload = message.payload().orElse(null);
    Cbor body =
        Cbor.array(
            new Cbor.Bytes(message.protectedBytes()),
            new Cbor.MapItem(unprotected),
            payload == null ? Cbor.Simple.NULL : new Cbor.Bytes(payload),
            new Cbor.Bytes(message.signature()));
    return CborEncoder.encode(new Cbor.Tag(UnverifiedSign1.TAG, body));
  }
}
