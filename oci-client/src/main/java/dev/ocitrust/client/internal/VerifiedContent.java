package dev.ocitrust.client.internal;

import dev.ocitrust.client.Descriptor;
import java.io.IOException;
import java.io.InputStream;

/**
 * A stream that yields exactly the content of one descriptor or fails before its last byte: a
 * {@link VerifiedInputStream}, or a stream that passes the bytes of one through unchanged. A store
 * that is handed one does not hash the content a second time, so a copy from one store to another
 * computes each byte's digest once.
 */
public interface VerifiedContent {
  /**
   * Whether this stream, not read from yet, verifies exactly the content {@code d} describes. May
   * open a lazily opened source.
   */
  boolean verifiesFromStart(Descriptor d) throws IOException;

  /**
   * {@code content} itself when it verifies {@code expected} from its start, else {@code content}
   * wrapped in a {@link VerifiedInputStream}.
   *
   * @param where names the origin in error messages
   */
  static InputStream verifying(InputStream content, Descriptor expected, String where)
      throws IOException {
    if (content instanceof VerifiedContent v && v.verifiesFromStart(expected)) {
      return content;
    }
    return new VerifiedInputStream(content, expected, where);
  }
}
