package dev.ocitrust.graph;

/**
 * A walk stopped because the graph exceeded a limit of {@link DiscoveryOptions}: too many nodes,
 * indexes nested too deep, too many manifest bytes to hold. Raised instead of running out of memory
 * or time on a hostile or runaway graph.
 */
public final class GraphLimitException extends GraphException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming the limit and the content that crossed it. */
  public GraphLimitException(String message) {
    super(message);
  }
}
