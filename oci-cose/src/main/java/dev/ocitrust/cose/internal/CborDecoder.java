package dev.ocitrust.cose.internal;

import dev.ocitrust.cose.CoseFormatException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict, bounded CBOR decoder for untrusted input.
 *
 * <p>Why not cose-java's or the upokecenter parser: we need guarantees that are easier to state and
 * test in ~200 lines than to configure and audit in a general library: no indefinite lengths, no
 * duplicate map keys, only shortest-form ("preferred") integer and length arguments, no reserved
 * additional-information values or unassigned simple values, valid UTF-8, a nesting limit enforced
 * before recursing (no StackOverflowError), and every declared length checked against the bytes
 * actually remaining before anything is allocated (a 2 GB length prefix costs nothing). Every
 * failure is a {@link CoseFormatException}.
 *
 * <p>Map key order on input is not enforced: RFC 9052 does not require deterministic encoding of
 * received messages, and signatures are checked over the bytes as received.
 *
 * <p>Thread-safe: each call works on its own cursor.
 */
public final class CborDecoder {
  /** Nesting limit: COSE messages with CWT claims nest at most ~6 deep. */
  public static final int MAX_DEPTH = 32;

  /**
   * Limit on the number of data items in one decode. A COSE message has a few dozen; without a
   * limit, 32 MiB of one-byte items would become hundreds of MiB of objects.
   */
  public static final int MAX_ITEMS = 65_536;

  private final byte[] in;
  private int pos;
  private int items;

  private CborDecoder(byte[] in) {
    this.in = in;
  }

  /** Decodes exactly one item that spans all of {@code data}. */
  public static Cbor decode(byte[] data) throws CoseFormatException {
    CborDecoder d = new CborDecoder(data);
    if (data.length == 0) {
      throw new CoseFormatException("expected a CBOR item, found no bytes");
    }
    Cbor item = d.item(0);
    if (d.pos != data.length) {
      throw new CoseFormatException(
          "expected one CBOR item, found "
              + (data.length - d.pos)
              + " trailing bytes at offset "
              + d.pos);
    }
    return item;
  }

  private int readByte() throws CoseFormatException {
    if (pos >= in.length) {
      throw new CoseFormatException("truncated CBOR: expected more bytes at offset " + pos);
    }
    return in[pos++] & 0xff;
  }

  /** Reads the argument for additional information {@code ai}; -1 marks indefinite length. */
  private long argument(int ai) throws CoseFormatException {
    if (ai < 24) {
      return ai;
    }
    int start = pos - 1;
    long v;
    switch (ai) {
      case 24 -> {
        v = readByte();
        if (v < 24) {
          throw nonShortest(start);
        }
      }
      case 25 -> {
        v = ((long) readByte() << 8) | readByte();
        if (v <= 0xff) {
          throw nonShortest(start);
        }
      }
      case 26 -> {
        v = 0;
        for (int i = 0; i < 4; i++) {
          v = (v << 8) | readByte();
        }
        if (v <= 0xffff) {
          throw nonShortest(start);
        }
      }
      case 27 -> {
        v = 0;
        for (int i = 0; i < 8; i++) {
          v = (v << 8) | readByte();
        }
        if (v >= 0 && v <= 0xffffffffL) {
          throw nonShortest(start);
        }
      }
      case 31 ->
          throw new CoseFormatException(
              "indefinite-length CBOR is not allowed (offset " + start + ")");
      default ->
          throw new CoseFormatException(
              "reserved CBOR additional information " + ai + " at offset " + start);
    }
    return v;
  }

  private static CoseFormatException nonShortest(int offset) {
    return new CoseFormatException(
        "non-canonical CBOR: argument not in shortest form at offset " + offset);
  }

  private int length(long arg, int minBytesPerUnit) throws CoseFormatException {
    long remaining = (long) in.length - pos;
    if (arg < 0 || arg > remaining / minBytesPerUnit) {
      throw new CoseFormatException(
          "CBOR length "
              + Long.toUnsignedString(arg)
              + " at offset "
              + pos
              + " exceeds the "
              + remaining
              + " bytes remaining");
    }
    return (int) arg;
  }

