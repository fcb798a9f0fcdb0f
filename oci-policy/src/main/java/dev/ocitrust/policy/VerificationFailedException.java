package dev.ocitrust.policy;

/**
 * No signature of an artifact passed verification under its trust policy statement (or it has no
 * signature). {@link #result()} holds the per-signature reports.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * try {
 *   verifier.verify(layout, "local/net-monitor", "v1");
 * } catch (VerificationFailedException e) {
 *   e.result().signatures().forEach(r -> log.warn("{}", r));
 * }
 * }</pre>
 */
public final class VerificationFailedException extends PolicyException {
  private static final long serialVersionUID = 1L;

  private final transient VerificationResult result;

  VerificationFailedException(VerificationResult result) {
    super(result.summary());
    this.result = result;
  }

  /** The rejected result with the report of every signature tried. */
  public VerificationResult result() {
    return result;
  }
}
