package dev.ocitrust.cose;

import dev.ocitrust.cose.internal.Cbor;
import dev.ocitrust.cose.internal.CborDecoder;
import dev.ocitrust.cose.internal.CborReader;
import dev.ocitrust.cose.internal.Hex;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * A CCF_LEDGER_SHA256 inclusion proof (draft-birkholz-cose-receipts-ccf-profile, as Microsoft's
 * signing transparency and scitt-ccf-ledger issue): {@code bstr .cbor {1: [internal_tx_hash: bstr
 * .size 32, internal_evidence: tstr, data_hash: bstr .size 32], 2: [* [left: bool, hash: bstr .size
 * 32]]}}.
 *
 * <p>The root is recomputed with plain SHA-256 (no RFC 9162 prefixes): leaf =
 * SHA-256(internal_tx_hash ‖ SHA-256(internal_evidence) ‖ data_hash), then for each step {@code
 * left ? H(hash ‖ r) : H(r ‖ hash)}; {@code data_hash} must be SHA-256 of the entry.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * CcfInclusionProof p = CcfInclusionProof.parse(proofBytes);
 * byte[] root = p.rootFor(entryBytes); // the receipt's detached payload
 * }</pre>
 */
public final class CcfInclusionProof {
  private final byte[] internalTxHash;
  private final String internalEvidence;
  private final byte[] dataHash;
  private final List<Boolean> left;
  private final List<byte[]> hashes;

  private CcfInclusionProof(
      byte[] internalTxHash,
      String internalEvidence,
      byte[] dataHash,
      List<Boolean> left,
      List<byte[]> hashes) {
    this.internalTxHash = internalTxHash;
    this.internalEvidence = internalEvidence;
    this.dataHash = dataHash;
    this.left = List.copyOf(left);
    this.hashes = List.copyOf(hashes);
  }

  /**
   * Parses the CBOR encoding (the content of one {@code vdp -1} byte string).
   *
   * @throws CoseFormatException if it is not the map the CCF profile defines, or a hash is not 32
   *     bytes
   */
  public static CcfInclusionProof parse(byte[] encoded) throws CoseFormatException {
    Cbor top = CborDecoder.decode(encoded);
    if (!(top instanceof Cbor.MapItem map) || map.entries().size() != 2) {
      throw new CoseFormatException(
          "CCF inclusion proof: expected a map {1: leaf, 2: path}, found " + Cbor.kind(top));
    }
    Cbor leaf = map.get(new Cbor.Int(1));
    Cbor path = map.get(new Cbor.Int(2));
    if (leaf == null || path == null) {
      throw new CoseFormatException("CCF inclusion proof: expected keys 1 (leaf) and 2 (path)");
    }
    List<Cbor> l = CborReader.array(leaf, 3, "CCF inclusion proof leaf");
    byte[] txHash =
        hash(CborReader.bytes(l.get(0), "CCF leaf internal_tx_hash"), "internal_tx_hash");
    String evidence = CborReader.text(l.get(1), "CCF leaf internal_evidence");
    byte[] dataHash = hash(CborReader.bytes(l.get(2), "CCF leaf data_hash"), "data_hash");
    List<Boolean> left = new ArrayList<>();
    List<byte[]> hashes = new ArrayList<>();
    List<Cbor> steps = CborReader.array(path, -1, "CCF inclusion proof path");
    for (int i = 0; i < steps.size(); i++) {
      List<Cbor> step = CborReader.array(steps.get(i), 2, "CCF path step " + i);
      if (step.get(0) == Cbor.Simple.TRUE) {
        left.add(true);
      } else if (step.get(0) == Cbor.Simple.FALSE) {
        left.add(false);
      } else {
        throw new CoseFormatException(
            "CCF path step " + i + ": expected a boolean, found " + Cbor.kind(step.get(0)));
      }
      hashes.add(hash(CborReader.bytes(step.get(1), "CCF path step " + i), "path step " + i));
    }
    return new CcfInclusionProof(txHash, evidence, dataHash, left, hashes);
  }

  private static byte[] hash(byte[] h, String what) throws CoseFormatException {
    if (h.length != MerkleTree.HASH_SIZE) {
      throw new CoseFormatException("CCF " + what + " must be 32 bytes, found " + h.length);
    }
    return h;
  }

  /**
   * The root this proof leads to for {@code entry}, after checking that {@code data_hash} is
   * SHA-256 of {@code entry}.
   *
   * @throws MerkleProofException if {@code data_hash} is not the hash of {@code entry}
   */
  public byte[] rootFor(byte[] entry) throws MerkleProofException {
    MessageDigest d = MerkleTree.sha256();
    byte[] entryHash = d.digest(entry);
    if (!MessageDigest.isEqual(entryHash, dataHash)) {
      throw new MerkleProofException(
          "CCF proof data_hash "
              + Hex.encode(dataHash)
              + " is not SHA-256 of the entry ("
              + Hex.encode(entryHash)
              + "): the receipt is for another statement");
    }
    d.update(internalTxHash);
    d.update(MerkleTree.sha256().digest(internalEvidence.getBytes(StandardCharsets.UTF_8)));
    d.update(dataHash);
    byte[] r = d.digest();
    for (int i = 0; i < hashes.size(); i++) {
      if (left.get(i)) {
        d.update(hashes.get(i));
        d.update(r);
      } else {
        d.update(r);
        d.update(hashes.get(i));
      }
      r = d.digest();
    }
    return r;
  }

  /** {@code internal_tx_hash} (a copy). */
  public byte[] internalTxHash() {
    return internalTxHash.clone();
  }

  /** {@code internal_evidence}, e.g. {@code ce:458.12440:858e…}. */
  public String internalEvidence() {
    return internalEvidence;
  }

  /** {@code data_hash}, SHA-256 of the entry (a copy). */
  public byte[] dataHash() {
    return dataHash.clone();
  }

  /** The number of path steps. */
  public int pathLength() {
    return hashes.size();
  }

  @Override
  public String toString() {
    return "CCF inclusion of " + internalEvidence + " (path of " + hashes.size() + ")";
  }
}
