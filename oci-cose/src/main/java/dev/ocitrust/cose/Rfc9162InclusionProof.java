package dev.ocitrust.cose;

import dev.ocitrust.cose.internal.Cbor;
import dev.ocitrust.cose.internal.CborDecoder;
import dev.ocitrust.cose.internal.CborEncoder;
import dev.ocitrust.cose.internal.CborReader;
import java.util.ArrayList;
import java.util.List;

/**
 * An RFC9162_SHA256 inclusion proof as a receipt carries it (RFC 9942 §5.2): {@code bstr .cbor
 * [tree_size: uint, leaf_index: uint, inclusion_path: [* bstr]]}.
 *
 * <p>Immutable and thread-safe. Parsing checks the shape; {@link #rootFor} checks the maths.
 *
 * <pre>{@code
 * Rfc9162InclusionProof p = Rfc9162InclusionProof.parse(proofBytes);
 * byte[] root = p.rootFor(MerkleTree.leafHash(entry)); // the receipt's detached payload
 * }</pre>
 */
public final class Rfc9162InclusionProof {
  private final long treeSize;
  private final long leafIndex;
  private final List<byte[]> path;

  /**
   * A proof.
   *
   * @param treeSize the tree size, unsigned
   * @param leafIndex the leaf index, unsigned
   * @param path the inclusion path, copied
   */
  public Rfc9162InclusionProof(long treeSize, long leafIndex, List<byte[]> path) {
    this.treeSize = treeSize;
    this.leafIndex = leafIndex;
    this.path = copy(path);
  }

  /**
   * Parses the CBOR encoding (the content of one {@code vdp -1} byte string).
   *
   * @throws CoseFormatException if it is not the three-item array RFC 9942 defines
   */
  public static Rfc9162InclusionProof parse(byte[] encoded) throws CoseFormatException {
    List<Cbor> items = CborReader.array(CborDecoder.decode(encoded), 3, "RFC 9162 inclusion proof");
    return new Rfc9162InclusionProof(
        CborReader.uint(items.get(0), "inclusion proof tree_size"),
        CborReader.uint(items.get(1), "inclusion proof leaf_index"),
        CborReader.bytesList(items.get(2), "inclusion proof path"));
  }

  /** The deterministic CBOR encoding, as it goes into a receipt's {@code vdp}. */
  public byte[] encode() {
    List<Cbor> p = new ArrayList<>();
    path.forEach(h -> p.add(new Cbor.Bytes(h)));
    return CborEncoder.encode(
        Cbor.array(new Cbor.Int(treeSize), new Cbor.Int(leafIndex), new Cbor.Array(p)));
  }

  /**
   * The root this proof leads to for {@code leafHash} (RFC 9162 §2.1.3.2).
   *
   * @throws MerkleProofException if the proof does not fit the tree (see {@link
   *     MerkleTree#rootFromInclusionProof})
   */
  public byte[] rootFor(byte[] leafHash) throws MerkleProofException {
    return MerkleTree.rootFromInclusionProof(leafIndex, treeSize, leafHash, path);
  }

  /** The tree size, unsigned. */
  public long treeSize() {
    return treeSize;
  }

  /** The leaf index, unsigned. */
  public long leafIndex() {
    return leafIndex;
  }

  /** The inclusion path (copies). */
  public List<byte[]> path() {
    return copy(path);
  }

  static List<byte[]> copy(List<byte[]> hashes) {
    List<byte[]> out = new ArrayList<>();
    hashes.forEach(h -> out.add(h.clone()));
    return List.copyOf(out);
  }

  @Override
  public String toString() {
    return "inclusion of leaf "
        + Long.toUnsignedString(leafIndex)
        + " in a tree of "
        + Long.toUnsignedString(treeSize)
        + " (path of "
        + path.size()
        + ")";
  }
}
