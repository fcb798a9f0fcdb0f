package dev.ocitrust.client;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads content by descriptor.
 *
 * <p>Every stream handed out verifies what it reads against the descriptor: size and digest are
 * checked on every read path ({@code read()}, {@code read(byte[])}, {@code skip}, {@code
 * transferTo}), and a mismatch throws {@link ContentVerificationException} before the last byte is
 * handed out. The caller closes the stream.
 *
 * <p>Implementations are thread-safe.
 *
 * <pre>{@code
 * try (InputStream in = store.fetch(layer)) {
 *   in.transferTo(out);
 * }
 * }</pre>
 */
public interface Fetcher {
  /**
   * Opens the content described by {@code target}.
   *
   * @throws NotFoundException if the content is not there
   * @throws IOException on any other failure
   */
  InputStream fetch(Descriptor target) throws IOException;

  /**
   * Reads the content described by {@code target} into memory, refusing descriptors larger than
   * {@code maxBytes} before reading anything.
   */
  default byte[] fetchBytes(Descriptor target, long maxBytes) throws IOException {
    if (target.size() > maxBytes) {
      throw new OciException(
          target.digest()
              + " is "
              + target.size()
              + " bytes; refusing to read more than "
              + maxBytes
              + " into memory");
    }
    try (InputStream in = fetch(target)) {
      return in.readAllBytes();
    }
  }

  /**
   * Fetches and parses the manifest or index described by {@code target}. Descriptors over {@link
   * Manifest#MAX_BYTES} are refused before any byte is read.
   */
  default Manifest fetchManifest(Descriptor target) throws IOException {
    if (target.size() > Manifest.MAX_BYTES) {
      throw new InvalidManifestException(
          "manifest "
              + target.digest()
              + " is "
              + target.size()
              + " bytes; the limit is "
              + Manifest.MAX_BYTES);
    }
    return Manifest.parse(target, fetchBytes(target, Manifest.MAX_BYTES));
  }
}
