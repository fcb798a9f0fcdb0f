package dev.ocitrust.cose;

import dev.ocitrust.cose.internal.Cbor;
import dev.ocitrust.cose.internal.CborDecoder;
import dev.ocitrust.cose.internal.CborEncoder;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntPredicate;

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
    return acceptedBitFlips(bytes, i -> false, step, check);
  }

  /**
   * As above, for every bit of the bytes {@code everyBit} selects and every {@code step}-th bit of
   * the others.
   */
  static int acceptedBitFlips(byte[] bytes, IntPredicate everyBit, int step, Check check) {
    int accepted = 0;
    for (int bit = 0; bit < bytes.length * 8; bit++) {
      if (bit % step != 0 && !everyBit.test(bit / 8)) {
        continue;
      }
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

  /**
   * Where {@code part} first stands in {@code bytes}, as a predicate over byte indices.
   *
   * @throws IllegalArgumentException if it does not stand there
   */
  static IntPredicate within(byte[] bytes, byte[] part) {
    for (int at = 0; at + part.length <= bytes.length; at++) {
      if (Arrays.equals(bytes, at, at + part.length, part, 0, part.length)) {
        int from = at;
        return i -> i >= from && i < from + part.length;
      }
    }
    throw new IllegalArgumentException("the part is not in the bytes");
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
