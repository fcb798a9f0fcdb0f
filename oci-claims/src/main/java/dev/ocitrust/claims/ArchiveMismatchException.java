package dev.ocitrust.claims;

import dev.ocitrust.policy.PolicyException;

/**
 * The archived copy of an artifact does not verify as the source did: the deployment gate reached
 * another decision (signature verdict, claim verdict or a rule's outcome) on the archive than on
 * the source. The copy and the closing claim stay in the archive for inspection; {@link #result()}
 * holds both decisions.
 */
public class ArchiveMismatchException extends PolicyException {
  private static final long serialVersionUID = 1L;
  private final transient ArchiveResult result;

  /** A mismatch, described by {@code message}, with the run's {@code result}. */
  public ArchiveMismatchException(String message, ArchiveResult result) {
    super(message);
    this.result = result;
  }

  /** What the archive run did and both decisions. */
  public ArchiveResult result() {
    return result;
  }
}
