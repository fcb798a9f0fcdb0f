package dev.ocitrust.transparency;

import java.util.List;

/**
 * An RFC 9162 §2.1.3 inclusion proof: the audit path of leaf {@code leafIndex} in the tree of the
 * first {@code treeSize} leaves, leaf to root. In a COSE receipt (RFC 9942, vds 1) it is encoded as
 * {@code [tree_size, leaf_index, [+ bstr]]}.
 *
 * <p>Immutable and thread-safe: the hashes are copied in and out.
 *
 * <pre>{@code
 * InclusionProof p = log.inclusionProof(3, log.size());
 * List<byte[]> path = p.path();
 * }</pre>
 *
 * @param treeSize the tree size the proof is for
 * @param leafIndex the leaf's index, below {@code treeSize}
 * @param path the sibling hashes, 32 bytes each
 */
public record InclusionProof(long treeSize, long leafIndex, List<byte[]> path) {
  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException if the index is not below the size or a hash is not 32 bytes
   */
  public InclusionProof {
    if (leafIndex < 0 || leafIndex >= treeSize) {
      throw new IllegalArgumentException(
          "leaf index " + leafIndex + " is not below the tree size " + treeSize);
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
    return "InclusionProof[treeSize="
        + treeSize
        + ", leafIndex="
        + leafIndex
        + ", path="
        + path.size()
        + " hashes]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InclusionProof p
        && p.treeSize == treeSize
        && p.leafIndex == leafIndex
        && ProofHashes.equal(p.path, path);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(treeSize) * 31 + Long.hashCode(leafIndex) * 7 + ProofHashes.hash(path);
  }
}
