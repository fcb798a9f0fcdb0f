package dev.ocitrust.cose.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Deterministic CBOR encoding (RFC 8949 §4.2.1 core deterministic encoding): shortest-form
 * arguments, definite lengths, map keys sorted bytewise by their encoded form. Floats keep the
 * width they were decoded with (8 bytes when built in code).
 *
 * <p>Thread-safe: stateless.
 */
public final class CborEncoder {
  private CborEncoder() {}

  /** The deterministic encoding of {@code item}. */
  public static byte[] encode(Cbor item) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(out, item);
    return out.toByteArray();
  }

  private static void head(ByteArrayOutputStream out, int major, long arg) {
    int m = major << 5;
    if (arg >= 0 && arg < 24) {
      out.write(m | (int) arg);
    } else if (arg >= 0 && arg <= 0xff) {
      out.write(m | 24);
      out.write((int) arg);
    } else if (arg >= 0 && arg <= 0xffff) {
      out.write(m | 25);
      out.write((int) (arg >>> 8));
      out.write((int) arg);
    } else if (arg >= 0 && arg <= 0xffffffffL) {
      out.write(m | 26);
      for (int i = 3; i >= 0; i--) {
        out.write((int) (arg >>> (8 * i)));
      }
    } else {
      out.write(m | 27);
      for (int i = 7; i >= 0; i--) {
        out.write((int) (arg >>> (8 * i)));
      }
    }
  }

  private static void write(ByteArrayOutputStream out, Cbor item) {
    if (item instanceof Cbor.Int i) {
      long v = i.value();
      if (v >= 0) {
        head(out, 0, v);
      } else {
        head(out, 1, -1 - v);
      }
    } else if (item instanceof Cbor.Bytes b) {
      byte[] v = b.value();
      head(out, 2, v.length);
      out.writeBytes(v);
    } else if (item instanceof Cbor.Text t) {
      byte[] v = t.value().getBytes(StandardCharsets.UTF_8);
      head(out, 3, v.length);
      out.writeBytes(v);
    } else if (item instanceof Cbor.Array a) {
      head(out, 4, a.items().size());
      for (Cbor c : a.items()) {
        write(out, c);
      }
    } else if (item instanceof Cbor.MapItem m) {
      List<byte[][]> entries = new ArrayList<>();
      for (Map.Entry<Cbor, Cbor> e : m.entries().entrySet()) {
        entries.add(new byte[][] {encode(e.getKey()), encode(e.getValue())});
      }
      entries.sort((x, y) -> Arrays.compareUnsigned(x[0], y[0]));
      head(out, 5, entries.size());
      for (byte[][] e : entries) {
        out.writeBytes(e[0]);
        out.writeBytes(e[1]);
      }
    } else if (item instanceof Cbor.Tag t) {
      head(out, 6, t.tag());
      write(out, t.content());
    } else if (item instanceof Cbor.Float f) {
      writeFloat(out, f);
    } else {
      int simple =
          switch ((Cbor.Simple) item) {
            case FALSE -> 20;
            case TRUE -> 21;
            case NULL -> 22;
            case UNDEFINED -> 23;
          };
      out.write(0xe0 | simple);
    }
  }

  private static void writeFloat(ByteArrayOutputStream out, Cbor.Float f) {
    if (f.width() == 4 || f.width() == 2) {
      // Width 2 is only produced by decoding; float32 represents every half value exactly, so a
      // half is written widened to float32.
      out.write(0xfa);
      int bits = java.lang.Float.floatToIntBits((float) f.value());
      for (int i = 3; i >= 0; i--) {
        out.write(bits >>> (8 * i));
      }
    } else {
      out.write(0xfb);
      long bits = Double.doubleToLongBits(f.value());
      for (int i = 7; i >= 0; i--) {
        out.write((int) (bits >>> (8 * i)));
      }
    }
  }
}
