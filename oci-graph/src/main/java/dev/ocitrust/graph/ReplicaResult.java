package dev.ocitrust.graph;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * What a replication did in one destination: the copy's counts (what was done before the failure,
 * when it failed) and the failure, if any. A failed destination has complete content and no new
 * tag: replicating again transfers only what it lacks. Immutable and thread-safe.
 *
 * <pre>{@code
 * for (ReplicaResult r : result.replicas()) {
 *   System.out.println(r.replica().name() + ": " + (r.succeeded() ? "ok" : r.failure().get()));
 * }
 * }</pre>
 *
 * @param replica the destination
 * @param copy what the copy did (partial when it failed: its tags are then empty)
 * @param failure why the copy into this destination failed, if it did
 */
public record ReplicaResult(Replica replica, CopyResult copy, Optional<IOException> failure) {
  /** Checks the parts. */
  public ReplicaResult {
    Objects.requireNonNull(replica, "replica");
    Objects.requireNonNull(copy, "copy");
    Objects.requireNonNull(failure, "failure");
  }

  /** Whether everything is in this destination and tagged. */
  public boolean succeeded() {
    return failure.isEmpty();
  }
}
