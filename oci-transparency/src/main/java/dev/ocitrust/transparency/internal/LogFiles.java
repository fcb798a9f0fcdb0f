package dev.ocitrust.transparency.internal;

import dev.ocitrust.transparency.MerkleLogException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The two files of a log directory. {@code entries.bin} holds the entries, each as a 4-byte
 * big-endian length and the bytes; {@code leaves.bin} holds one 40-byte record per leaf: its RFC
 * 9162 leaf hash and the offset of its entry in {@code entries.bin}. An append writes the entry
 * first and its leaf record second, so the leaf records are the commit log: on a writable open, a
 * partial last record, a record whose entry is missing or does not hash to it, and entry bytes no
 * record points at (what a process killed mid-append leaves) are cut off. A read-only open ignores
 * them and writes nothing.
 *
 * <p>Not thread-safe: the owning log serialises access.
 */
public final class LogFiles implements AutoCloseable {
  /** Bytes of one leaf record. */
  public static final int RECORD_BYTES = Rfc9162.HASH_BYTES + 8;

  /** The largest entry accepted. */
  public static final int MAX_ENTRY_BYTES = 16 * 1024 * 1024;

  private final Path dir;
  private final FileChannel entries;
  private final FileChannel leaves;
  private final @Nullable FileLock lock;
  private final boolean writable;
  private final MessageDigest md = Rfc9162.sha256();
  private long entriesEnd;
  private long count;

  private LogFiles(Path dir, boolean writable) throws IOException {
    this.dir = dir;
    this.writable = writable;
    StandardOpenOption[] opts =
        writable
            ? new StandardOpenOption[] {
              StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE
            }
            : new StandardOpenOption[] {StandardOpenOption.READ};
    this.leaves = FileChannel.open(dir.resolve("leaves.bin"), opts);
    FileChannel e;
    try {
      e = FileChannel.open(dir.resolve("entries.bin"), opts);
    } catch (IOException ex) {
      leaves.close();
      throw ex;
    }
    this.entries = e;
    FileLock l = null;
    if (writable) {
      try {
        l = leaves.tryLock();
      } catch (OverlappingFileLockException ex) {
        l = null;
      }
      if (l == null) {
        close();
        throw new MerkleLogException(
            "the log in " + dir + " is open for writing by another process or log");
      }
    }
    this.lock = l;
  }

  /**
   * Opens the files of {@code dir} (creating both when writable) and recovers the committed prefix,
   * handing each leaf hash to {@code sink} in order.
   */
  public static LogFiles open(Path dir, boolean writable, TreeHashes sink) throws IOException {
    if (writable) {
      Files.createDirectories(dir);
    } else if (!Files.isRegularFile(dir.resolve("leaves.bin"))) {
      throw new MerkleLogException("no log in " + dir + " (leaves.bin is missing)");
    }
    LogFiles files = new LogFiles(dir, writable);
    try {
      files.recover(sink);
    } catch (IOException | RuntimeException e) {
      files.close();
      throw e;
    }
    return files;
  }

  private void recover(TreeHashes sink) throws IOException {
    long records = leaves.size() / RECORD_BYTES;
    long entriesSize = entries.size();
    // walk back from the last record until one is whole and its entry hashes to it
    while (records > 0) {
      byte[] rec = readRecord(records - 1);
      long offset = ByteBuffer.wrap(rec, Rfc9162.HASH_BYTES, 8).getLong();
      byte[] entry = readEntryAt(offset, entriesSize);
      if (entry != null
          && Arrays.equals(Rfc9162.leaf(md, entry), Arrays.copyOf(rec, Rfc9162.HASH_BYTES))) {
        entriesEnd = offset + 4 + entry.length;
        break;
      }
      records--;
    }
    if (records == 0) {
      entriesEnd = 0;
    }
    count = records;
    ByteBuffer buf = ByteBuffer.allocate(RECORD_BYTES * 4096);
    long pos = 0;
    long end = records * RECORD_BYTES;
    while (pos < end) {
      buf.clear();
      buf.limit((int) Math.min(buf.capacity(), end - pos));
      readFully(leaves, buf, pos, "leaves.bin");
      buf.flip();
      while (buf.remaining() >= RECORD_BYTES) {
        byte[] h = new byte[Rfc9162.HASH_BYTES];
        buf.get(h);
        buf.getLong();
        sink.add(h);
      }
      pos += buf.limit();
    }
    if (writable) {
      if (leaves.size() != end) {
        leaves.truncate(end);
      }
      if (entries.size() != entriesEnd) {
        entries.truncate(entriesEnd);
      }
      leaves.force(true);
      entries.force(true);
    }
  }

