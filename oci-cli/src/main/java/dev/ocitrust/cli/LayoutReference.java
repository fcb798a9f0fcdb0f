package dev.ocitrust.cli;

import dev.ocitrust.client.Digest;
import dev.ocitrust.client.InvalidDigestException;
import dev.ocitrust.client.Reference;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An OCI image layout reference, {@code DIR[:TAG|@DIGEST]}, parsed from the right as oras does:
 * only the last path component can carry the tag or digest, so folders higher up may hold {@code :}
 * and {@code @} ({@code /x/at@dir/L:v1} is the tag {@code v1} of {@code /x/at@dir/L}).
 *
 * <p>In the last component, a trailing {@code @sha256:…} (or {@code @sha512:…}) is a digest and
 * must be a valid one; else a trailing {@code :TAG} of the tag grammar is a tag; else an {@code @}
 * left there is an error (it can only have meant a digest), and the whole is the folder.
 *
 * @param folder the layout's folder
 * @param tag the tag, if one was written
 * @param digest the digest, if one was written
 */
record LayoutReference(Path folder, Optional<String> tag, Optional<Digest> digest) {

  /**
   * Parses {@code spec}.
   *
   * @throws IllegalArgumentException (a usage error) naming what after {@code @} is not a digest
   */
  static LayoutReference parse(String spec) {
    int slash = spec.lastIndexOf('/');
    String last = spec.substring(slash + 1);
    int at = last.lastIndexOf('@');
    if (at >= 0) {
      String after = last.substring(at + 1);
      if (after.startsWith(Digest.SHA256 + ":") || after.startsWith(Digest.SHA512 + ":")) {
        try {
          Digest digest = Digest.parse(after);
          return new LayoutReference(
              folder(spec.substring(0, slash + 1 + at), spec),
              Optional.empty(),
              Optional.of(digest));
        } catch (InvalidDigestException e) {
          throw new IllegalArgumentException(spec + ": " + e.getMessage(), e);
        }
      }
    }
    int colon = last.lastIndexOf(':');
    if (colon >= 0 && Reference.isValidTag(last.substring(colon + 1))) {
      return new LayoutReference(
          folder(spec.substring(0, slash + 1 + colon), spec),
          Optional.of(last.substring(colon + 1)),
          Optional.empty());
    }
    if (at >= 0) {
      throw new IllegalArgumentException(
          spec
              + ": '"
              + last.substring(at + 1)
              + "' after '@' is not a digest (expected sha256:<64 hex>); a folder whose name"
              + " holds '@' takes a tag or digest after it: DIR:TAG or DIR@DIGEST");
    }
    return new LayoutReference(folder(spec, spec), Optional.empty(), Optional.empty());
  }

  private static Path folder(String path, String spec) {
    if (path.isEmpty()) {
      throw new IllegalArgumentException(spec + ": no layout folder before the tag or digest");
    }
    return Path.of(path);
  }
}
