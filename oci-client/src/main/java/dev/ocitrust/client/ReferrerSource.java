package dev.ocitrust.client;

/**
 * Where a {@link MirroredRepository} lists referrers (signatures, claims) from. A mirror that lags
 * behind the primary may not have a revocation yet, so decisions should use {@link
 * #PRIMARY_REQUIRED}, the default: when the primary cannot be reached, the listing fails instead of
 * answering from a mirror.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * RegistryClient client = RegistryClient.builder()
 *     .registryHosts(hosts)
 *     .referrerSource(ReferrerSource.UNION)
 *     .build();
 * }</pre>
 */
public enum ReferrerSource {
  /** The primary's listing only; fails when the primary cannot be reached (the default). */
  PRIMARY_REQUIRED,
  /**
   * The primary's listing and every mirror's that answers, merged (by digest); fails when the
   * primary cannot be reached, so a mirror can only add referrers, never hide one.
   */
  UNION,
  /**
   * The first listing that can be had, mirrors in order and the primary last: for sites cut off
   * from the primary. A stale mirror can hide a revocation; the listing says where it came from.
   */
  ANY_AVAILABLE
}
