package dev.ocitrust.client;

import java.io.IOException;
import java.io.InputStream;

/**
 * A store that can make a blob appear without transferring it, by mounting it from another
 * repository of the same registry ({@code POST /v2/<name>/blobs/uploads/?mount=&from=}).
 *
 * <p>Copy engines ask the destination whether it is a {@code BlobMounter} and try a mount before
 * fetching and pushing. Implementations are thread-safe.
 *
 * <pre>{@code
 * if (destination instanceof BlobMounter m && m.mount(layer, source)) {
 *   // mounted: no bytes moved
 * }
 * }</pre>
 */
public interface BlobMounter {
  /**
   * Mounts {@code blob} from {@code source} into this store.
   *
   * @return true when the blob is now present without a transfer; false when a mount is not
   *     possible between these two stores (different registries or credentials) or the registry
   *     declined it, in which case the caller copies the bytes
   */
  boolean mount(Descriptor blob, Target source) throws IOException;

  /**
   * Mounts {@code blob} from {@code source}, or, when that is not possible or the registry
   * declines, stores {@code content} (which must be what {@code blob} describes; the caller closes
   * it). A registry's refusal of a mount opens an upload session, which this uses for the content.
   * A stream that opens its source lazily is not opened when the blob is mounted.
   *
   * @return true when mounted (nothing was read from {@code content}); false when pushed
   */
  boolean mountOrPush(Descriptor blob, Target source, InputStream content) throws IOException;
}
