package dev.ocitrust.cose;

import dev.ocitrust.cose.internal.Cbor;
import dev.ocitrust.cose.internal.CborDecoder;
import dev.ocitrust.cose.internal.CborEncoder;
import dev.ocitrust.cose.internal.CborReader;
import java.util.ArrayList;
import java.util.List;

/**
 * An RFC9162_SHA256 consistency proof as a receipt carries it (RFC 9942 §5.3): {@code bstr .cbor
 * [tree_size_1: uint, tree_size_2: uint, consistency_path: [* bstr]]}. A consistency receipt signs
 * the newer root.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * Rfc9162ConsistencyProof p = Rfc9162ConsistencyProof.parse(proofBytes);
 * p.verify(rootWeTrusted, newRoot); // throws unless the log only grew
 * }</pre>
 */
public final class Rfc9162ConsistencyProof {
  private final long treeSize1;
  private final long treeSize2;
  private final List<byte[]> path;

  /**
   * A proof.
   *
   * @param treeSize1 the older tree size, unsigned
   * @param treeSize2 the newer tree size, unsigned
   * @param path the consistency path, copied
   */
  public Rfc9162ConsistencyProof(long treeSize1, long treeSize2, List<byte[]> path) {
    this.treeSize1 = treeSize1;
    this.treeSize2 = treeSize2;
    this.path = Rfc9162InclusionProof.copy(path);
  }

  /**
   * Parses the CBOR encoding (the content of one {@code vdp -2} byte string).
   *
   * @throws CoseFormatException if it is not the three-item array RFC 9942 defines
   */
  public static Rfc9162ConsistencyProof parse(byte[] encoded) throws CoseFormatException {
    List<Cbor> items =
        CborReader.array(CborDecoder.decode(encoded), 3, "RFC 9162 consistency proof");
    return new Rfc9162ConsistencyProof(
        CborReader.uint(items.get(0), "consistency proof tree_size_1"),
        CborReader.uint(items.get(1), "consistency proof tree_size_2"),
        CborReader.bytesList(items.get(2), "consistency proof path"));
  }

  /** The deterministic CBOR encoding, as it goes into a receipt's {@code vdp}. */
  public byte[] encode() {
    List<Cbor> p = new ArrayList<>();
    path.forEach(h -> p.add(new Cbor.Bytes(h)));
    return CborEncoder.encode(
        Cbor.array(new Cbor.Int(treeSize1), new Cbor.Int(treeSize2), new Cbor.Array(p)));
  }

  /**
   * Verifies that {@code root2} (tree size 2) extends {@code root1} (tree size 1).
   *
   * @throws MerkleProofException if it does not (see {@link MerkleTree#verifyConsistency})
   */
  public void verify(byte[] root1, byte[] root2) throws MerkleProofException {
    MerkleTree.verifyConsistency(treeSize1, treeSize2, root1, root2, path);
  }

  /** The older tree size, unsigned. */
  public long treeSize1() {
    return treeSize1;
  }

  /** The newer tree size, unsigned. */
  public long treeSize2() {
    return treeSize2;
  }

  /** The consistency path (copies). */
  public List<byte[]> path() {
    return Rfc9162InclusionProof.copy(path);
  }

  @Override
  public String toString() {
    return "consistency "
        + Long.toUnsignedString(treeSize1)
        + " -> "
        + Long.toUnsignedString(treeSize2)
        + " (path of "
        + path.size()
        + ")";
  }
}
