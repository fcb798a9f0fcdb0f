package dev.ocitrust.client;

import java.util.List;
import java.util.Objects;

/**
 * Where a reference is read from under a {@link RegistryHosts} configuration: the logical reference
 * (what policies are chosen by), the primary (the configured location, where writes go and which is
 * tried last) and the mirrors in the order they are tried.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * RegistryRoute route = hosts.route(Reference.parse("registry.acme.example/apps/web:v1"));
 * route.primary();   // registry.internal.example/acme-apps/web:v1
 * route.mirrors();   // mirror-eu.acme.example/apps/web:v1 (ALL), ...
 * }</pre>
 *
 * @param logical the reference as the user wrote it
 * @param primary the reference at the configured location
 * @param mirrors the mirrors' references, in order
 */
public record RegistryRoute(Reference logical, Reference primary, List<Mirror> mirrors) {
  /** Copies the list. */
  public RegistryRoute {
    Objects.requireNonNull(logical, "logical");
    Objects.requireNonNull(primary, "primary");
    mirrors = List.copyOf(mirrors);
  }

  /**
   * One mirror of a route.
   *
   * @param reference the reference at the mirror
   * @param pullFromMirror which pulls it may serve
   */
  public record Mirror(Reference reference, PullFromMirror pullFromMirror) {
    /** Checks for nulls. */
    public Mirror {
      Objects.requireNonNull(reference, "reference");
      Objects.requireNonNull(pullFromMirror, "pullFromMirror");
    }
  }

  /** Whether the route leads anywhere but the logical reference itself. */
  public boolean isDirect() {
    return mirrors.isEmpty() && primary.equals(logical);
  }
}
