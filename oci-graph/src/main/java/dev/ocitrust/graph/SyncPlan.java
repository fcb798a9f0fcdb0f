package dev.ocitrust.graph;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.Digest;
import dev.ocitrust.client.Target;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a {@link GraphSync} found missing in the destination, from listings alone: the whole
 * artifact, or the referrers it lacks of subjects it has (each the top of a subgraph to copy), and
 * whether its tag must move. {@link GraphSync#apply} carries it out.
 *
 * <p>Immutable; as thread-safe as its two targets.
 *
 * <pre>{@code
 * SyncPlan plan = sync.plan(source, "v1", destination, SyncOptions.defaults());
 * if (!plan.isUpToDate()) {
 *   SyncResult done = sync.apply(plan);
 * }
 * }</pre>
 */
public final class SyncPlan {
  private final Target source;
  private final Target destination;
  private final String reference;
  private final Descriptor root;
  private final boolean rootMissing;
  private final Optional<String> tag;
  private final boolean tagCurrent;
  private final Map<Descriptor, List<Descriptor>> missing;
  private final Set<Digest> present;
  private final SyncOptions options;

  SyncPlan(
      Target source,
      Target destination,
      String reference,
      Descriptor root,
      boolean rootMissing,
      Optional<String> tag,
      boolean tagCurrent,
      Map<Descriptor, List<Descriptor>> missing,
      Set<Digest> present,
      SyncOptions options) {
    this.present = Set.copyOf(present);
    this.source = source;
    this.destination = destination;
    this.reference = reference;
    this.root = root;
    this.rootMissing = rootMissing;
    this.tag = tag;
    this.tagCurrent = tagCurrent;
    Map<Descriptor, List<Descriptor>> copy = new LinkedHashMap<>();
    missing.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    this.missing = Collections.unmodifiableMap(copy);
    this.options = options;
  }

  /** The source reference synced. */
  public String reference() {
    return reference;
  }

  /** The artifact, as the source resolved the reference. */
  public Descriptor root() {
    return root;
  }

  /** Whether the destination lacks the artifact itself (it is copied whole, with referrers). */
  public boolean rootMissing() {
    return rootMissing;
  }

  /** The tag set in the destination, if any. */
  public Optional<String> tag() {
    return tag;
  }

  /** Whether the destination's tag must be set or moved to {@link #root()}. */
  public boolean tagMoves() {
    return tag.isPresent() && !tagCurrent;
  }

  /**
   * The referrers the destination lacks, by subject (a subject the destination has): each is copied
   * with everything below it and everything that refers to it.
   */
  public Map<Descriptor, List<Descriptor>> missing() {
    return missing;
  }

  /** Whether there is nothing to do. */
  public boolean isUpToDate() {
    return !rootMissing && missing.isEmpty() && !tagMoves();
  }

  Target source() {
    return source;
  }

  Target destination() {
    return destination;
  }

  /** The referrers both stores list. */
  Set<Digest> present() {
    return present;
  }

  SyncOptions options() {
    return options;
  }

  @Override
  public String toString() {
    if (isUpToDate()) {
      return reference + " (" + root.digest() + "): up to date";
    }
    if (rootMissing) {
      return reference + " (" + root.digest() + "): not in the destination";
    }
    int n = missing.values().stream().mapToInt(List::size).sum();
    return reference + " (" + root.digest() + "): " + n + " referrer(s) missing";
  }
}
