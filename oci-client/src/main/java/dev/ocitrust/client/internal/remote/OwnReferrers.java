package dev.ocitrust.client.internal.remote;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.Digest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fallback-index entries this client wrote most recently, per subject of one repository: when
 * another writer's stale read-modify-write dropped one of them after this client had confirmed it,
 * the next update of that index by this client finds it missing and writes it again. Bounded: the
 * {@link #PER_SUBJECT} latest entries of the {@link #SUBJECTS} latest subjects (a stale write drops
 * only entries added while it was under way, that is recent ones).
 *
 * <p>Thread-safe: one lock, held only for the map operations.
 */
final class OwnReferrers {
  static final int PER_SUBJECT = 64;
  static final int SUBJECTS = 64;

  private final Map<Digest, Map<Digest, Descriptor>> bySubject = bounded(SUBJECTS, true);

  /** Records that {@code added} are in {@code subject}'s index and {@code removed} are not. */
  synchronized void confirmed(
      Digest subject, Collection<Descriptor> added, Collection<Digest> removed) {
    Map<Digest, Descriptor> own =
        bySubject.computeIfAbsent(subject, s -> bounded(PER_SUBJECT, false));
    for (Descriptor d : added) {
      own.remove(d.digest());
      own.put(d.digest(), d);
    }
    removed.forEach(own::remove);
  }

  /** Forgets {@code gone} (deleted since, by another client) of {@code subject}. */
  synchronized void forget(Digest subject, Digest gone) {
    Map<Digest, Descriptor> own = bySubject.get(subject);
    if (own != null) {
      own.remove(gone);
    }
  }

  /** The entries of {@code subject} this client wrote, oldest first. */
  synchronized List<Descriptor> of(Digest subject) {
    Map<Digest, Descriptor> own = bySubject.get(subject);
    return own == null ? List.of() : new ArrayList<>(own.values());
  }

  private static <V> Map<Digest, V> bounded(int max, boolean accessOrder) {
    return new Bounded<>(max, accessOrder);
  }

  /** A map of at most {@code max} entries, dropping the eldest (by access or by insertion). */
  private static final class Bounded<V> extends LinkedHashMap<Digest, V> {
    private static final long serialVersionUID = 1L;
    private final int max;

    Bounded(int max, boolean accessOrder) {
      super(16, 0.75f, accessOrder);
      this.max = max;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<Digest, V> eldest) {
      return size() > max;
    }
  }
}
