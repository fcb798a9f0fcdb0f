package dev.ocitrust.client.internal.remote;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.Digest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Group commit of the changes to one key's fallback referrers index (key: repository and subject):
 * each update joins the change pending for its key, and whoever holds the key's lock next writes
 * everything pending in one read-modify-write, so updates made in parallel cost one write per
 * round, not one each. A key's lock and pending change exist only while an update of that key is
 * under way (the lock is reference-counted), so a client that updates ever new subjects keeps
 * nothing per subject afterwards.
 *
 * <p>Thread-safe; one per client.
 */
final class GroupCommit {
  /** One read-modify-write of a key's index with these entries; the caller holds the key's lock. */
  @FunctionalInterface
  interface Write {
    void write(List<Descriptor> add, Set<Digest> remove) throws IOException;
  }

  /** Entries waiting to be written; mutated only inside the map's per-key atomic operations. */
  private record Pending(
      List<Descriptor> add, Set<Digest> remove, CompletableFuture<Void> written) {}

  /** A key's lock, how many updates use it, and its change not yet taken. */
  private static final class Entry {
    final ReentrantLock lock = new ReentrantLock();
    int users;
    @Nullable Pending pending;
  }

  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

  /**
   * Adds and removes entries of {@code key}'s index through {@code write}, together with any
   * concurrent update of the same key. Returns once the entries are written, or throws what the
   * write that carried them threw.
   */
  void update(String key, List<Descriptor> add, Set<Digest> remove, Write write)
      throws IOException {
    Pending[] joined = new Pending[1];
    Entry entry =
        entries.compute(
            key,
            (k, e) -> {
              Entry x = e != null ? e : new Entry();
              x.users++;
              if (x.pending == null) {
                x.pending =
                    new Pending(
                        new ArrayList<>(), new LinkedHashSet<>(), new CompletableFuture<>());
              }
              x.pending.add().addAll(add);
              x.pending.remove().addAll(remove);
              joined[0] = x.pending;
              return x;
            });
    Pending mine = joined[0];
    entry.lock.lock();
    try {
      Pending batch = take(key);
      if (batch != null) {
        try {
          write.write(batch.add(), batch.remove());
          batch.written().complete(null);
        } catch (Throwable t) {
          batch.written().completeExceptionally(t);
          if (t instanceof Error error) {
            throw error;
          }
        }
      }
    } finally {
      entry.lock.unlock();
      entries.computeIfPresent(key, (k, e) -> --e.users == 0 ? null : e);
    }
    // Written by now: by this thread, or by the holder of the lock that took this change with it.
    if (!mine.written().isDone()) {
      throw new IllegalStateException("referrers index change of " + key + " not written");
    }
    try {
      mine.written().getNow(null);
    } catch (CompletionException e) {
      Rethrow.ioOrUnchecked(e.getCause());
      throw e;
    }
  }

  /** How many keys have an update under way (for tests: zero when all are done). */
  int keysInUse() {
    return entries.size();
  }

  private @Nullable Pending take(String key) {
    Pending[] taken = new Pending[1];
    entries.computeIfPresent(
        key,
        (k, e) -> {
          taken[0] = e.pending;
          e.pending = null;
          return e;
        });
    return taken[0];
  }
}
