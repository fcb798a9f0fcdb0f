package dev.ocitrust.policy;

import dev.ocitrust.client.Manifest;
import dev.ocitrust.cose.TargetArtifact;
import dev.ocitrust.cose.VerifiedNotaryEnvelope;
import dev.ocitrust.policy.internal.BlobDigest;
import dev.ocitrust.policy.internal.BlobSignatureFiles;
import dev.ocitrust.policy.internal.BoundedFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The Notary Project verification workflow for arbitrary blobs and their detached signatures
 * ({@code <file>.cose.sig}), deciding from a {@link BlobTrustPolicy} and a {@link TrustStore} as
 * {@code notation blob verify} does.
 *
 * <p>In order: the statement is selected ({@link BlobVerifyOptions#policyName()} by exact name, or
 * the global statement); under {@code skip} nothing else is read. The envelope then passes the same
 * checks as a registry signature in {@link NotaryVerifier} (integrity, authenticity against the
 * statement's trust stores and trusted identities, expiry, authentic timestamp, revocation; each
 * recorded with the action the level gives it, a failed {@code log} check does not reject). Then
 * the blob: the signed media type must equal the required one when one is given; the signed digest
 * must use the hash of the signing key's algorithm; the blob, read once as a stream, must have the
 * signed size and digest; the required user metadata must be signed.
 *
 * <p>The blob is streamed in fixed-size chunks and the envelope is read up to {@link
 * NotaryVerifier#DEFAULT_MAX_ENVELOPE_BYTES}: memory stays constant whatever the blob's size.
 *
 * <p>Thread-safe and immutable: share one instance.
 *
 * <p><b>Security guarantees.</b> {@link #verify} returns a {@link
 * VerificationResult.Verdict#VERIFIED} result only when the signature passed every enforced check
 * and signs exactly the bytes read; {@link VerificationResult.Verdict#SKIPPED} only when the
 * selected statement says {@code skip}; otherwise it throws. Decisions rest on the signed payload
 * only; a missing statement, an unsupported or unnamed signature format, an oversized envelope or
 * an unreadable trust store reject.
 *
 * <pre>{@code
 * BlobVerifier verifier = BlobVerifier.builder(
 *         BlobTrustPolicy.load(paths), DirectoryTrustStore.atConfigDirectory(paths.configDirectory()))
 *     .build();
 * BlobVerificationResult r = verifier.verify(Path.of("net-monitor.tar.gz"),
 *     Path.of("net-monitor.tar.gz.cose.sig"),
 *     BlobVerifyOptions.builder().policyName("release-binaries").build());
 * }</pre>
 */
public final class BlobVerifier {
  private final BlobTrustPolicy policy;
  private final TrustStore trustStore;
  private final RevocationChecker revocation;
  private final Clock clock;
  private final NotaryVerifier.Limits limits;

  private BlobVerifier(Builder b, RevocationChecker revocation) {
    this.policy = b.policy;
    this.trustStore = b.trustStore;
    this.revocation = revocation;
    this.clock = b.clock;
    this.limits = new NotaryVerifier.Limits(1, Manifest.MAX_BYTES, b.maxEnvelopeBytes);
  }

  /** A builder with the required blob trust policy and trust store. */
  public static Builder builder(BlobTrustPolicy policy, TrustStore trustStore) {
    return new Builder(policy, trustStore);
  }

  /**
   * Verifies the file {@code blob} against its detached signature file {@code signature}, whose
   * name gives the envelope format ({@code .cose.sig}).
   *
   * @throws BlobVerificationFailedException if the signature is rejected
   * @throws PolicyException if no statement applies, or the signature file is not named {@code
   *     *.cose.sig} (a {@code .jws.sig} file is refused as not supported yet)
   * @throws IOException if the blob or the signature file is missing, not a regular file, too large
   *     (the signature) or cannot be read
   */
  public BlobVerificationResult verify(Path blob, Path signature, BlobVerifyOptions options)
      throws IOException, PolicyException {
    BlobTrustPolicyStatement statement = select(options);
    if (statement.actions().skipsVerification()) {
      return skipped(blob.toString(), statement);
    }
    String format =
        BlobSignatureFiles.format(signature)
            .orElseThrow(
                () ->
                    new PolicyException(
                        "signature file "
                            + signature
                            + " is named neither <file>.cose.sig nor <file>.jws.sig: its name"
                            + " gives the envelope format"));
    if (!format.equals(BlobSignatureFiles.COSE)) {
      throw new PolicyException(
          "signature file "
              + signature
              + " is a "
              + format.toUpperCase(java.util.Locale.ROOT)
              + " envelope; ocitrust verifies COSE blob signatures (<file>.cose.sig)");
    }
    byte[] envelope = readSignature(signature);
    if (!Files.isRegularFile(blob, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException("the blob to verify, " + blob + ", is not a regular file");
    }
    try (InputStream in = Files.newInputStream(blob, LinkOption.NOFOLLOW_LINKS)) {
      return verify(statement, in, blob.toString(), envelope, options);
    }
  }

  /**
   * Verifies the blob read from {@code blob} (to its end; not closed) against the COSE envelope
   * {@code envelope}.
   *
   * @param blobName what to call the blob in results and messages
   * @throws BlobVerificationFailedException if the signature is rejected
   * @throws PolicyException if no statement applies
   * @throws IOException if reading the blob fails
   */
  public BlobVerificationResult verify(
      InputStream blob, String blobName, byte[] envelope, BlobVerifyOptions options)
      throws IOException, PolicyException {
    BlobTrustPolicyStatement statement = select(options);
    if (statement.actions().skipsVerification()) {
      return skipped(blobName, statement);
    }
    if (envelope.length > limits.maxEnvelopeBytes()) {
      throw new PolicyException(
          "the signature envelope of "
              + blobName
              + " is "
              + envelope.length
              + " bytes; the limit is "
              + limits.maxEnvelopeBytes());
    }
    return verify(statement, blob, blobName, envelope, options);
  }

  private BlobTrustPolicyStatement select(BlobVerifyOptions options) throws PolicyException {
    Objects.requireNonNull(options, "options");
    return policy.select(options.policyName().orElse(null));
  }

  private BlobVerificationResult verify(
      BlobTrustPolicyStatement statement,
      InputStream blob,
      String blobName,
      byte[] envelope,
      BlobVerifyOptions options)
      throws IOException, BlobVerificationFailedException {
    SignatureEvaluation evaluation =
        new SignatureEvaluation(
            limits,
            new StatementAnchors(trustStore, statement),
            revocation,
            clock,
            statement,
            null); // blob signatures that name a verification plugin fail integrity
    SignatureEvaluation.EnvelopeOutcome checked = evaluation.checkEnvelope(envelope);
    VerifiedNotaryEnvelope env = checked.envelope();
    String rejection = checked.rejection();
    if (rejection == null && env != null) {
      rejection = blobMismatch(env, blob, options);
    }
    List<CheckOutcome> checks = evaluation.checks();
    if (rejection != null || env == null) {
      String why = rejection == null ? "rejected" : rejection;
      throw new BlobVerificationFailedException(
          new BlobVerificationResult(
              VerificationResult.Verdict.REJECTED,
              blobName,
              statement,
              checks,
              env,
              why,
              "signature verification failed for " + blobName + ": " + why));
    }
    TargetArtifact signed = env.targetArtifact();
    return new BlobVerificationResult(
        VerificationResult.Verdict.VERIFIED,
        blobName,
        statement,
        checks,
        env,
        null,
        "the signature of "
            + blobName
            + " ("
            + signed.mediaType()
            + " "
            + signed.digest()
            + ", "
            + signed.size()
            + " bytes) verified under blob trust policy statement \""
            + statement.name()
            + "\" (level "
            + statement.signatureVerification().level()
            + ")");
  }

  /** Why the verified envelope does not sign this blob, or null if it does (consumes the blob). */
  private static @Nullable String blobMismatch(
      VerifiedNotaryEnvelope env, InputStream blob, BlobVerifyOptions options) throws IOException {
    TargetArtifact signed = env.targetArtifact();
    Optional<String> mediaType = options.mediaType();
    if (mediaType.isPresent() && !mediaType.get().equals(signed.mediaType())) {
      return "media type mismatch: the signature signs "
          + signed.mediaType()
          + ", the blob is required to be "
          + mediaType.get();
    }
    String algorithm = BlobDigest.algorithmName(env.algorithm());
    if (!signed.digest().startsWith(algorithm + ":")) {
      return "the signed digest "
          + signed.digest()
          + " does not use "
          + algorithm
          + ", the hash of the signing key's algorithm "
          + env.algorithm();
    }
    BlobDigest read = BlobDigest.of(blob, env.algorithm());
    if (read.size() != signed.size()) {
      return "size mismatch: the signature signs "
          + signed.size()
          + " bytes, the blob has "
          + read.size();
    }
    if (!read.digest().equals(signed.digest())) {
      return "digest mismatch: the signature signs "
          + signed.digest()
          + ", the blob is "
          + read.digest();
    }
    return SignatureEvaluation.metadataMismatch(signed, options.userMetadata());
  }

  private static BlobVerificationResult skipped(String blob, BlobTrustPolicyStatement statement) {
    return new BlobVerificationResult(
        VerificationResult.Verdict.SKIPPED,
        blob,
        statement,
        List.of(),
        null,
        null,
        "blob trust policy statement \""
            + statement.name()
            + "\" is configured to skip signature verification: nothing was verified for "
            + blob);
  }

  private byte[] readSignature(Path signature) throws IOException {
    try {
      return BoundedFiles.read(signature, (int) limits.maxEnvelopeBytes());
    } catch (BoundedFiles.Refused e) {
      String why =
          switch (e.reason()) {
            case MISSING -> "does not exist";
            case TOO_LARGE, GREW ->
                "is larger than the limit of " + limits.maxEnvelopeBytes() + " bytes";
            case SYMBOLIC_LINK -> "is a symbolic link (not followed)";
            case DIRECTORY -> "is a directory";
            case NOT_REGULAR -> "is not a regular file";
            default -> "cannot be read: " + e.failure().getMessage();
          };
      throw new IOException("signature file " + signature + " " + why, e.failure());
    }
  }

  @Override
  public String toString() {
    return "BlobVerifier{" + policy.statements().size() + " statements, " + trustStore + "}";
  }

  /** Builds a {@link BlobVerifier}. Not thread-safe. */
  public static final class Builder {
    private final BlobTrustPolicy policy;
    private final TrustStore trustStore;
    private @Nullable RevocationChecker revocation;
    private Clock clock = Clock.systemUTC();
    private long maxEnvelopeBytes = NotaryVerifier.DEFAULT_MAX_ENVELOPE_BYTES;

    private Builder(BlobTrustPolicy policy, TrustStore trustStore) {
      this.policy = Objects.requireNonNull(policy, "policy");
      this.trustStore = Objects.requireNonNull(trustStore, "trustStore");
    }

    /**
     * The revocation checker for signing and time stamping chains. Default: {@link
     * OcspCrlRevocationChecker} with this builder's clock.
     */
    public Builder revocationChecker(RevocationChecker checker) {
      this.revocation = Objects.requireNonNull(checker, "checker");
      return this;
    }

    /** The clock for expiry, certificate validity and revocation freshness (default: UTC). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The largest signature envelope read, at most 32 MiB (the default). */
    public Builder maxEnvelopeBytes(long max) {
      if (max < 1 || max > NotaryVerifier.DEFAULT_MAX_ENVELOPE_BYTES) {
        throw new IllegalArgumentException(
            "maxEnvelopeBytes must be in [1, "
                + NotaryVerifier.DEFAULT_MAX_ENVELOPE_BYTES
                + "], found "
                + max);
      }
      this.maxEnvelopeBytes = max;
      return this;
    }

    /** The verifier. */
    public BlobVerifier build() {
      RevocationChecker r = revocation;
      if (r == null) {
        r = OcspCrlRevocationChecker.builder().clock(clock).build();
      }
      return new BlobVerifier(this, r);
    }
  }
}
