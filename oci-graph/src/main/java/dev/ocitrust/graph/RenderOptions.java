package dev.ocitrust.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a {@link GraphRenderer} shows besides digests and artifact types.
 *
 * <ul>
 *   <li>{@code name}: the repository name references are written with ({@code name@digest}, as
 *       {@code oras discover} does); empty by default, then digests stand alone.
 *   <li>{@code annotations}: which annotation keys to show; none by default, all with {@link
 *       Builder#allAnnotations()}. The JSON renderer shows all annotations unless keys were chosen,
 *       as {@code oras discover --format json} does.
 *   <li>{@code sizes}: add sizes to the text tree (DOT, Mermaid and JSON always show them).
 *   <li>{@code successors}: in the text tree, show each manifest's config, layers or index entries
 *       under {@code [successors]} (off by default: the tree shows referrers, as oras does).
 * </ul>
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * RenderOptions opts = RenderOptions.builder()
 *     .name("registry.example/net-monitor")
 *     .annotations("org.opencontainers.image.created")
 *     .build();
 * }</pre>
 */
public final class RenderOptions {
  private final String name;
  private final List<String> annotationKeys;
  private final boolean allAnnotations;
  private final boolean sizes;
  private final boolean successors;

  private RenderOptions(Builder b) {
    this.name = b.name;
    this.annotationKeys = List.copyOf(b.annotationKeys);
    this.allAnnotations = b.allAnnotations;
    this.sizes = b.sizes;
    this.successors = b.successors;
  }

  /** No name, no annotations, no sizes in the tree, no successors in the tree. */
  public static RenderOptions defaults() {
    return builder().build();
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The repository name references are written with (may be empty). */
  public String name() {
    return name;
  }

  /** {@code name@digest}, or the digest alone when there is no name. */
  public String reference(GraphNode node) {
    return name.isEmpty() ? node.digest().toString() : name + "@" + node.digest();
  }

  /** Whether keys were chosen explicitly (or all annotations asked for). */
  public boolean annotationsChosen() {
    return allAnnotations || !annotationKeys.isEmpty();
  }

  /** The annotations of {@code node} to show, sorted by key. */
  public Map<String, String> annotations(GraphNode node) {
    Map<String, String> shown = new TreeMap<>();
    node.annotations()
        .forEach(
            (k, v) -> {
              if (allAnnotations || annotationKeys.contains(k)) {
                shown.put(k, v);
              }
            });
    return shown;
  }

  /** Whether the text tree shows sizes. */
  public boolean sizes() {
    return sizes;
  }

  /** Whether the text tree shows successors. */
  public boolean successors() {
    return successors;
  }

  /** Builds {@link RenderOptions}. Not thread-safe. */
  public static final class Builder {
    private String name = "";
    private final List<String> annotationKeys = new ArrayList<>();
    private boolean allAnnotations;
    private boolean sizes;
    private boolean successors;

    private Builder() {}

    /** The repository name for references. */
    public Builder name(String name) {
      this.name = java.util.Objects.requireNonNull(name, "name");
      return this;
    }

    /** Show these annotation keys. */
    public Builder annotations(String... keys) {
      annotationKeys.addAll(List.of(keys));
      return this;
    }

    /** Show every annotation. */
    public Builder allAnnotations() {
      this.allAnnotations = true;
      return this;
    }

    /** Show sizes in the text tree. */
    public Builder sizes(boolean show) {
      this.sizes = show;
      return this;
    }

    /** Show successors in the text tree. */
    public Builder successors(boolean show) {
      this.successors = show;
      return this;
    }

    /** Builds. */
    public RenderOptions build() {
      return new RenderOptions(this);
    }
  }
}
