package dev.ocitrust.graph;

import dev.ocitrust.client.Reference;
import dev.ocitrust.client.Target;
import java.util.List;
import java.util.Objects;

/**
 * One destination of a replication: a store, the name to report it by, and the tags to set in it
 * once everything else is there. Immutable and thread-safe.
 *
 * <pre>{@code
 * Replica eu = new Replica("eu.registry.example/net-monitor", client.repository(euRef), List.of("v1"));
 * }</pre>
 *
 * @param name how results and errors name this destination
 * @param target the store written to
 * @param tags the tags set in it at the end (none: the graph is pushed by digest)
 */
public record Replica(String name, Target target, List<String> tags) {
  /**
   * Checks and copies the parts.
   *
   * @throws IllegalArgumentException for an empty name or an invalid tag
   */
  public Replica {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(target, "target");
    tags = List.copyOf(tags);
    if (name.isEmpty()) {
      throw new IllegalArgumentException("a replica needs a name");
    }
    for (String tag : tags) {
      if (!Reference.isValidTag(tag)) {
        throw new IllegalArgumentException("invalid tag '" + tag + "' for replica " + name);
      }
    }
  }
}
