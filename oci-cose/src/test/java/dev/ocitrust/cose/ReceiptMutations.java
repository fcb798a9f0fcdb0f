package dev.ocitrust.cose;

import dev.ocitrust.cose.internal.Cbor;
import dev.ocitrust.cose.internal.CborDecoder;
import dev.ocitrust.cose.internal.CborEncoder;
import java.util.LinkedHashMap;
import java.util.Map;

/** Mutations of receipts and statements for the rejection tests. */
final class ReceiptMutations {
  private ReceiptMutations() {}

  interface Check {
    void run(byte[] mutated) throws Exception;
  }

  /** How many single-bit flips of {@code bytes} the check accepts (it should throw for each). */
  static int acceptedBitFlips(byte[] bytes, Check check) {
    return acceptedBitFlips(bytes, 1, check);
  }

  /** As above, for every {@code step}-th bit. */
  static int acceptedBitFlips(byte[] bytes, int step, Check check) {
    int accepted = 0;
    for (int bit = 0; bit < bytes.length * 8; bit += step) {
      byte[] m = bytes.clone();
      m[bit / 8] ^= (byte) (1 << (bit % 8));
      try {
        check.run(m);
        accepted++;
      } catch (Exception e) {
        // rejected, as it must be
      }
    }
    return accepted;
  }

  /** The message re-encoded with another unprotected header. */
  static byte[] withUnprotected(UnverifiedSign1 m, CoseHeaders unprotected) {
    return CborEncoder.encode(
        new Cbor.Tag(
            18,
            Cbor.array(
                new Cbor.Bytes(m.protectedBytes()),
                unprotected.toCbor(),
                m.payload().<Cbor>map(Cbor.Bytes::new).orElse(Cbor.Simple.NULL),
                new Cbor.Bytes(m.signature()))));
  }

  /** The receipt with its protected vds replaced (the signature is kept, so it breaks). */
  static byte[] withVds(byte[] receipt, long vds) throws CoseFormatException {
    UnverifiedSign1 m = UnverifiedSign1.parse(receipt);
    Cbor.MapItem prot = (Cbor.MapItem) CborDecoder.decode(m.protectedBytes());
    Map<Cbor, Cbor> p = new LinkedHashMap<>(prot.entries());
    p.put(new Cbor.Int(395), new Cbor.Int(vds));
    return CborEncoder.encode(
        new Cbor.Tag(
            18,
            Cbor.array(
                new Cbor.Bytes(CborEncoder.encode(new Cbor.MapItem(p))),
                m.unprotectedHeaders().toCbor(),
                Cbor.Simple.NULL,
                new Cbor.Bytes(m.signature()))));
  }
}
