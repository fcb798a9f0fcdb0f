package dev.ocitrust.client;

/**
 * Which pulls a mirror may serve, as containers' {@code registries.conf} {@code pull-from-mirror}
 * says: every pull, only pulls by digest, or only pulls by tag. A digest pins the content, so a
 * mirror trusted only with {@link #DIGEST_ONLY} can never choose what a tag means.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * RegistryMirror m = new RegistryMirror("mirror.example/acme", false, PullFromMirror.DIGEST_ONLY);
 * }</pre>
 */
public enum PullFromMirror {
  /** Pulls by tag and by digest ({@code all}, the default). */
  ALL("all"),
  /** Pulls by digest only ({@code digest-only}): the mirror never resolves a tag. */
  DIGEST_ONLY("digest-only"),
  /** Pulls by tag only ({@code tag-only}). */
  TAG_ONLY("tag-only");

  private final String text;

  PullFromMirror(String text) {
    this.text = text;
  }

  /** The spelling in {@code registries.conf}, e.g. {@code digest-only}. */
  public String text() {
    return text;
  }

  /** Whether a mirror with this setting may resolve a tag. */
  public boolean allowsTags() {
    return this != DIGEST_ONLY;
  }

  /** Whether a mirror with this setting may serve a pull that names a digest. */
  public boolean allowsDigests() {
    return this != TAG_ONLY;
  }

  /**
   * The setting spelled {@code text} in {@code registries.conf}.
   *
   * @throws IllegalArgumentException naming the accepted spellings
   */
  public static PullFromMirror of(String text) {
    for (PullFromMirror p : values()) {
      if (p.text.equals(text)) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "pull-from-mirror must be all, digest-only or tag-only, not '" + text + "'");
  }
}
