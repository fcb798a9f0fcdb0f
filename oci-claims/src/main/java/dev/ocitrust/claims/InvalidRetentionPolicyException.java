package dev.ocitrust.claims;

import dev.ocitrust.policy.PolicyException;
import org.jspecify.annotations.Nullable;

/**
 * A retention policy document is malformed: the message names the file and the JSON path of the
 * value at fault (for example {@code retention.json: rules[1].keepNewest.count: expected a whole
 * number of at least 1, found 0}).
 */
public class InvalidRetentionPolicyException extends PolicyException {
  private static final long serialVersionUID = 1L;

  /** An error in the document, with its {@code cause} if any. */
  public InvalidRetentionPolicyException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
