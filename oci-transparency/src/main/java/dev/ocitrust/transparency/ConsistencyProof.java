package dev.ocitrust.transparency;

import java.util.List;

/**
 * An RFC 9162 §2.1.4 consistency proof: that the tree of {@code newSize} leaves extends the tree of
 * {@code oldSize} leaves (the log only grew).
 *
 * <p>Immutable and thread-safe: the hashes are copied in and out.
 *
 * <pre>{@code
 * ConsistencyProof p = log.consistencyProof(1000, log.size());
 * }</pre>
 *
 * @param oldSize the older tree size, at least 1
 * @param newSize the newer tree size, at least {@code oldSize}
 * @param path the proof hashes, 32 bytes each
 */
public record ConsistencyProof(long oldSize, long newSize, List<byte[]> path) {
  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException if the sizes are out of order or a hash is not 32 bytes
   */
  public ConsistencyProof {
    if (oldSize < 1 || newSize < oldSize) {
      throw new IllegalArgumentException(
          "a consistency proof needs 1 <= old size <= new size, found "
              + oldSize
              + " and "
              + newSize);
    }
    path = ProofHashes.copy(path);
  }

  /** The path (copies of the hashes). */
  @Override
  public List<byte[]> path() {
    return ProofHashes.copy(path);
  }

  /** Shows sizes only. */
  @Override
  public String toString() {
    return "ConsistencyProof[oldSize="
        + oldSize
        + ", newSize="
        + newSize
        + ", path="
        + path.size()
        + " hashes]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConsistencyProof p
        && p.oldSize == oldSize
        && p.newSize == newSize
        && ProofHashes.equal(p.path, path);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(oldSize) * 31 + Long.hashCode(newSize) * 7 + ProofHashes.hash(path);
  }
}
