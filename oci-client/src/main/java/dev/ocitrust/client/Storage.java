package dev.ocitrust.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Content-addressed storage: fetch, push and test for content by descriptor.
 *
 * <p>A push is verified: the store reads {@code content} to its end, checks size and digest against
 * {@code expected}, and only then makes the content visible. Content that does not match is
 * rejected with {@link ContentVerificationException} and leaves nothing behind. Pushing content
 * that is already there succeeds without reading the stream. The caller closes the stream it
 * passes.
 *
 * <p>Implementations are thread-safe.
 *
 * <pre>{@code
 * byte[] sbom = Files.readAllBytes(path);
 * Descriptor d = Descriptor.of("application/spdx+json", sbom);
 * store.push(d, sbom);
 * }</pre>
 */
public interface Storage extends Fetcher {
  /** Whether the content described by {@code target} is present. */
  boolean exists(Descriptor target) throws IOException;

  /**
   * Stores {@code content}, which must be exactly the content {@code expected} describes.
   *
   * @throws ContentVerificationException when size or digest differ; nothing is stored
   */
  void push(Descriptor expected, InputStream content) throws IOException;

  /** Stores {@code content}, which must be exactly the content {@code expected} describes. */
  default void push(Descriptor expected, byte[] content) throws IOException {
    push(expected, new ByteArrayInputStream(content));
  }

  /** Stores a manifest as its exact bytes and returns its descriptor. */
  default Descriptor push(Manifest manifest) throws IOException {
    Descriptor descriptor = manifest.descriptor();
    push(descriptor, manifest.bytes());
    return descriptor;
  }
}
