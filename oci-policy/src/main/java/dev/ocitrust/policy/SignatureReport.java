package dev.ocitrust.policy;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.cose.NotaryEnvelopeFormat;
import dev.ocitrust.cose.VerifiedNotaryEnvelope;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The evaluation of one signature of an artifact: the signature manifest, every check that ran (in
 * workflow order: integrity, authenticity, expiry, authentic timestamp, revocation) with its action
 * and outcome, and whether the signature was accepted. Only {@link NotaryVerifier} creates these.
 *
 * <p>A signature is accepted when no enforced check failed, its signed target descriptor equals the
 * resolved artifact and the required user metadata is in its payload. When the workflow stops at an
 * enforced failure, the later checks are absent from {@link #checks()}.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * for (SignatureReport r : result.signatures()) {
 *   System.out.println(r.signatureManifest().digest() + " accepted=" + r.accepted()
 *       + r.rejection().map(m -> " (" + m + ")").orElse(""));
 * }
 * }</pre>
 */
public final class SignatureReport {
  private final Descriptor signatureManifest;
  private final List<CheckOutcome> checks;
  private final @Nullable String rejection;
  private final @Nullable VerifiedNotaryEnvelope envelope;
  private final @Nullable NotaryEnvelopeFormat format;

  SignatureReport(
      Descriptor signatureManifest,
      @Nullable NotaryEnvelopeFormat format,
      List<CheckOutcome> checks,
      @Nullable String rejection,
      @Nullable VerifiedNotaryEnvelope envelope) {
    this.signatureManifest = signatureManifest;
    this.format = format;
    this.checks = List.copyOf(checks);
    this.rejection = rejection;
    this.envelope = envelope;
  }

  /** The descriptor of the signature manifest (a referrer of the artifact). */
  public Descriptor signatureManifest() {
    return signatureManifest;
  }

  /**
   * The envelope format (COSE or JWS), from the media type of the signature manifest's layer; empty
   * when the manifest is not a Notary signature of a format ocitrust reads.
   */
  public Optional<NotaryEnvelopeFormat> envelopeFormat() {
    return Optional.ofNullable(format);
  }

  /** The checks that ran or were skipped, in workflow order. */
  public List<CheckOutcome> checks() {
    return checks;
  }

  /** The outcome of {@code check}, if the workflow reached it. */
  public Optional<CheckOutcome> outcome(VerificationCheck check) {
    return checks.stream().filter(c -> c.check() == check).findFirst();
  }

  /** Whether this signature was accepted. */
  public boolean accepted() {
    return rejection == null;
  }

  /** Why this signature was rejected; empty when it was accepted. */
  public Optional<String> rejection() {
    return Optional.ofNullable(rejection);
  }

  /**
   * The envelope, when its integrity was verified (also for rejected signatures whose later checks
   * failed; trust it only when {@link #accepted()}).
   */
  public Optional<VerifiedNotaryEnvelope> envelope() {
    return Optional.ofNullable(envelope);
  }

  @Override
  public String toString() {
    return "signature "
        + signatureManifest.digest()
        + (format == null ? "" : " (" + format.formatName() + ")")
        + (rejection == null ? " accepted" : " rejected: " + rejection)
        + " "
        + checks;
  }
}
