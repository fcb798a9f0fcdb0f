package dev.ocitrust.cose;

import java.util.ArrayList;
import java.util.List;

/**
 * Proof generation written from RFC 9162 §2.1.3.1 (PATH) and §2.1.4.1 (PROOF/SUBPROOF) as the
 * definitions read, recursively, as an oracle for the verifier; independent of {@link MerkleTree}
 * except for its hash functions.
 */
final class RefMerkle {
  private RefMerkle() {}

  static byte[] mth(List<byte[]> d) {
    if (d.size() == 1) {
      return d.get(0);
    }
    int k = split(d.size());
    return MerkleTree.nodeHash(mth(d.subList(0, k)), mth(d.subList(k, d.size())));
  }

  static List<byte[]> path(int m, List<byte[]> d) {
    List<byte[]> out = new ArrayList<>();
    if (d.size() == 1) {
      return out;
    }
    int k = split(d.size());
    if (m < k) {
      out.addAll(path(m, d.subList(0, k)));
      out.add(mth(d.subList(k, d.size())));
    } else {
      out.addAll(path(m - k, d.subList(k, d.size())));
      out.add(mth(d.subList(0, k)));
    }
    return out;
  }

  static List<byte[]> consistency(int m, List<byte[]> d) {
    return m == d.size() ? List.of() : subproof(m, d, true);
  }

  private static List<byte[]> subproof(int m, List<byte[]> d, boolean b) {
    List<byte[]> out = new ArrayList<>();
    int n = d.size();
    if (m == n) {
      if (!b) {
        out.add(mth(d));
      }
      return out;
    }
    int k = split(n);
    if (m <= k) {
      out.addAll(subproof(m, d.subList(0, k), b));
      out.add(mth(d.subList(k, n)));
    } else {
      out.addAll(subproof(m - k, d.subList(k, n), false));
      out.add(mth(d.subList(0, k)));
    }
    return out;
  }

  /**
   * The shape of PATH(m, D[n]) from the definition: per level, from the root down, whether the
   * sibling is on the right ("R") or the left ("L"). Two sizes with the same shape for m give paths
   * a verifier cannot tell apart (RFC 9162 does not sign the tree size).
   */
  static String pathShape(long m, long n) {
    if (m >= n) {
      return "out of range";
    }
    if (n == 1) {
      return "";
    }
    long k = split(n);
    return m < k ? "R" + pathShape(m, k) : "L" + pathShape(m - k, n - k);
  }

  /** The shape of SUBPROOF(m, D[n], b) from the definition, as {@link #pathShape} for PATH. */
  static String consistencyShape(long m, long n, boolean b) {
    if (m > n || m == 0) {
      return "out of range";
    }
    if (m == n) {
      return b ? "" : "=";
    }
    long k = split(n);
    return m <= k ? "R" + consistencyShape(m, k, b) : "L" + consistencyShape(m - k, n - k, false);
  }

  /** The largest power of two smaller than n (n > 1). */
  private static int split(int n) {
    return (int) split((long) n);
  }

  private static long split(long n) {
    long k = 1;
    while (k < n - k) {
      k *= 2;
    }
    return k;
  }

  static List<byte[]> flip(List<byte[]> path, int element, int bit) {
    List<byte[]> out = new ArrayList<>();
    path.forEach(h -> out.add(h.clone()));
    out.get(element)[bit / 8] ^= (byte) (1 << (bit % 8));
    return out;
  }
}
