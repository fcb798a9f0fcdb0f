package dev.ocitrust.transparency;

import dev.ocitrust.transparency.internal.LogFiles;
import dev.ocitrust.transparency.internal.Rfc9162;
import dev.ocitrust.transparency.internal.TreeHashes;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * An append-only RFC 9162 Merkle tree log (SHA-256) persisted to a directory: tree heads, inclusion
 * proofs and consistency proofs for any tree size it has had.
 *
 * <p>Appends are crash-safe: each append writes the entry, then its leaf record, and forces both to
 * disk before it returns; a process killed mid-append leaves a log that opens with every append
 * that had returned and none of the one that was cut (the next writable open removes its traces). A
 * log directory has one writer at a time (a file lock); {@link #openReadOnly} never writes. Opening
 * reads the leaf records once (32 + 8 bytes per leaf) and keeps every complete subtree hash in
 * memory (about 64 bytes per leaf), so tree heads and proofs cost O(log n).
 *
 * <p>Thread-safe: methods are serialised on the log.
 *
 * <pre>{@code
 * try (MerkleLog log = MerkleLog.open(dir)) {
 *   long index = log.append(entryBytes);
 *   InclusionProof proof = log.inclusionProof(index, log.size());
 *   byte[] root = log.root(proof.treeSize());
 * }
 * }</pre>
 */
public final class MerkleLog implements AutoCloseable {
  private final TreeHashes tree;
  private final LogFiles files;
  private final MessageDigest md = Rfc9162.sha256();

  private MerkleLog(TreeHashes tree, LogFiles files) {
    this.tree = tree;
    this.files = files;
  }

  /**
   * Opens the log in {@code dir} for appending, creating it when missing.
   *
   * @throws MerkleLogException if another writer holds the log
   * @throws IOException if the files cannot be read or written
   */
  public static MerkleLog open(Path dir) throws IOException {
    TreeHashes tree = new TreeHashes();
    return new MerkleLog(tree, LogFiles.open(dir, true, tree));
  }

  /**
   * Opens the log in {@code dir} for reading; nothing is written, and an append that a killed
   * writer left unfinished is ignored.
   *
   * @throws MerkleLogException if {@code dir} holds no log
   */
  public static MerkleLog openReadOnly(Path dir) throws IOException {
    TreeHashes tree = new TreeHashes();
    return new MerkleLog(tree, LogFiles.open(dir, false, tree));
  }

  /**
   * Appends one entry and returns its leaf index.
   *
   * @throws IllegalArgumentException if the entry is larger than 16 MiB
   */
  public long append(byte[] entry) throws IOException {
    return appendAll(List.of(entry));
  }

  /**
   * Appends entries in order with one write and one flush to disk (a group commit) and returns the
   * index of the first; all or none of them survive a crash's recovery as a prefix of the batch.
   *
   * @throws IllegalArgumentException if an entry is larger than 16 MiB or the batch is empty
   */
  public synchronized long appendAll(List<byte[]> entries) throws IOException {
    if (entries.isEmpty()) {
      throw new IllegalArgumentException("nothing to append");
    }
    List<byte[]> copies = new ArrayList<>(entries.size());
    List<byte[]> leaves = new ArrayList<>(entries.size());
    for (byte[] e : entries) {
      if (e.length > LogFiles.MAX_ENTRY_BYTES) {
        throw new IllegalArgumentException(
            "an entry of " + e.length + " bytes exceeds the limit of " + LogFiles.MAX_ENTRY_BYTES);
      }
      byte[] c = e.clone();
      copies.add(c);
      leaves.add(Rfc9162.leaf(md, c));
    }
    long first = tree.size();
    files.append(copies, leaves);
    for (byte[] h : leaves) {
      tree.add(h);
    }
    return first;
  }

  /** The number of leaves. */
  public synchronized long size() {
    return tree.size();
  }

  /** The current tree head (the SHA-256 of the empty string for an empty log). */
  public synchronized byte[] root() {
    return tree.hash(0, tree.size());
  }

  /**
   * The tree head the log had at {@code treeSize} leaves.
   *
   * @throws IllegalArgumentException if {@code treeSize} is negative or beyond the log
   */
  public synchronized byte[] root(long treeSize) {
    checkSize(treeSize);
    return tree.hash(0, treeSize);
  }

  /** The RFC 9162 leaf hash of entry {@code index}. */
  public synchronized byte[] leafHash(long index) {
    checkIndex(index, tree.size());
    return tree.leaf(index);
  }

  /** The bytes of entry {@code index}, read from disk. */
  public synchronized byte[] entry(long index) throws IOException {
    checkIndex(index, tree.size());
    return files.entry(index);
  }

  /**
   * The inclusion proof of leaf {@code index} in the tree of {@code treeSize} leaves.
   *
   * @throws IllegalArgumentException if the index is not below the size or the size is beyond the
   *     log
   */
  public synchronized InclusionProof inclusionProof(long index, long treeSize) {
    checkSize(treeSize);
    checkIndex(index, treeSize);
    return new InclusionProof(treeSize, index, tree.inclusionPath(index, treeSize));
  }

  /**
   * The consistency proof from the tree of {@code oldSize} leaves to that of {@code newSize}.
   *
   * @throws IllegalArgumentException unless 1 &lt;= oldSize &lt;= newSize &lt;= size()
   */
  public synchronized ConsistencyProof consistencyProof(long oldSize, long newSize) {
    checkSize(newSize);
    if (oldSize < 1 || oldSize > newSize) {
      throw new IllegalArgumentException(
          "a consistency proof needs 1 <= old size <= new size, found "
              + oldSize
              + " and "
              + newSize);
    }
    return new ConsistencyProof(oldSize, newSize, tree.consistencyPath(oldSize, newSize));
  }

  private void checkSize(long treeSize) {
    if (treeSize < 0 || treeSize > tree.size()) {
      throw new IllegalArgumentException(
          "tree size " + treeSize + " is outside the log's 0.." + tree.size());
    }
  }

  private static void checkIndex(long index, long treeSize) {
    if (index < 0 || index >= treeSize) {
      throw new IllegalArgumentException(
          "leaf index " + index + " is not below the tree size " + treeSize);
    }
  }

  /** Releases the files and the writer's lock. */
  @Override
  public synchronized void close() throws IOException {
    files.close();
  }

  @Override
  public synchronized String toString() {
    return "MerkleLog[size=" + tree.size() + "]";
  }
}
