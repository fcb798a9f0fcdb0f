package dev.ocitrust.cose;

import java.security.GeneralSecurityException;

/**
 * The root of every checked exception oci-cose throws on untrusted input or on a failed
 * verification. Its subtypes say which step failed: {@link CoseFormatException} (the bytes are not
 * a well-formed, supported message), {@link CoseSignatureException} (the signature, key or
 * algorithm does not check out), {@link CertificateChainException} (an X.509 chain breaks a rule)
 * and {@link TimestampException} (an RFC 3161 time stamp is invalid or could not be obtained).
 *
 * <p>Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * try {
 *   VerifiedSign1 verified = UnverifiedSign1.parse(bytes).verify(publicKey);
 * } catch (CoseException e) {
 *   // reject the artifact; e.getMessage() says what was expected and what was found
 * }
 * }</pre>
 */
public class CoseException extends GeneralSecurityException {
  private static final long serialVersionUID = 1L;

  /** An exception with a message that says what was expected and what was found. */
  public CoseException(String message) {
    super(message);
  }

  /** An exception with a message and the underlying cause. */
  public CoseException(String message, Throwable cause) {
    super(message, cause);
  }
}
