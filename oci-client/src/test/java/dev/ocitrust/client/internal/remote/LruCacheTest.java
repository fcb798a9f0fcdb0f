package dev.ocitrust.client.internal.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LruCacheTest {
  @Test
  void keepsAtMostItsBoundDroppingTheLeastRecentlyUsed() {
    LruCache<String, Integer> cache = new LruCache<>(3);
    cache.put("a", 1);
    cache.put("b", 2);
    cache.put("c", 3);
    assertThat(cache.get("a")).isEqualTo(1); // a is now the most recent
    cache.put("d", 4);
    assertThat(cache.size()).isEqualTo(3);
    assertThat(cache.get("b")).isNull();
    assertThat(cache.computeIfAbsent("e", k -> 5)).isEqualTo(5);
    assertThat(cache.putIfAbsent("f", 6)).isNull();
    assertThat(cache.size()).isEqualTo(3);
    assertThat(cache.get("a")).isNull();
    assertThat(cache.get("c")).isNull();
    assertThat(cache.get("d")).isEqualTo(4);
    assertThat(cache.remove("d", 5)).isFalse();
    assertThat(cache.remove("d", 4)).isTrue();
    assertThat(cache.size()).isEqualTo(2);
  }

  @Test
  void aBoundBelowOneIsRefused() {
    assertThatThrownBy(() -> new LruCache<String, String>(0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