  /** The number of committed leaves. */
  public long count() {
    return count;
  }

  /** Appends {@code batch} (entries with their leaf hashes) and forces both files to disk. */
  public void append(List<byte[]> batch, List<byte[]> leafHashes) throws IOException {
    if (!writable) {
      throw new IllegalStateException("the log is open read-only");
    }
    long[] offsets = new long[batch.size()];
    long at = entriesEnd;
    int total = 0;
    for (byte[] e : batch) {
      total += 4 + e.length;
    }
    ByteBuffer data = ByteBuffer.allocate(total);
    for (int i = 0; i < batch.size(); i++) {
      offsets[i] = at;
      data.putInt(batch.get(i).length).put(batch.get(i));
      at += 4 + batch.get(i).length;
    }
    data.flip();
    writeFully(entries, data, entriesEnd);
    entries.force(false);
    ByteBuffer recs = ByteBuffer.allocate(RECORD_BYTES * batch.size());
    for (int i = 0; i < batch.size(); i++) {
      recs.put(leafHashes.get(i)).putLong(offsets[i]);
    }
    recs.flip();
    writeFully(leaves, recs, count * RECORD_BYTES);
    leaves.force(false);
    entriesEnd = at;
    count += batch.size();
  }

  /** The entry of leaf {@code index}. */
  public byte[] entry(long index) throws IOException {
    byte[] rec = readRecord(index);
    long offset = ByteBuffer.wrap(rec, Rfc9162.HASH_BYTES, 8).getLong();
    byte[] entry = readEntryAt(offset, entriesEnd);
    if (entry == null) {
      throw new MerkleLogException(
          "entries.bin in " + dir + " has no entry at offset " + offset + " for leaf " + index);
    }
    return entry;
  }

  private byte[] readRecord(long index) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(RECORD_BYTES);
    readFully(leaves, b, index * RECORD_BYTES, "leaves.bin");
    return b.array();
  }

  private byte @Nullable [] readEntryAt(long offset, long limit) throws IOException {
    if (offset < 0 || offset + 4 > limit) {
      return null;
    }
    ByteBuffer len = ByteBuffer.allocate(4);
    if (!tryRead(entries, len, offset)) {
      return null;
    }
    int n = len.getInt(0);
    if (n < 0 || n > MAX_ENTRY_BYTES || offset + 4 + n > limit) {
      return null;
    }
    ByteBuffer body = ByteBuffer.allocate(n);
    if (!tryRead(entries, body, offset + 4)) {
      return null;
    }
    return body.array();
  }

  private static boolean tryRead(FileChannel ch, ByteBuffer b, long pos) throws IOException {
    long p = pos;
    while (b.hasRemaining()) {
      int r = ch.read(b, p);
      if (r < 0) {
        return false;
      }
      p += r;
    }
    return true;
  }

  private void readFully(FileChannel ch, ByteBuffer b, long pos, String name) throws IOException {
    if (!tryRead(ch, b, pos)) {
      throw new MerkleLogException(name + " in " + dir + " ends before offset " + pos);
    }
  }

  private static void writeFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
    long p = pos;
    while (b.hasRemaining()) {
      p += ch.write(b, p);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      if (lock != null && lock.isValid()) {
        lock.release();
      }
    } finally {
      try {
        leaves.close();
      } finally {
        entries.close();
      }
    }
  }
}
