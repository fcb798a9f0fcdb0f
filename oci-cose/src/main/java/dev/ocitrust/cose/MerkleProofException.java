package dev.ocitrust.cose;

/**
 * A Merkle proof (RFC 9162 §2.1.3 inclusion, §2.1.4 consistency, or a CCF ledger path) does not
 * verify or is malformed: an index outside the tree, a hash of the wrong size, a path too short or
 * too long, or a recomputed root that differs from the expected one. The message names the check
 * that failed and the values involved.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * try {
 *   MerkleTree.verifyInclusion(leafIndex, treeSize, leafHash, path, root);
 * } catch (MerkleProofException e) {
 *   // the entry is not proven to be in the tree
 * }
 * }</pre>
 */
public class MerkleProofException extends CoseException {
  private static final long serialVersionUID = 1L;

  /** An exception with a message that says which check failed. */
  public MerkleProofException(String message) {
    super(message);
  }
}
