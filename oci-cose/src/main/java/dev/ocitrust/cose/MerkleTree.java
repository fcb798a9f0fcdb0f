package dev.ocitrust.cose;

import dev.ocitrust.cose.internal.Hex;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 9162 §2.1 Merkle tree hashing with SHA-256, and verification of inclusion proofs (§2.1.3.2)
 * and consistency proofs (§2.1.4.2): the maths behind {@link
 * VerifiableDataStructure#RFC9162_SHA256} receipts.
 *
 * <p>Tree sizes and leaf indices are unsigned 64-bit values held in a {@code long} (as CBOR {@code
 * uint} and the RFC allow): a value read with {@link Long#parseUnsignedLong} such as 2^64-1 is
 * compared unsigned and rejected, never taken as -1.
 *
 * <p>Thread-safe: stateless.
 *
 * <p>Security guarantees: every hash (leaf, root, path element) must be exactly 32 bytes, except
 * the two roots of an equal-size consistency proof, which are compared byte for byte as RFC 9162
 * and the transparency-dev reference do; an index at or beyond the tree size, a path shorter or
 * longer than the tree shape requires, and a recomputed root that differs all throw {@link
 * MerkleProofException}. Roots are compared in constant time.
 *
 * <pre>{@code
 * byte[] leaf = MerkleTree.leafHash(entryBytes);          // SHA-256(0x00 || entry)
 * byte[] root = MerkleTree.rootFromInclusionProof(3, 5, leaf, path);
 * MerkleTree.verifyConsistency(3, 5, oldRoot, root, consistencyPath);
 * }</pre>
 */
public final class MerkleTree {
  /** The size of every hash in an RFC9162_SHA256 tree. */
  public static final int HASH_SIZE = 32;

  private MerkleTree() {}

  /** The leaf hash of {@code entry}: SHA-256(0x00 ‖ entry) (RFC 9162 §2.1.1). */
  public static byte[] leafHash(byte[] entry) {
    MessageDigest d = sha256();
    d.update((byte) 0x00);
    d.update(entry);
    return d.digest();
  }

  /**
   * The interior node hash SHA-256(0x01 ‖ left ‖ right) (RFC 9162 §2.1.1).
   *
   * @throws IllegalArgumentException if either hash is not 32 bytes
   */
  public static byte[] nodeHash(byte[] left, byte[] right) {
    if (left.length != HASH_SIZE || right.length != HASH_SIZE) {
      throw new IllegalArgumentException(
          "node hashes are 32 bytes, found " + left.length + " and " + right.length);
    }
    return node(left, right);
  }

  /** The hash of the empty tree, SHA-256 of no bytes (RFC 9162 §2.1.1). */
  public static byte[] emptyRoot() {
    return sha256().digest();
  }

  /**
   * The root MTH(D[0:n]) of the tree whose leaf hashes are {@code leafHashes}, in order (RFC 9162
   * §2.1.1); {@link #emptyRoot()} for none. Meant for tests and small trees: it holds every leaf.
   *
   * @throws IllegalArgumentException if a leaf hash is not 32 bytes
   */
  public static byte[] root(List<byte[]> leafHashes) {
    if (leafHashes.isEmpty()) {
      return emptyRoot();
    }
    List<byte[]> level = new ArrayList<>();
    for (byte[] h : leafHashes) {
      if (h.length != HASH_SIZE) {
        throw new IllegalArgumentException("leaf hashes are 32 bytes, found " + h.length);
      }
      level.add(h.clone());
    }
    // RFC 9162 splits at the largest power of two below n; pairing left to right and carrying an
    // odd last node up unchanged builds exactly that tree.
    while (level.size() > 1) {
      List<byte[]> next = new ArrayList<>();
      for (int i = 0; i + 1 < level.size(); i += 2) {
        next.add(node(level.get(i), level.get(i + 1)));
      }
      if (level.size() % 2 == 1) {
        next.add(level.get(level.size() - 1));
      }
      level = next;
    }
    return level.get(0);
  }

  /**
   * Recomputes the root from an inclusion proof (RFC 9162 §2.1.3.2), without comparing it.
   *
   * @param leafIndex the leaf's index, unsigned
   * @param treeSize the tree size, unsigned
   * @param leafHash the leaf hash, 32 bytes
   * @param path the inclusion path, each element 32 bytes
   * @return the root the proof leads to
   * @throws MerkleProofException if {@code leafIndex >= treeSize}, a hash is not 32 bytes, or the
   *     path does not have the length the tree shape requires
   */
  public static byte[] rootFromInclusionProof(
      long leafIndex, long treeSize, byte[] leafHash, List<byte[]> path)
      throws MerkleProofException {
    if (Long.compareUnsigned(leafIndex, treeSize) >= 0) {
      throw new MerkleProofException(
          "leaf index "
              + Long.toUnsignedString(leafIndex)
              + " is not below the tree size "
              + Long.toUnsignedString(treeSize));
    }
    checkHash("leaf hash", leafHash);
    long fn = leafIndex;
    long sn = treeSize - 1;
    byte[] r = leafHash.clone();
    for (int i = 0; i < path.size(); i++) {
      byte[] p = path.get(i);
      checkHash("inclusion path element " + i, p);
      if (sn == 0) {
        throw new MerkleProofException(
            "inclusion path has "
                + path.size()
                + " elements, more than a tree of size "
                + Long.toUnsignedString(treeSize)
                + " needs for leaf "
                + Long.toUnsignedString(leafIndex));
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = node(p, r);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>>= 1;
            sn >>>= 1;
          }
        }
      } else {
        r = node(r, p);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    if (sn != 0) {
      throw new MerkleProofException(
          "inclusion path has "
              + path.size()
              + " elements, fewer than a tree of size "
              + Long.toUnsignedString(treeSize)
              + " needs for leaf "
              + Long.toUnsignedString(leafIndex));
    }
    return r;
  }

  /**
   * Verifies an inclusion proof against a known root (RFC 9162 §2.1.3.2).
   *
   * @throws MerkleProofException if the proof is malformed (see {@link #rootFromInclusionProof}) or
   *     leads to another root
   */
  public static void verifyInclusion(
      long leafIndex, long treeSize, byte[] leafHash, List<byte[]> path, byte[] root)
      throws MerkleProofException {
    checkHash("root", root);
    byte[] computed = rootFromInclusionProof(leafIndex, treeSize, leafHash, path);
    if (!MessageDigest.isEqual(computed, root)) {
      throw new MerkleProofException(
          "inclusion proof for leaf "
              + Long.toUnsignedString(leafIndex)
              + " of "
              + Long.toUnsignedString(treeSize)
              + " leads to root "
              + Hex.encode(computed)
              + ", expected "
              + Hex.encode(root));
    }
  }

  /**
   * Verifies that the tree of size {@code size2} with root {@code root2} extends the tree of size
   * {@code size1} with root {@code root1} (RFC 9162 §2.1.4.2): the log only grew.
   *
   * @throws MerkleProofException if {@code size1} is 0 or larger than {@code size2}, equal sizes
   *     come with a path or different roots, a hash is not 32 bytes, the path has the wrong length,
   *     or either recomputed root differs
   */
  public static void verifyConsistency(
      long size1, long size2, byte[] root1, byte[] root2, List<byte[]> path)
      throws MerkleProofException {
    String sizes = Long.toUnsignedString(size1) + " -> " + Long.toUnsignedString(size2);
    if (Long.compareUnsigned(size2, size1) < 0) {
      throw new MerkleProofException("consistency " + sizes + ": the second tree is smaller");
    }
    if (size1 == 0) {
      throw new MerkleProofException(
          "consistency " + sizes + ": proofs from the empty tree are not defined");
    }
    if (size1 == size2) {
      if (!path.isEmpty()) {
        throw new MerkleProofException(
            "consistency " + sizes + ": equal sizes need an empty path, found " + path.size());
      }
      if (!MessageDigest.isEqual(root1, root2)) {
        throw new MerkleProofException(
            "consistency " + sizes + ": equal sizes but the roots differ");
      }
      return;
    }
    checkHash("root1", root1);
    checkHash("root2", root2);
    if (path.isEmpty()) {
      throw new MerkleProofException("consistency " + sizes + ": the path is empty");
    }
    for (int i = 0; i < path.size(); i++) {
      checkHash("consistency path element " + i, path.get(i));
    }
    List<byte[]> p = new ArrayList<>(path);
    if ((size1 & (size1 - 1)) == 0) {
      p.add(0, root1);
    }
    long fn = size1 - 1;
    long sn = size2 - 1;
    while ((fn & 1) == 1) {
      fn >>>= 1;
      sn >>>= 1;
    }
    byte[] fr = p.get(0);
    byte[] sr = p.get(0);
    for (int i = 1; i < p.size(); i++) {
      byte[] c = p.get(i);
      if (sn == 0) {
        throw new MerkleProofException(
            "consistency " + sizes + ": the path has " + path.size() + " elements, too many");
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = node(c, fr);
        sr = node(c, sr);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>>= 1;
            sn >>>= 1;
          }
        }
      } else {
        sr = node(sr, c);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    if (sn != 0) {
      throw new MerkleProofException(
          "consistency " + sizes + ": the path has " + path.size() + " elements, too few");
    }
    if (!MessageDigest.isEqual(fr, root1)) {
      throw new MerkleProofException(
          "consistency "
              + sizes
              + ": the proof leads to root1 "
              + Hex.encode(fr)
              + ", expected "
              + Hex.encode(root1));
    }
    if (!MessageDigest.isEqual(sr, root2)) {
      throw new MerkleProofException(
          "consistency "
              + sizes
              + ": the proof leads to root2 "
              + Hex.encode(sr)
              + ", expected "
              + Hex.encode(root2));
    }
  }

  private static void checkHash(String what, byte[] h) throws MerkleProofException {
    if (h.length != HASH_SIZE) {
      throw new MerkleProofException(what + " must be 32 bytes, found " + h.length);
    }
  }

  private static byte[] node(byte[] left, byte[] right) {
    MessageDigest d = sha256();
    d.update((byte) 0x01);
    d.update(left);
    d.update(right);
    return d.digest();
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
