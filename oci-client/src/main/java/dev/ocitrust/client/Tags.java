package dev.ocitrust.client;

import java.util.Objects;

/** Tag checks shared by the stores; the grammar itself lives in {@link Reference}. */
final class Tags {
  private Tags() {}

  /**
   * Returns {@code tag} when it is valid.
   *
   * @throws InvalidReferenceException naming the tag and what is wrong with it
   */
  static String requireValid(String tag) {
    Reference.checkTag(Objects.requireNonNull(tag, "tag"), tag);
    return tag;
  }

  /** Whether {@code reference} names content by digest rather than by tag. */
  static boolean isDigest(String reference) {
    return reference.indexOf(':') > 0;
  }
}
