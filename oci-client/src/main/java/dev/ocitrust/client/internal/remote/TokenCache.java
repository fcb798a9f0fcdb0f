package dev.ocitrust.client.internal.remote;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Bearer tokens of one client, keyed by registry, realm, service and scopes. Single-flight: when
 * many threads need the same token at once, one fetches it and the others wait for that result. A
 * token is dropped before it expires; a failed fetch is not cached. At most {@link #MAX_ENTRIES}
 * tokens are kept.
 *
 * <p>Thread-safe; one per {@code RegistryClient} (never static).
 */
final class TokenCache {
  /** Fetches a token for a key. */
  @FunctionalInterface
  interface Fetch {
    Token fetch() throws IOException;
  }

  /** The most tokens (scope sets) kept; the least recently used go first. */
  static final int MAX_ENTRIES = 1024;

  private final LruCache<String, CompletableFuture<Token>> tokens = new LruCache<>(MAX_ENTRIES);
  private final Clock clock;

  TokenCache(Clock clock) {
    this.clock = clock;
  }

  /** The cached, still fresh token for {@code key}, fetching it when needed. */
  Token get(String key, Fetch fetch) throws IOException {
    while (true) {
      CompletableFuture<Token> mine = new CompletableFuture<>();
      CompletableFuture<Token> existing = tokens.putIfAbsent(key, mine);
      if (existing == null) {
        try {
          Token t = fetch.fetch();
          mine.complete(t);
          return t;
        } catch (IOException | RuntimeException e) {
          tokens.remove(key, mine);
          mine.completeExceptionally(e);
          throw e;
        }
      }
      Token t;
      try {
        t = existing.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting for a token");
      } catch (ExecutionException e) {
        // The other fetch failed and removed its entry; fail this caller the same way.
        throw new IOException("token fetch failed", Rethrow.ioOrUnchecked(e.getCause()));
      }
      if (clock.instant().isBefore(t.refreshAfter())) {
        return t;
      }
      tokens.remove(key, existing);
    }
  }

  /** How many tokens are kept (for tests). */
  int size() {
    return tokens.size();
  }

  /** Forgets the token for {@code key} (after the registry refused it). */
  void invalidate(String key, Token token) {
    CompletableFuture<Token> f = tokens.get(key);
    if (f != null && f.isDone() && !f.isCompletedExceptionally() && f.join().equals(token)) {
      tokens.remove(key, f);
    }
  }
}
