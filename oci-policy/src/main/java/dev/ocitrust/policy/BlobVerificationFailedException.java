package dev.ocitrust.policy;

/**
 * A detached (blob) signature was rejected: {@link #result()} says which check failed and why.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * try {
 *   verifier.verify(blob, signature, options);
 * } catch (BlobVerificationFailedException e) {
 *   System.err.println(e.result().summary());
 * }
 * }</pre>
 */
public final class BlobVerificationFailedException extends PolicyException {
  private static final long serialVersionUID = 1L;

  private final transient BlobVerificationResult result;

  BlobVerificationFailedException(BlobVerificationResult result) {
    super(result.summary());
    this.result = result;
  }

  /** The rejected result, with every check that ran. */
  public BlobVerificationResult result() {
    return result;
  }
}
