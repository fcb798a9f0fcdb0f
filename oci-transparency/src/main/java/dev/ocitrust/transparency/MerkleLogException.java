package dev.ocitrust.transparency;

import java.io.IOException;

/**
 * A log directory that cannot be used: it is missing, locked by another writer, or its files do not
 * hold what they must. The message names the directory and the file.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * try (MerkleLog log = MerkleLog.open(dir)) { ... } catch (MerkleLogException e) { ... }
 * }</pre>
 */
public final class MerkleLogException extends IOException {
  private static final long serialVersionUID = 1L;

  /** With a message naming the directory and what is wrong. */
  public MerkleLogException(String message) {
    super(message);
  }
}
