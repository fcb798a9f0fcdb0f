package dev.ocitrust.client.internal.remote;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A map of at most {@code maxEntries} entries that drops the least recently used one to make room:
 * what a client remembers per registry, origin, repository or token scope, so that a long-lived
 * client talking to ever new ones keeps a bounded amount. Losing an entry costs a request again,
 * never a wrong answer.
 *
 * <p>Thread-safe: one lock, held only for the map operation itself.
 */
final class LruCache<K, V> {
  private final Entries<K, V> map;

  /** An empty cache of at most {@code maxEntries} entries. */
  LruCache(int maxEntries) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be positive: " + maxEntries);
    }
    this.map = new Entries<>(maxEntries);
  }

  synchronized @Nullable V get(K key) {
    return map.get(key);
  }

  /** The value of {@code key}, made by {@code make} (under the lock: keep it cheap) if absent. */
  synchronized V computeIfAbsent(K key, Function<? super K, ? extends V> make) {
    return map.computeIfAbsent(key, make);
  }

  synchronized @Nullable V putIfAbsent(K key, V value) {
    return map.putIfAbsent(key, value);
  }

  synchronized void put(K key, V value) {
    map.put(key, value);
  }

  synchronized boolean remove(K key, V value) {
    return map.remove(key, value);
  }

  synchronized int size() {
    return map.size();
  }

  /** Access-ordered, dropping the eldest entry past the bound. */
  private static final class Entries<K, V> extends LinkedHashMap<K, V> {
    private static final long serialVersionUID = 1L;
    private final int maxEntries;

    Entries(int maxEntries) {
      super(16, 0.75f, true);
      this.maxEntries = maxEntries;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
      return size() > maxEntries;
    }
  }
}
