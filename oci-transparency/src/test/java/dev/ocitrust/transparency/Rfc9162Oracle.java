package dev.ocitrust.transparency;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;

/**
 * RFC 9162 §2.1.3.2 and §2.1.4.2 verification written from the RFC's text, independent of the code
 * under test, to check the proofs the log generates.
 */
final class Rfc9162Oracle {
  private Rfc9162Oracle() {}

  static byte[] rootFromInclusion(byte[] leaf, InclusionProof p) {
    long fn = p.leafIndex();
    long sn = p.treeSize() - 1;
    byte[] r = leaf;
    for (byte[] h : p.path()) {
      if (sn == 0) {
        throw new AssertionError("path too long");
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = node(h, r);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>= 1;
            sn >>= 1;
          }
        }
      } else {
        r = node(r, h);
      }
      fn >>= 1;
      sn >>= 1;
    }
    if (sn != 0) {
      throw new AssertionError("path too short");
    }
    return r;
  }

  static boolean consistent(byte[] root1, byte[] root2, ConsistencyProof c) {
    List<byte[]> path = new java.util.ArrayList<>(c.path());
    if (c.oldSize() == c.newSize()) {
      return path.isEmpty() && Arrays.equals(root1, root2);
    }
    if (Long.bitCount(c.oldSize()) == 1) {
      path.add(0, root1);
    }
    long fn = c.oldSize() - 1;
    long sn = c.newSize() - 1;
    while ((fn & 1) == 1) {
      fn >>= 1;
      sn >>= 1;
    }
    byte[] fr = path.get(0);
    byte[] sr = path.get(0);
    for (byte[] h : path.subList(1, path.size())) {
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = node(h, fr);
        sr = node(h, sr);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>= 1;
            sn >>= 1;
          }
        }
      } else {
        sr = node(sr, h);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 && Arrays.equals(fr, root1) && Arrays.equals(sr, root2);
  }

  private static byte[] node(byte[] l, byte[] r) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update((byte) 1);
      md.update(l);
      md.update(r);
      return md.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
