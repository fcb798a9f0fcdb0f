package dev.ocitrust.policy;

import dev.ocitrust.client.ContentVerificationException;
import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.ImageManifest;
import dev.ocitrust.client.InvalidManifestException;
import dev.ocitrust.client.Manifest;
import dev.ocitrust.client.MediaTypes;
import dev.ocitrust.client.Target;
import dev.ocitrust.cose.CoseException;
import dev.ocitrust.cose.NotaryEnvelopeVerifier;
import dev.ocitrust.cose.NotaryHeaders;
import dev.ocitrust.cose.NotarySigningScheme;
import dev.ocitrust.cose.TargetArtifact;
import dev.ocitrust.cose.TimestampVerifier;
import dev.ocitrust.cose.VerifiedNotaryEnvelope;
import dev.ocitrust.cose.VerifiedTimestamp;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The per-signature part of the workflow: fetch, integrity, authenticity, expiry, authentic
 * timestamp, revocation, target descriptor, user metadata. The envelope checks ({@link
 * #checkEnvelope}) serve registry signatures and detached (blob) signatures alike. One instance per
 * signature; not thread-safe (it is confined to one call of {@link NotaryVerifier#verify} or {@link
 * BlobVerifier#verify}).
 */
final class SignatureEvaluation {
  private final NotaryVerifier.Limits limits;
  private final StatementAnchors anchors;
  private final RevocationChecker revocation;
  private final Clock clock;
  private final TrustPolicyStatement statement;
  private final VerificationActions actions;
  private final List<CheckOutcome> checks = new ArrayList<>();
  private final @Nullable NotationPaths plugins;
  private @Nullable PluginVerification plugin;

  SignatureEvaluation(
      NotaryVerifier.Limits limits,
      StatementAnchors anchors,
      RevocationChecker revocation,
      Clock clock,
      TrustPolicyStatement statement,
      @Nullable NotationPaths plugins) {
    this.plugins = plugins;
    this.limits = limits;
    this.anchors = anchors;
    this.revocation = revocation;
    this.clock = clock;
    this.statement = statement;
    this.actions = statement.signatureVerification().actions();
  }

  /** Evaluates one signature manifest of {@code artifact}; IO failures of the store propagate. */
  SignatureReport evaluate(
      Target target, Descriptor signature, Descriptor artifact, Map<String, String> metadata)
      throws IOException {
    byte[] envelopeBytes;
    try {
      envelopeBytes = fetchEnvelope(target, signature, artifact);
    } catch (BadSignatureArtifact e) {
      return reject(signature, VerificationCheck.INTEGRITY, e.getMessage(), null);
    }
    EnvelopeOutcome checked = checkEnvelope(envelopeBytes);
    VerifiedNotaryEnvelope env = checked.envelope();
    if (checked.rejection() != null || env == null) {
      return new SignatureReport(signature, checks, checked.rejection(), env);
    }
    String mismatch = targetMismatch(env.targetArtifact(), artifact);
    if (mismatch != null) {
      return new SignatureReport(signature, checks, mismatch, env);
    }
    String missing = metadataMismatch(env.targetArtifact(), metadata);
    if (missing != null) {
      return new SignatureReport(signature, checks, missing, env);
    }
    return new SignatureReport(signature, checks, null, env);
  }

  /**
   * What {@link #checkEnvelope} found: the verified envelope (absent when integrity failed) and why
   * the signature is rejected (null when every enforced check passed).
   */
  record EnvelopeOutcome(@Nullable VerifiedNotaryEnvelope envelope, @Nullable String rejection) {}

  /**
   * Integrity, authenticity, expiry, authentic timestamp and revocation of one envelope, each
   * recorded in {@link #checks()} with its action; stops at the first check that rejects.
   */
  EnvelopeOutcome checkEnvelope(byte[] envelopeBytes) {
    VerifiedNotaryEnvelope env;
    try {
      env =
          NotaryEnvelopeVerifier.builder()
              .understoodExtendedAttributes(PluginVerification.ATTRIBUTES)
              .build()
              .verify(envelopeBytes);
    } catch (CoseException e) {
      String r = e.getMessage() == null ? "failed" : e.getMessage();
      record(VerificationCheck.INTEGRITY, r, "");
      return new EnvelopeOutcome(null, VerificationCheck.INTEGRITY + " failed: " + r);
    }
    try {
      plugin = PluginVerification.of(env, plugins).orElse(null);
    } catch (PolicyException e) {
      String r = String.valueOf(e.getMessage());
      record(VerificationCheck.INTEGRITY, r, "");
      return new EnvelopeOutcome(env, VerificationCheck.INTEGRITY + " failed: " + r);
    }
    record(
        VerificationCheck.INTEGRITY,
        null,
        "the envelope is well formed and its "
            + env.algorithm()
            + " signature verifies with the leaf key ("
            + env.signingScheme().value()
            + ")");
    if (step(VerificationCheck.AUTHENTICITY, () -> authenticity(env))
        || step(VerificationCheck.EXPIRY, () -> expiry(env))
        || step(VerificationCheck.AUTHENTIC_TIMESTAMP, () -> authenticTimestamp(env))
        || step(VerificationCheck.REVOCATION, () -> revocation(env))
        || (plugin != null && pluginChecks(plugin, env))) {
      CheckOutcome last = checks.get(checks.size() - 1);
      return new EnvelopeOutcome(env, last.check() + " failed: " + last.reason());
    }
    return new EnvelopeOutcome(env, null);
  }

  /** The checks recorded so far, in order. */
  List<CheckOutcome> checks() {
    return List.copyOf(checks);
  }

  /**
   * Why {@code signed} lacks a required user metadata entry ({@code --user-metadata}), or null when
   * every entry of {@code required} is signed with that value.
   */
  static @Nullable String metadataMismatch(TargetArtifact signed, Map<String, String> required) {
    for (Map.Entry<String, String> e : required.entrySet()) {
      String got = signed.annotations().get(e.getKey());
      if (!e.getValue().equals(got)) {
        return "the signed payload does not carry the required user metadata "
            + e.getKey()
            + "="
            + e.getValue()
            + (got == null ? " (absent)" : " (found " + e.getKey() + "=" + got + ")");
      }
    }
    return null;
  }

  // ---------------------------------------------------------------- fetching

  /** A signature artifact that is not a well-formed Notary COSE signature of the artifact. */
  private static final class BadSignatureArtifact extends Exception {
    private static final long serialVersionUID = 1L;

    BadSignatureArtifact(String message) {
      super(message);
    }
  }

  private byte[] fetchEnvelope(Target target, Descriptor signature, Descriptor artifact)
      throws IOException, BadSignatureArtifact {
    if (!signature.mediaType().equals(MediaTypes.OCI_MANIFEST)) {
      throw new BadSignatureArtifact(
          "signature manifest "
              + signature.digest()
              + " has media type "
              + signature.mediaType()
              + ", expected "
              + MediaTypes.OCI_MANIFEST);
    }
    if (signature.size() > limits.maxManifestBytes()) {
      throw new BadSignatureArtifact(
          "signature manifest "
              + signature.digest()
              + " is "
              + signature.size()
              + " bytes; the limit is "
              + limits.maxManifestBytes());
    }
    Manifest parsed;
    try {
      parsed = target.fetchManifest(signature);
    } catch (InvalidManifestException | ContentVerificationException e) {
      throw new BadSignatureArtifact(
          "signature manifest " + signature.digest() + " is invalid: " + e.getMessage());
    }
    if (!(parsed instanceof ImageManifest m)) {
      throw new BadSignatureArtifact(
          "signature manifest " + signature.digest() + " is not an image manifest");
    }
    if (!m.subject().map(s -> s.digest().equals(artifact.digest())).orElse(false)) {
      throw new BadSignatureArtifact(
          "signature manifest " + signature.digest() + " does not have the artifact as subject");
    }
    boolean current =
        m.artifactType().map(NotarySigner.ARTIFACT_TYPE::equals).orElse(false)
            && m.config().mediaType().equals(MediaTypes.OCI_EMPTY);
    boolean legacy =
        m.artifactType().isEmpty() && m.config().mediaType().equals(NotarySigner.ARTIFACT_TYPE);
    if (!current && !legacy) {
      throw new BadSignatureArtifact(
          "signature manifest "
              + signature.digest()
              + " is not a Notary signature: expected artifactType "
              + NotarySigner.ARTIFACT_TYPE
              + " with the empty config, or (OCI 1.0) that config media type");
    }
    if (m.layers().size() != 1) {
      throw new BadSignatureArtifact(
          "signature manifest "
              + signature.digest()
              + " has "
              + m.layers().size()
              + " layers, expected exactly one");
    }
    Descriptor layer = m.layers().get(0);
    if (!layer.mediaType().equals(NotaryHeaders.ENVELOPE_MEDIA_TYPE)) {
      throw new BadSignatureArtifact(
          "unsupported signature envelope media type "
              + layer.mediaType()
              + " (ocitrust verifies "
              + NotaryHeaders.ENVELOPE_MEDIA_TYPE
              + ")");
    }
    if (layer.size() > limits.maxEnvelopeBytes()) {
      throw new BadSignatureArtifact(
          "signature envelope "
              + layer.digest()
              + " is "
              + layer.size()
              + " bytes; the limit is "
              + limits.maxEnvelopeBytes());
    }
    try {
      return target.fetchBytes(layer, limits.maxEnvelopeBytes());
    } catch (ContentVerificationException e) {
      throw new BadSignatureArtifact(
          "signature envelope "
              + layer.digest()
              + " does not match its descriptor: "
              + e.getMessage());
    }
  }

  // ---------------------------------------------------------------- checks

  /**
   * A check body: returns what it verified, or throws why it failed. Only a security failure
   * (revocation, policy, COSE, trust store: all {@link GeneralSecurityException}s) fails a check;
   * anything unchecked is a bug and propagates.
   */
  private interface Check {
    String run() throws GeneralSecurityException;
  }

  /** Runs {@code check} unless skipped; records it; true when it rejects the signature. */
  private boolean step(VerificationCheck check, Check body) {
    CheckAction action = actions.action(check);
    if (action == CheckAction.SKIP) {
      checks.add(
          new CheckOutcome(
              check,
              action,
              CheckOutcome.Status.SKIPPED,
              "not checked: the trust policy skips " + check));
      return false;
    }
    String passed;
    try {
      passed = body.run();
    } catch (GeneralSecurityException e) {
      String reason = e.getMessage() == null ? e.toString() : e.getMessage();
      CheckOutcome o = new CheckOutcome(check, action, CheckOutcome.Status.FAILED, reason);
      checks.add(o);
      return o.rejects();
    }
    checks.add(new CheckOutcome(check, action, CheckOutcome.Status.PASSED, passed));
    return false;
  }

  private void record(VerificationCheck check, @Nullable String failure, String passed) {
    CheckAction action = actions.action(check);
    checks.add(
        failure == null
            ? new CheckOutcome(check, action, CheckOutcome.Status.PASSED, passed)
            : new CheckOutcome(check, action, CheckOutcome.Status.FAILED, failure));
  }

  private SignatureReport reject(
      Descriptor signature,
      VerificationCheck check,
      @Nullable String reason,
      @Nullable VerifiedNotaryEnvelope env) {
    String r = reason == null ? "failed" : reason;
    record(check, r, "");
    return new SignatureReport(signature, checks, check + " failed: " + r, env);
  }

  private String authenticity(VerifiedNotaryEnvelope env) throws PolicyException {
    TrustStoreType type = TrustStoreType.forSigningScheme(env.signingScheme());
    List<TrustStoreRef> refs = statement.trustStores(type);
    if (refs.isEmpty()) {
      throw new PolicyException(
          "trust policy statement \""
              + statement.name()
              + "\" names no trust store of type "
              + type
              + ", which signing scheme "
              + env.signingScheme().value()
              + " requires");
    }
    List<byte[]> trusted = anchors.encodedCertificates(type);
    X509Certificate anchor = null;
    for (X509Certificate c : env.certificateChain()) {
      byte[] der = encoded(c);
      if (trusted.stream().anyMatch(a -> Arrays.equals(a, der))) {
        anchor = c;
        break;
      }
    }
    if (anchor == null) {
      throw new PolicyException(
          "signature is not produced by a trusted signer: no certificate of its chain is in the"
              + " trust stores "
              + refs);
    }
    X509Certificate leaf = env.certificateChain().get(0);
    if (plugin != null && plugin.verifiesTrustedIdentity()) {
      return "the chain is anchored in "
          + refs
          + " at \""
          + anchor.getSubjectX500Principal().getName()
          + "\"; the trusted identity is the plugin "
          + plugin.name()
          + "'s to check";
    }
    statement.trustedIdentities().verify(leaf);
    return "the chain is anchored in "
        + refs
        + " at \""
        + anchor.getSubjectX500Principal().getName()
        + "\" and the signer \""
        + leaf.getSubjectX500Principal().getName()
        + "\" is a trusted identity";
  }

  private String expiry(VerifiedNotaryEnvelope env) throws CoseException {
    env.checkNotExpired(clock);
    return env.expiry().map(e -> "the signature expires on " + e).orElse("no expiry is set");
  }

  private String authenticTimestamp(VerifiedNotaryEnvelope env)
      throws PolicyException, CoseException {
    Instant now = clock.instant();
    List<X509Certificate> chain = env.certificateChain();
    if (env.signingScheme() == NotarySigningScheme.X509_SIGNING_AUTHORITY) {
      env.checkChainValidAt(env.signingTime());
      return "every certificate was valid at the authentic signing time " + env.signingTime();
    }
    List<TrustStoreRef> tsaStores = statement.trustStores(TrustStoreType.TSA);
    VerifyTimestamp when = statement.signatureVerification().effectiveVerifyTimestamp();
    boolean expired = chain.stream().anyMatch(c -> now.isAfter(c.getNotAfter().toInstant()));
    if (tsaStores.isEmpty() || (when == VerifyTimestamp.AFTER_CERT_EXPIRY && !expired)) {
      env.checkChainValidAt(now);
      return "every certificate is valid now ("
          + now
          + "); no time stamp verification: "
          + (tsaStores.isEmpty()
              ? "the statement names no tsa trust store"
              : "verifyTimestamp is afterCertExpiry and no certificate has expired");
    }
    Optional<byte[]> token = env.timestampToken();
    if (token.isEmpty()) {
      throw new PolicyException(
          "no timestamp countersignature was found in the signature envelope, and the trust"
              + " policy requires one (verifyTimestamp "
              + when
              + ")");
    }
    TimestampVerifier verifier;
    try {
      verifier = anchors.timestampVerifier();
    } catch (TrustStoreException e) {
      throw new PolicyException("failed to load tsa trust store: " + e.getMessage(), e);
    }
    VerifiedTimestamp ts = env.verifyTimestamp(verifier);
    if (ts.earliest().isBefore(env.signingTime())) {
      throw new PolicyException(
          "the time stamp ["
              + ts.earliest()
              + ", "
              + ts.latest()
              + "] is not bounded after the signing time "
              + env.signingTime());
    }
    try {
      revocation.check(ts.tsaChain(), Optional.empty());
    } catch (RevocationException e) {
      throw new PolicyException("time stamping certificate chain: " + e.getMessage(), e);
    }
    return "time stamp "
        + ts.genTime()
        + " (±"
        + ts.accuracy()
        + ") from \""
        + ts.tsaChain().get(0).getSubjectX500Principal().getName()
        + "\" verifies against "
        + tsaStores
        + " and lies within every certificate's validity";
  }

  private String revocation(VerifiedNotaryEnvelope env) throws RevocationException {
    if (plugin != null && plugin.checksRevocation()) {
      return "revocation is the plugin " + plugin.name() + "'s to check";
    }
    Optional<Instant> authentic =
        env.signingScheme() == NotarySigningScheme.X509_SIGNING_AUTHORITY
            ? Optional.of(env.signingTime())
            : Optional.empty();
    revocation.check(env.certificateChain(), authentic);
    return "no certificate of the chain is revoked";
  }

  /**
   * The plugin's {@code verify-signature} for the checks it owns that the policy does not skip,
   * each result recorded under its check (trusted identity under authenticity); true when one
   * rejects the signature. A failed call fails the checks it was asked for.
   */
  private boolean pluginChecks(PluginVerification p, VerifiedNotaryEnvelope env) {
    boolean identity =
        p.verifiesTrustedIdentity() && !actions.isSkipped(VerificationCheck.AUTHENTICITY);
    boolean revoked = p.checksRevocation() && !actions.isSkipped(VerificationCheck.REVOCATION);
    List<String> asked = PluginVerification.capabilities(identity, revoked);
    if (asked.isEmpty()) {
      return false;
    }
    Map<String, PluginVerification.Result> results;
    try {
      results = p.verify(env, statement.trustedIdentities(), asked);
    } catch (PluginException e) {
      String reason = String.valueOf(e.getMessage());
      results = new java.util.LinkedHashMap<>();
      for (String c : asked) {
        results.put(c, new PluginVerification.Result(false, reason));
      }
    }
    boolean rejects = false;
    for (Map.Entry<String, PluginVerification.Result> r : results.entrySet()) {
      VerificationCheck check =
          r.getKey().equals(NotationPlugin.SIGNATURE_VERIFIER_TRUSTED_IDENTITY)
              ? VerificationCheck.AUTHENTICITY
              : VerificationCheck.REVOCATION;
      CheckOutcome o =
          new CheckOutcome(
              check,
              actions.action(check),
              r.getValue().success() ? CheckOutcome.Status.PASSED : CheckOutcome.Status.FAILED,
              "plugin "
                  + p.name()
                  + " ("
                  + r.getKey()
                  + "): "
                  + (r.getValue().success() ? "passed" : r.getValue().reason()));
      checks.add(o);
      rejects |= o.rejects();
    }
    return rejects;
  }

  private static @Nullable String targetMismatch(TargetArtifact signed, Descriptor artifact) {
    if (signed.mediaType().equals(artifact.mediaType())
        && signed.digest().equals(artifact.digest().toString())
        && signed.size() == artifact.size()) {
      return null;
    }
    return "content descriptor mismatch: the signature signs "
        + signed.mediaType()
        + " "
        + signed.digest()
        + " ("
        + signed.size()
        + " bytes), the artifact is "
        + artifact.mediaType()
        + " "
        + artifact.digest()
        + " ("
        + artifact.size()
        + " bytes)";
  }

  private static byte[] encoded(X509Certificate c) throws PolicyException {
    try {
      return c.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new PolicyException("cannot encode certificate " + c.getSubjectX500Principal(), e);
    }
  }
}
