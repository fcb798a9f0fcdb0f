package dev.ocitrust.transparency.internal;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The hashes of every complete, aligned subtree of an append-only RFC 9162 tree, kept in memory
 * level by level (level 0 holds the leaf hashes), so that any tree head, inclusion proof or
 * consistency proof costs O(log n) hash lookups and at most O(log n) hash computations. About 64
 * bytes of memory per leaf.
 *
 * <p>Not thread-safe: the owning log serialises access.
 */
public final class TreeHashes {
  private final MessageDigest md = Rfc9162.sha256();
  private final List<byte[]> levels = new ArrayList<>();
  private long size;

  /** The number of leaves. */
  public long size() {
    return size;
  }

  /** Adds a leaf hash and the complete subtrees it closes. */
  public void add(byte[] leafHash) {
    byte[] h = leafHash;
    long index = size;
    int level = 0;
    while (true) {
      put(level, index, h);
      if ((index & 1) == 0) {
        break;
      }
      h = Rfc9162.node(md, node(level, index - 1), h);
      index >>= 1;
      level++;
    }
    size++;
  }

  /** The leaf hash at {@code index}. */
  public byte[] leaf(long index) {
    return node(0, index);
  }

  /** MTH(D[lo:hi]) for a range that the RFC 9162 recursion can ask for. */
  public byte[] hash(long lo, long hi) {
    long n = hi - lo;
    if (n == 0) {
      md.reset();
      return md.digest();
    }
    if (Long.bitCount(n) == 1) {
      int level = Long.numberOfTrailingZeros(n);
      return node(level, lo >> level);
    }
    long k = Rfc9162.splitPoint(n);
    return Rfc9162.node(md, hash(lo, lo + k), hash(lo + k, hi));
  }

  /** PATH(m, D[0:n]) of RFC 9162 §2.1.3.1, leaf to root. */
  public List<byte[]> inclusionPath(long m, long n) {
    List<byte[]> out = new ArrayList<>();
    path(m, 0, n, out);
    return out;
  }

  private void path(long m, long lo, long hi, List<byte[]> out) {
    long n = hi - lo;
    if (n <= 1) {
      return;
    }
    long k = Rfc9162.splitPoint(n);
    if (m < k) {
      path(m, lo, lo + k, out);
      out.add(hash(lo + k, hi));
    } else {
      path(m - k, lo + k, hi, out);
      out.add(hash(lo, lo + k));
    }
  }

  /** PROOF(m, D[0:n]) of RFC 9162 §2.1.4.1. */
  public List<byte[]> consistencyPath(long m, long n) {
    List<byte[]> out = new ArrayList<>();
    if (m > 0 && m < n) {
      subproof(m, 0, n, true, out);
    }
    return out;
  }

  private void subproof(long m, long lo, long hi, boolean complete, List<byte[]> out) {
    long n = hi - lo;
    if (m == n) {
      if (!complete) {
        out.add(hash(lo, hi));
      }
      return;
    }
    long k = Rfc9162.splitPoint(n);
    if (m <= k) {
      subproof(m, lo, lo + k, complete, out);
      out.add(hash(lo + k, hi));
    } else {
      subproof(m - k, lo + k, hi, false, out);
      out.add(hash(lo, lo + k));
    }
  }

  private byte[] node(int level, long index) {
    byte[] data = levels.get(level);
    int at = Math.toIntExact(index * Rfc9162.HASH_BYTES);
    return Arrays.copyOfRange(data, at, at + Rfc9162.HASH_BYTES);
  }

  private void put(int level, long index, byte[] h) {
    if (level == levels.size()) {
      levels.add(new byte[Rfc9162.HASH_BYTES * 16]);
    }
    byte[] data = levels.get(level);
    long need = (index + 1) * Rfc9162.HASH_BYTES;
    if (need > data.length) {
      long grown = Math.max(need, (long) data.length * 2);
      if (grown > Integer.MAX_VALUE - 8) {
        grown = Integer.MAX_VALUE - 8;
      }
      if (need > grown) {
        throw new IllegalStateException("the log holds more leaves than memory allows");
      }
      data = Arrays.copyOf(data, (int) grown);
      levels.set(level, data);
    }
    System.arraycopy(h, 0, data, (int) (index * Rfc9162.HASH_BYTES), Rfc9162.HASH_BYTES);
  }
}
