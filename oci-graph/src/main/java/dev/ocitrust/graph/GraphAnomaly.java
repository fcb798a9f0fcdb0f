package dev.ocitrust.graph;

import dev.ocitrust.client.Digest;
import java.util.Objects;

/**
 * Something a store reported that the walk refused to believe and left out of the graph: a referrer
 * listed for a subject its manifest does not name, a subject listed as its own referrer, a referrer
 * whose manifest contradicts the listing's artifact type. Immutable and thread-safe.
 *
 * <pre>{@code
 * graph.anomalies().forEach(a -> log.warn("{}: {}", a.digest(), a.message()));
 * }</pre>
 *
 * @param digest the content the anomaly is about
 * @param message what was expected and what was found
 */
public record GraphAnomaly(Digest digest, String message) {
  /** Checks the parts are present. */
  public GraphAnomaly {
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(message, "message");
  }
}