  private Cbor item(int depth) throws CoseFormatException {
    if (depth > MAX_DEPTH) {
      throw new CoseFormatException("CBOR nesting deeper than " + MAX_DEPTH + " at offset " + pos);
    }
    if (++items > MAX_ITEMS) {
      throw new CoseFormatException("more than " + MAX_ITEMS + " CBOR data items");
    }
    int start = pos;
    int initial = readByte();
    int major = initial >>> 5;
    int ai = initial & 0x1f;
    if (major == 7) {
      return simpleOrFloat(ai, start);
    }
    long arg = argument(ai);
    switch (major) {
      case 0 -> {
        if (arg < 0) {
          throw new CoseFormatException(
              "CBOR integer at offset " + start + " exceeds 64-bit range");
        }
        return new Cbor.Int(arg);
      }
      case 1 -> {
        if (arg < 0) {
          throw new CoseFormatException(
              "CBOR integer at offset " + start + " exceeds 64-bit range");
        }
        return new Cbor.Int(-1 - arg);
      }
      case 2 -> {
        int n = length(arg, 1);
        byte[] b = Arrays.copyOfRange(in, pos, pos + n);
        pos += n;
        return new Cbor.Bytes(b);
      }
      case 3 -> {
        int n = length(arg, 1);
        String s;
        try {
          s =
              StandardCharsets.UTF_8
                  .newDecoder()
                  .onMalformedInput(CodingErrorAction.REPORT)
                  .onUnmappableCharacter(CodingErrorAction.REPORT)
                  .decode(ByteBuffer.wrap(in, pos, n))
                  .toString();
        } catch (CharacterCodingException e) {
          throw new CoseFormatException("invalid UTF-8 in CBOR text at offset " + start, e);
        }
        pos += n;
        return new Cbor.Text(s);
      }
      case 4 -> {
        int n = length(arg, 1);
        List<Cbor> elements = new ArrayList<>(Math.min(n, 64));
        for (int i = 0; i < n; i++) {
          elements.add(item(depth + 1));
        }
        return new Cbor.Array(elements);
      }
      case 5 -> {
        int n = length(arg, 2);
        Map<Cbor, Cbor> entries = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
          int keyAt = pos;
          Cbor key = item(depth + 1);
          Cbor value = item(depth + 1);
          if (entries.putIfAbsent(key, value) != null) {
            throw new CoseFormatException("duplicate CBOR map key " + key + " at offset " + keyAt);
          }
        }
        return new Cbor.MapItem(entries);
      }
      default -> {
        if (arg < 0) {
          throw new CoseFormatException("CBOR tag at offset " + start + " exceeds 64-bit range");
        }
        return new Cbor.Tag(arg, item(depth + 1));
      }
    }
  }

  private Cbor simpleOrFloat(int ai, int start) throws CoseFormatException {
    switch (ai) {
      case 20:
        return Cbor.Simple.FALSE;
      case 21:
        return Cbor.Simple.TRUE;
      case 22:
        return Cbor.Simple.NULL;
      case 23:
        return Cbor.Simple.UNDEFINED;
      case 25:
        {
          int h = (readByte() << 8) | readByte();
          return new Cbor.Float(halfToDouble(h), 2);
        }
      case 26:
        {
          int f = 0;
          for (int i = 0; i < 4; i++) {
            f = (f << 8) | readByte();
          }
          return new Cbor.Float(java.lang.Float.intBitsToFloat(f), 4);
        }
      case 27:
        {
          long d = 0;
          for (int i = 0; i < 8; i++) {
            d = (d << 8) | readByte();
          }
          return new Cbor.Float(Double.longBitsToDouble(d), 8);
        }
      case 31:
        throw new CoseFormatException("unexpected CBOR break byte at offset " + start);
      default:
        throw new CoseFormatException(
            "unsupported CBOR simple value (additional information " + ai + ") at offset " + start);
    }
  }

  private static double halfToDouble(int h) {
    int exp = (h >> 10) & 0x1f;
    int mant = h & 0x3ff;
    double val;
    if (exp == 0) {
      val = Math.scalb((double) mant, -24);
    } else if (exp != 31) {
      val = Math.scalb((double) (mant + 1024), exp - 25);
    } else {
      val = mant == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
    }
    return (h & 0x8000) != 0 ? -val : val;
  }
}
