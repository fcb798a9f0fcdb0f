package dev.ocitrust.graph;

import dev.ocitrust.client.OciException;

/**
 * A graph operation (discover, copy, attach, purge) that could not be carried out on the content it
 * found: limits exceeded, a platform with no manifest, a graph that is not a DAG. The message says
 * what was expected and what was found.
 */
public class GraphException extends OciException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming the content and the problem. */
  public GraphException(String message) {
    super(message);
  }

  /** Creates the exception with a message and its cause. */
  public GraphException(String message, Throwable cause) {
    super(message, cause);
  }
}
