package dev.ocitrust.client;

import java.util.Objects;

/** Tag checks shared by the stores; the grammar itself lives in {@link Reference}. */
final class Tags {
  private Tags() {}

  /**
   * Returns {@code tag} when it is valid.
   *
   * @param store names the store or repository in the error ({@code store:tag})
   * @throws InvalidReferenceException naming the tag, where, and what is wrong with it
   */
  static String requireValid(String tag, String store) {
    Reference.checkTag(Objects.requireNonNull(tag, "tag"), store + ":" + tag);
    return tag;
  }

  /** Whether {@code reference} names content by digest rather than by tag. */
  static boolean isDigest(String reference) {
    return reference.indexOf(':') > 0;
  }
}
