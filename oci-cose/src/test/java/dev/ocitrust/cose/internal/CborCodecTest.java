package dev.ocitrust.cose.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.upokecenter.cbor.CBORObject;
import dev.ocitrust.cose.CoseFormatException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Our decoder and encoder against an independent CBOR implementation (upokecenter). */
class CborCodecTest {
  private static final HexFormat HEX = HexFormat.of();

  private static CBORObject random(SplittableRandom r, int depth) {
    int kind = depth > 3 ? r.nextInt(4) : r.nextInt(8);
    switch (kind) {
      case 0:
        {
          long v =
              switch (r.nextInt(4)) {
                case 0 -> r.nextInt(30) - 15;
                case 1 -> r.nextInt(70000) - 35000;
                case 2 -> r.nextLong(-5_000_000_000L, 5_000_000_000L);
                default -> r.nextLong();
              };
          return CBORObject.FromObject(v);
        }
      case 1:
        {
          byte[] b = new byte[r.nextInt(300)];
          for (int i = 0; i < b.length; i++) {
            b[i] = (byte) r.nextInt(256);
          }
          return CBORObject.FromObject(b);
        }
      case 2:
        {
          StringBuilder s = new StringBuilder();
          int n = r.nextInt(40);
          for (int i = 0; i < n; i++) {
            int cp =
                switch (r.nextInt(4)) {
                  case 0 -> 'a' + r.nextInt(26);
                  case 1 -> 0x80 + r.nextInt(0x700);
                  case 2 -> 0x1F600 + r.nextInt(50);
                  default -> 0x4E00 + r.nextInt(500);
                };
            s.appendCodePoint(cp);
          }
          return CBORObject.FromObject(s.toString());
        }
      case 3:
        return List.of(CBORObject.True, CBORObject.False, CBORObject.Null).get(r.nextInt(3));
      case 4:
        {
          CBORObject a = CBORObject.NewArray();
          int n = r.nextInt(6);
          for (int i = 0; i < n; i++) {
            a.Add(random(r, depth + 1));
          }
          return a;
        }
      case 5:
      case 6:
        {
          CBORObject m = CBORObject.NewMap();
          int n = r.nextInt(6);
          for (int i = 0; i < n; i++) {
            CBORObject key =
                r.nextBoolean()
                    ? CBORObject.FromObject(r.nextInt(1000) - 500)
                    : CBORObject.FromObject("k" + r.nextInt(1000));
            m.set(key, random(r, depth + 1));
          }
          return m;
        }
      default:
        return CBORObject.FromObjectAndTag(random(r, depth + 1), 1 + r.nextInt(30));
    }
  }

  @Test
  void roundTripsWhatAnIndependentLibraryEncodes() throws Exception {
    SplittableRandom r = new SplittableRandom(42);
    for (int i = 0; i < 3000; i++) {
      CBORObject original = random(r, 0);
      byte[] theirs = original.EncodeToBytes();
      Cbor ours = CborDecoder.decode(theirs);
      byte[] reencoded = CborEncoder.encode(ours);
      assertThat(CBORObject.DecodeFromBytes(reencoded))
          .as(HEX.formatHex(theirs))
          .isEqualTo(original);
      assertSortedMaps(ours);
      // deterministic: encoding is a fixed point
      assertThat(CborEncoder.encode(CborDecoder.decode(reencoded))).isEqualTo(reencoded);
    }
  }

  private static void assertSortedMaps(Cbor item) {
    if (item instanceof Cbor.MapItem m) {
      byte[] encoded = CborEncoder.encode(m);
      Cbor.MapItem again = (Cbor.MapItem) decodeUnchecked(encoded);
      byte[] previous = null;
      for (Map.Entry<Cbor, Cbor> e : again.entries().entrySet()) {
        byte[] k = CborEncoder.encode(e.getKey());
        if (previous != null) {
          assertThat(Arrays.compareUnsigned(previous, k)).isNegative();
        }
        previous = k;
        assertSortedMaps(e.getValue());
      }
    } else if (item instanceof Cbor.Array a) {
      a.items().forEach(CborCodecTest::assertSortedMaps);
    } else if (item instanceof Cbor.Tag t) {
      assertSortedMaps(t.content());
    }
  }

  private static Cbor decodeUnchecked(byte[] b) {
    try {
      return CborDecoder.decode(b);
    } catch (CoseFormatException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void integerBoundaries() throws Exception {
    assertThat(CborDecoder.decode(HEX.parseHex("1b7fffffffffffffff")))
        .isEqualTo(new Cbor.Int(Long.MAX_VALUE));
    assertThat(CborDecoder.decode(HEX.parseHex("3b7fffffffffffffff")))
        .isEqualTo(new Cbor.Int(Long.MIN_VALUE));
    assertThat(HEX.formatHex(CborEncoder.encode(new Cbor.Int(Long.MIN_VALUE))))
        .isEqualTo("3b7fffffffffffffff");
    assertThat(HEX.formatHex(CborEncoder.encode(new Cbor.Int(-25)))).isEqualTo("3818");
    assertThat(HEX.formatHex(CborEncoder.encode(new Cbor.Int(65536)))).isEqualTo("1a00010000");
    // outside the signed 64-bit range: rejected, documented limitation
    assertThatThrownBy(() -> CborDecoder.decode(HEX.parseHex("1b8000000000000000")))
        .isInstanceOf(CoseFormatException.class);
  }

  @Test
  void strictness() {
    for (String bad :
        List.of(
            "1800",
            "190017",
            "1a0000ffff",
            "1b00000000ffffffff",
            "5f40ff",
            "9fff",
            "bf ff",
            "a2 01 01 01 02",
            "62 c3 28",
            "f8 20",
            "1c",
            "ff",
            "",
            "8201")) {
      assertThatThrownBy(() -> CborDecoder.decode(HEX.parseHex(bad.replace(" ", ""))))
          .as(bad)
          .isInstanceOf(CoseFormatException.class);
    }
  }

  @Test
  void halfAndSinglePrecisionFloatsDecode() throws Exception {
    assertThat(CborDecoder.decode(HEX.parseHex("f93c00"))).isEqualTo(new Cbor.Float(1.0, 2));
    assertThat(CborDecoder.decode(HEX.parseHex("fa47c35000")))
        .isEqualTo(new Cbor.Float(100000.0, 4));
    assertThat(CborDecoder.decode(HEX.parseHex("f90001")))
        .isEqualTo(new Cbor.Float(5.960464477539063e-8, 2));
  }
}
