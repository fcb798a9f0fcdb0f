package dev.ocitrust.policy;

import java.security.GeneralSecurityException;
import org.jspecify.annotations.Nullable;

/**
 * The root of oci-policy's checked exceptions: an invalid trust policy, an unusable trust store, a
 * signer outside the trusted identities, or an artifact no policy statement applies to. Messages
 * name the statement, store, file or value that was wrong.
 *
 * <p>Instances are immutable once thrown and may be shared between threads.
 */
public class PolicyException extends GeneralSecurityException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming what was wrong and where. */
  public PolicyException(String message) {
    super(message);
  }

  /** Creates the exception with a message and its cause (null if there is none). */
  public PolicyException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
