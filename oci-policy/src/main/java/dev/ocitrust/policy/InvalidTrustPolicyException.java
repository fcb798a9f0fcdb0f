package dev.ocitrust.policy;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A trust-policy document (or a statement built in code) that is malformed or breaks a rule of the
 * Notary Project trust-policy specification. The message names the statement and the offending
 * value; {@link #statementName()} gives the statement when the failure belongs to one.
 *
 * <p>An invalid document is never partially usable: the whole document is rejected.
 */
public final class InvalidTrustPolicyException extends PolicyException {
  private static final long serialVersionUID = 1L;

  private final @Nullable String statementName;

  /** Creates the exception for a document-level failure. */
  public InvalidTrustPolicyException(String message) {
    this(null, message, null);
  }

  /**
   * Creates the exception.
   *
   * @param statementName the statement at fault, or null for a document-level failure
   * @param message what was expected and what was found
   * @param cause the underlying failure, or null
   */
  public InvalidTrustPolicyException(
      @Nullable String statementName, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.statementName = statementName;
  }

  /** The name of the statement at fault, if the failure belongs to one statement. */
  public Optional<String> statementName() {
    return Optional.ofNullable(statementName);
  }
}
