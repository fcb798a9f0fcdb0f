package dev.ocitrust.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Notary Project COSE envelope built by the test plugin's {@code generate-envelope}, with a CBOR
 * writer of its own (the test kit cannot use oci-cose, whose tests use the test kit).
 * Package-private; stateless.
 */
final class TestCose {
  private TestCose() {}

  interface Signer {
    byte[] sign(byte[] toBeSigned) throws GeneralSecurityException;
  }

  static byte[] envelope(
      int alg, Signer signer, List<X509Certificate> chain, byte[] payload, Instant now, long expiry)
      throws GeneralSecurityException {
    List<byte[]> crit = new ArrayList<>();
    crit.add(text("io.cncf.notary.signingScheme"));
    ByteArrayOutputStream prot = new ByteArrayOutputStream();
    int pairs = expiry > 0 ? 6 : 5;
    head(prot, 5, pairs);
    write(prot, integer(1), integer(alg));
    if (expiry > 0) {
      crit.add(text("io.cncf.notary.expiry"));
    }
    write(prot, integer(2), array(crit));
    write(prot, integer(3), text("application/vnd.cncf.notary.payload.v1+json"));
    if (expiry > 0) {
      write(prot, text("io.cncf.notary.expiry"), time(now.getEpochSecond() + expiry));
    }
    write(prot, text("io.cncf.notary.signingTime"), time(now.getEpochSecond()));
    write(prot, text("io.cncf.notary.signingScheme"), text("notary.x509"));
    byte[] protectedBytes = prot.toByteArray();
    byte[] toBeSigned =
        array(
            List.of(text("Signature1"), bytes(protectedBytes), bytes(new byte[0]), bytes(payload)));
    byte[] signature = signer.sign(toBeSigned);
    List<byte[]> x5chain = new ArrayList<>();
    for (X509Certificate c : chain) {
      x5chain.add(bytes(c.getEncoded()));
    }
    ByteArrayOutputStream unprot = new ByteArrayOutputStream();
    head(unprot, 5, 2);
    write(unprot, integer(33), array(x5chain));
    write(unprot, text("io.cncf.notary.signingAgent"), text("ocitrust-test-plugin/1.0.0"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    head(out, 6, 18);
    write(
        out,
        array(
            List.of(
                bytes(protectedBytes), unprot.toByteArray(), bytes(payload), bytes(signature))));
    return out.toByteArray();
  }

  /** The COSE algorithm of a key spec's signing algorithm ({@code RSASSA-PSS-SHA-256} → -37). */
  static int algorithm(String signingAlgorithm) {
    Map<String, Integer> ids =
        Map.of(
            "RSASSA-PSS-SHA-256", -37,
            "RSASSA-PSS-SHA-384", -38,
            "RSASSA-PSS-SHA-512", -39,
            "ECDSA-SHA-256", -7,
            "ECDSA-SHA-384", -35,
            "ECDSA-SHA-512", -36);
    Integer id = ids.get(signingAlgorithm);
    if (id == null) {
      throw new IllegalArgumentException("no COSE algorithm for " + signingAlgorithm);
    }
    return id;
  }

  private static void write(ByteArrayOutputStream out, byte[]... items) {
    for (byte[] b : items) {
      out.writeBytes(b);
    }
  }

  private static void head(ByteArrayOutputStream out, int major, long value) {
    int m = major << 5;
    if (value < 24) {
      out.write(m | (int) value);
    } else if (value < 0x100) {
      out.write(m | 24);
      out.write((int) value);
    } else if (value < 0x10000) {
      out.write(m | 25);
      out.write((int) (value >> 8));
      out.write((int) value);
    } else {
      out.write(m | 26);
      for (int s = 24; s >= 0; s -= 8) {
        out.write((int) (value >> s));
      }
    }
  }

  private static byte[] integer(long v) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    head(out, v < 0 ? 1 : 0, v < 0 ? -1 - v : v);
    return out.toByteArray();
  }

  private static byte[] text(String s) {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    head(out, 3, utf8.length);
    out.writeBytes(utf8);
    return out.toByteArray();
  }

  private static byte[] bytes(byte[] b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    head(out, 2, b.length);
    out.writeBytes(b);
    return out.toByteArray();
  }

  private static byte[] array(List<byte[]> items) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    head(out, 4, items.size());
    items.forEach(out::writeBytes);
    return out.toByteArray();
  }

  private static byte[] time(long epochSeconds) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    head(out, 6, 1);
    head(out, 0, epochSeconds);
    return out.toByteArray();
  }
}
