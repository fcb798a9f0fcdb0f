package dev.ocitrust.claims.internal;

import dev.ocitrust.claims.ClaimTypes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Which verified claims supersede which: among claims of the same key — {@code iss}, content type,
 * for approvals each environment they name and for deployment records their environment — the one
 * with the newest signed {@code iat} wins; at equal {@code iat} the one that denies more (a
 * rejection over an approval, revoked over end of life over deprecated over active, a closed
 * deployment record over an open one), then the larger statement digest. The order of the claims in
 * the store plays no part, and re-pushing an older claim changes nothing.
 *
 * <p>Immutable once built; not shared between threads.
 */
public final class Supersession {
  /** What claims compete on: one issuer's claims of one kind (and environment, for approvals). */
  public record Key(String iss, String contentType, @Nullable String environment) {}

  /** Newest first: iat, then the more denying, then the larger statement digest. */
  public static final Comparator<FoundClaim.Verified> NEWEST_FIRST =
      Comparator.comparing(FoundClaim.Verified::issuedAt)
          .thenComparingInt(FoundClaim.Verified::severity)
          .thenComparing(v -> v.statementDigest().toString())
          .reversed();

  private final Map<Key, FoundClaim.Verified> winners = new HashMap<>();
  private final IdentityHashMap<FoundClaim.Verified, FoundClaim.Verified> losers =
      new IdentityHashMap<>();

  private Supersession() {}

  /**
   * Supersession among {@code claims}; with an {@code environment}, approvals compete only on that
   * environment.
   */
  @SuppressWarnings("ReferenceEquality") // claims are told apart by identity, like the map
  public static Supersession of(List<FoundClaim.Verified> claims, @Nullable String environment) {
    Supersession s = new Supersession();
    Map<Key, List<FoundClaim.Verified>> groups = new HashMap<>();
    for (FoundClaim.Verified c : claims) {
      for (Key k : keys(c, environment)) {
        groups.computeIfAbsent(k, x -> new ArrayList<>()).add(c);
      }
    }
    for (Map.Entry<Key, List<FoundClaim.Verified>> g : groups.entrySet()) {
      List<FoundClaim.Verified> sorted = new ArrayList<>(g.getValue());
      sorted.sort(NEWEST_FIRST);
      FoundClaim.Verified winner = sorted.get(0);
      s.winners.put(g.getKey(), winner);
      for (FoundClaim.Verified loser : sorted.subList(1, sorted.size())) {
        s.losers.merge(loser, winner, (a, b) -> NEWEST_FIRST.compare(a, b) <= 0 ? a : b);
      }
    }
    // a claim that still wins one of its keys (an approval of two environments) is not superseded
    for (FoundClaim.Verified c : claims) {
      for (Key k : keys(c, environment)) {
        if (s.winners.get(k) == c) {
          s.losers.remove(c);
        }
      }
    }
    return s;
  }

  /** The keys {@code c} competes on. */
  static List<Key> keys(FoundClaim.Verified c, @Nullable String environment) {
    if (c.deployment().isPresent()) {
      return List.of(new Key(c.iss(), ClaimTypes.DEPLOYMENT, c.deployment().get().environment()));
    }
    if (c.approval().isEmpty()) {
      return List.of(new Key(c.iss(), c.contentType(), null));
    }
    List<Key> keys = new ArrayList<>();
    for (String env : c.approval().get().environments()) {
      if (environment == null || env.equals(environment)) {
        keys.add(new Key(c.iss(), ClaimTypes.APPROVAL, env));
      }
    }
    return keys;
  }

  /** The effective claim of {@code key}. */
  public Optional<FoundClaim.Verified> winner(Key key) {
    return Optional.ofNullable(winners.get(key));
  }

  /** The newest claim that supersedes {@code c}, if one does. */
  public Optional<FoundClaim.Verified> supersededBy(FoundClaim.Verified c) {
    return Optional.ofNullable(losers.get(c));
  }
}
