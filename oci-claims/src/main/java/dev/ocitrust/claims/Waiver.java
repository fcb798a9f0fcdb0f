package dev.ocitrust.claims;

import dev.ocitrust.client.Digest;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A time-boxed exception to one rule for one artifact digest: until {@code until}, a violation of
 * {@code rule} by that digest is reported as a warning instead of denying.
 *
 * <p>Immutable and thread-safe.
 *
 * @param rule the rule's name
 * @param digest the one artifact it applies to
 * @param until when it stops applying
 * @param reason why, for people
 */
public record Waiver(String rule, Digest digest, Instant until, Optional<String> reason) {
  /** A waiver. */
  public Waiver {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(until, "until");
    Objects.requireNonNull(reason, "reason");
  }

  /** Whether it applies to {@code artifact} at {@code now}. */
  public boolean appliesTo(Digest artifact, Instant now) {
    return digest.equals(artifact) && now.isBefore(until);
  }
}
