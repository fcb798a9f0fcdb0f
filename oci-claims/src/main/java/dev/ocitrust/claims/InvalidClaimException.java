package dev.ocitrust.claims;

import dev.ocitrust.policy.PolicyException;

/**
 * A claim's content is malformed: its payload does not follow the schema of its content type
 * (unknown or duplicate fields, wrong types, values out of range). The message names the field.
 */
public class InvalidClaimException extends PolicyException {
  private static final long serialVersionUID = 1L;

  /** An exception with {@code message}. */
  public InvalidClaimException(String message) {
    super(message);
  }

  /** An exception with {@code message} and its {@code cause}. */
  public InvalidClaimException(String message, Throwable cause) {
    super(message, cause);
  }
}
