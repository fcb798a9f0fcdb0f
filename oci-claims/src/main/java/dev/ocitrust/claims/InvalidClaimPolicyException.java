package dev.ocitrust.claims;

import dev.ocitrust.policy.PolicyException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A claim policy document is malformed or breaks a rule. The message names the statement (when the
 * error is inside one) and the property.
 */
public class InvalidClaimPolicyException extends PolicyException {
  private static final long serialVersionUID = 1L;
  private final @Nullable String statement;

  /** An error in the document as a whole. */
  public InvalidClaimPolicyException(String message) {
    super(message);
    this.statement = null;
  }

  /** An error inside statement {@code statement}, with its {@code cause} if any. */
  public InvalidClaimPolicyException(
      @Nullable String statement, String message, @Nullable Throwable cause) {
    super(
        statement == null ? message : "claim policy statement \"" + statement + "\": " + message,
        cause);
    this.statement = statement;
  }

  /** The statement the error is in, if it is in one. */
  public Optional<String> statement() {
    return Optional.ofNullable(statement);
  }
}
