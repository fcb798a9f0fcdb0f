package dev.ocitrust.claims.internal;

import dev.ocitrust.claims.Approval;
import dev.ocitrust.claims.ClaimPolicyStatement;
import dev.ocitrust.claims.ClaimTypes;
import dev.ocitrust.claims.Deployment;
import dev.ocitrust.claims.InvalidClaimException;
import dev.ocitrust.claims.Lifecycle;
import dev.ocitrust.claims.TrustedIssuer;
import dev.ocitrust.client.ContentVerificationException;
import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.Digest;
import dev.ocitrust.client.ImageManifest;
import dev.ocitrust.client.InvalidManifestException;
import dev.ocitrust.client.Manifest;
import dev.ocitrust.client.NotFoundException;
import dev.ocitrust.client.Target;
import dev.ocitrust.cose.CertificateChainException;
import dev.ocitrust.cose.CoseException;
import dev.ocitrust.cose.CoseSignatureException;
import dev.ocitrust.cose.CwtClaims;
import dev.ocitrust.cose.ScittSubjects;
import dev.ocitrust.cose.Sign1VerifyOptions;
import dev.ocitrust.cose.TimestampException;
import dev.ocitrust.cose.UnverifiedScittStatement;
import dev.ocitrust.cose.VerifiedScittStatement;
import dev.ocitrust.cose.VerifiedTimestamp;
import dev.ocitrust.graph.internal.LimitedExecutor;
import dev.ocitrust.graph.internal.Parallel;
import dev.ocitrust.policy.UntrustedIdentityException;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * Finds an artifact's claims and verifies each: one referrers listing, then per candidate (a
 * referrer whose listed artifact type is asked for) its manifest and its statement, fetched on the
 * executor at most {@code concurrency} at a time. A referrer that fails a check is kept as {@link
 * FoundClaim.Ignored} with the reason; one that passes is {@link FoundClaim.Verified}. Failures of
 * the store other than missing or corrupt content (a registry error, the network) propagate: a
 * claim that cannot be read is never silently dropped.
 *
 * <p>The checks, in order: the manifest is an image manifest about this artifact with an
 * artifactType and exactly one statement layer within the size limit; the statement parses; its
 * signed content type equals the artifactType; the annotations, where present, repeat the signed
 * iss, sub and iat; sub names this artifact's digest; iat is present and not beyond the clock skew
 * in the future; and, with a policy statement: iss belongs to one of its issuers; the statement
 * names its key by x5chain; a time stamp, when the statement has one and the issuer has tsa stores,
 * verifies (its time then replaces now for the chain's validity, and iat may not be later than it);
 * the chain follows the code-signing rules, is valid then (and at iat) and is anchored in the
 * issuer's stores; the signature verifies with the leaf; the leaf is a trusted identity of the
 * issuer; the payload follows its schema (approvals, lifecycle notices, deployment records).
 *
 * <p>Thread-safe once built; one instance serves one evaluation.
 */
public final class ClaimCollector {
  /** The limits of one collection. */
  public record Limits(int maxClaims, long maxStatementBytes) {}

  private final Target target;
  private final @Nullable ClaimPolicyStatement statement;
  private final Map<String, IssuerAnchors> anchors;
  private final Instant now;
  private final Duration skew;
  private final Limits limits;
  private final Executor executor;

  /**
   * A collector over {@code target} judging claims by {@code statement} (or, if null, checking only
   * their integrity), whose issuers' trust anchors are {@code anchors} (by issuer name).
   */
  public ClaimCollector(
      Target target,
      @Nullable ClaimPolicyStatement statement,
      Map<String, IssuerAnchors> anchors,
      Instant now,
      Duration skew,
      Limits limits,
      @Nullable Executor executor,
      int concurrency) {
    this.target = target;
    this.statement = statement;
    this.anchors = Map.copyOf(anchors);
    this.now = now;
    this.skew = skew;
    this.limits = limits;
    this.executor = executor == null ? Runnable::run : new LimitedExecutor(executor, concurrency);
  }

  /**
   * Examines {@code candidates}, referrers of {@code artifact} as listed, in order.
   *
   * @throws IOException if the store fails other than by missing or corrupt content, or there are
   *     more candidates than the limit
   */
  public List<FoundClaim> collect(Descriptor artifact, List<Descriptor> candidates)
      throws IOException {
    if (candidates.size() > limits.maxClaims()) {
      throw new IOException(
          "artifact "
              + artifact.digest()
              + " has "
              + candidates.size()
              + " claim candidates, more than the limit of "
              + limits.maxClaims());
    }
    return Parallel.map(executor, candidates, d -> examine(artifact, d));
  }

  private FoundClaim examine(Descriptor artifact, Descriptor listed) throws IOException {
    Claim c = new Claim(listed);
    try {
      return c.check(artifact);
    } catch (Rejected r) {
      return new FoundClaim.Ignored(
          listed, c.contentType, c.iss, c.iat, r.reason, c.holdsStatement);
    }
  }

  /** A check failed: the claim is ignored with this message. */
  private static final class Rejected extends Exception {
    private static final long serialVersionUID = 1L;
    private final String reason;

    Rejected(String reason) {
      super(reason, null, false, false);
      this.reason = reason;
    }
  }

  /** The examination of one claim; keeps what it has read for the report. */
  private final class Claim {
    private final Descriptor listed;
    private Optional<String> contentType;
    private Optional<String> iss = Optional.empty();
    private Optional<Instant> iat = Optional.empty();
    private boolean holdsStatement;
    private byte[] statementBytes = new byte[0];

    Claim(Descriptor listed) {
      this.listed = listed;
      this.contentType = listed.artifactType();
    }

    FoundClaim check(Descriptor artifact) throws IOException, Rejected {
      ImageManifest m = manifest(artifact);
      Descriptor layer = m.layers().get(0);
      byte[] bytes = content(layer, "statement");
      statementBytes = bytes;
      UnverifiedScittStatement s;
      String signedType;
      try {
        s = UnverifiedScittStatement.parse(bytes);
        CwtClaims claims = s.claims();
        iss = Optional.of(claims.issuer());
        iat = claims.issuedAt();
        signedType =
            s.contentType()
                .orElseThrow(() -> new Rejected("the statement has no text content type"));
      } catch (CoseException e) {
        throw new Rejected("not a SCITT signed statement: " + e.getMessage());
      }
      String artifactType = m.artifactType().orElseThrow();
      if (!signedType.equals(artifactType)) {
        throw new Rejected(
            "its signed content type "
                + signedType
                + " disagrees with its artifactType "
                + artifactType);
      }
      contentType = Optional.of(signedType);
      CwtClaims claims = s.claims();
      checkAnnotations(m, claims);
      Optional<String> about = ScittSubjects.ociDigest(claims.subject());
      if (about.isEmpty()) {
        throw new Rejected("its sub \"" + claims.subject() + "\" is not a pkg:oci package URL");
      }
      if (!about.get().equals(artifact.digest().toString())) {
        throw new Rejected(
            "it is about "
                + about.get()
                + " (sub "
                + claims.subject()
                + "), not "
                + artifact.digest());
      }
      Instant issued = iat.orElseThrow(() -> new Rejected("the statement has no iat"));
      if (issued.isAfter(now.plus(skew))) {
        throw new Rejected(
            "it is issued in the future (iat "
                + issued
                + ", now "
                + now
                + ", clock skew "
                + skew
                + ")");
      }
      Digest statementDigest = layer.digest();
      if (statement == null) {
        verifyIntegrity(s);
        return verified(statementDigest, signedType, claims, issued, null, Optional.empty(), s);
      }
      TrustedIssuer issuer =
          statement
              .issuerOf(claims.issuer())
              .orElseThrow(
                  () ->
                      new Rejected(
                          "its issuer \""
                              + claims.issuer()
                              + "\" is not trusted by claim policy statement \""
                              + statement.name()
                              + "\""));
      IssuerAnchors a = anchors.get(issuer.name());
      if (a == null) {
        throw new IllegalStateException("no anchors were loaded for issuer " + issuer.name());
      }
      if (a.failure().isPresent()) {
        throw new Rejected(a.failure().get());
      }
      Optional<Instant> stamped = timestamp(s, issuer, a, issued);
      Instant validAt = stamped.orElse(now);
      chainValidAt(s, issued, "its iat");
      VerifiedScittStatement v;
      try {
        v =
            s.verifyWithCertificateChain(
                a.signingCertificates(), validAt, Sign1VerifyOptions.defaults());
      } catch (CertificateChainException e) {
        throw new Rejected(
            "its certificate chain is not trusted by issuer \""
                + issuer.name()
                + "\""
                + (stamped.isPresent() ? " at its time stamp " + validAt : " now")
                + ": "
                + e.getMessage()
                + (stamped.isEmpty() && hasToken(s)
                    ? " (its time stamp was not checked: issuer \""
                        + issuer.name()
                        + "\" has no tsa trust store)"
                    : ""));
      } catch (CoseSignatureException e) {
        throw new Rejected("its signature does not verify: " + e.getMessage());
      } catch (CoseException e) {
        throw new Rejected("it cannot be verified: " + e.getMessage());
      }
      X509Certificate leaf = v.certificateChain().get(0);
      try {
        issuer.trustedIdentities().verify(leaf);
      } catch (UntrustedIdentityException e) {
        throw new Rejected(
            "its signer is not a trusted identity of issuer \""
                + issuer.name()
                + "\": "
                + e.getMessage());
      }
      return verified(statementDigest, signedType, claims, issued, issuer, stamped, s);
    }

    private ImageManifest manifest(Descriptor artifact) throws IOException, Rejected {
      Manifest fetched;
      try {
        fetched = target.fetchManifest(listed);
      } catch (NotFoundException e) {
        throw new Rejected("its manifest is listed but missing: " + e.getMessage());
      } catch (ContentVerificationException | InvalidManifestException e) {
        throw new Rejected("its manifest is invalid: " + e.getMessage());
      }
      if (!(fetched instanceof ImageManifest m)) {
        throw new Rejected("it is not an image manifest");
      }
      if (!m.subject().map(sub -> sub.digest().equals(artifact.digest())).orElse(false)) {
        throw new Rejected("its manifest's subject is not " + artifact.digest());
      }
      if (m.artifactType().isEmpty()) {
        throw new Rejected("its manifest has no artifactType");
      }
      contentType = m.artifactType();
      if (m.layers().size() != 1) {
        throw new Rejected(
            "its manifest has "
                + m.layers().size()
                + " layers; a claim has exactly one, the"
                + " statement");
      }
      Descriptor layer = m.layers().get(0);
      if (!layer.mediaType().equals(ClaimTypes.STATEMENT)) {
        throw new Rejected("its layer is " + layer.mediaType() + ", not a " + ClaimTypes.STATEMENT);
      }
      holdsStatement = true;
      if (layer.size() > limits.maxStatementBytes()) {
        throw new Rejected(
            "its statement is "
                + layer.size()
                + " bytes, more than the limit of "
                + limits.maxStatementBytes());
      }
      return m;
    }

    private byte[] content(Descriptor layer, String what) throws IOException, Rejected {
      try {
        return target.fetchBytes(layer, limits.maxStatementBytes());
      } catch (NotFoundException e) {
        throw new Rejected("its " + what + " blob is missing: " + e.getMessage());
      } catch (ContentVerificationException e) {
        throw new Rejected("its " + what + " blob is corrupt: " + e.getMessage());
      }
    }

    private void checkAnnotations(ImageManifest m, CwtClaims claims) throws Rejected {
      Map<String, String> a = m.annotations();
      agree(a, ClaimTypes.ISSUER_ANNOTATION, claims.issuer());
      agree(a, ClaimTypes.SUBJECT_ANNOTATION, claims.subject());
      if (a.containsKey(ClaimTypes.CREATED_ANNOTATION)) {
        String created = a.get(ClaimTypes.CREATED_ANNOTATION);
        Optional<Instant> signed = claims.issuedAt();
        Optional<Instant> annotated = parseInstant(created);
        if (signed.isEmpty() || annotated.isEmpty() || !annotated.get().equals(signed.get())) {
          throw new Rejected(
              "its annotation "
                  + ClaimTypes.CREATED_ANNOTATION
                  + " says "
                  + created
                  + " but the statement signs iat "
                  + signed.map(DateTimeFormatter.ISO_INSTANT::format).orElse("(none)"));
        }
      }
    }

    private void agree(Map<String, String> a, String key, String signed) throws Rejected {
      String annotated = a.get(key);
      if (annotated != null && !annotated.equals(signed)) {
        throw new Rejected(
            "its annotation "
                + key
                + " says \""
                + annotated
                + "\" but the statement signs \""
                + signed
                + "\"");
      }
    }

    private Optional<Instant> timestamp(
        UnverifiedScittStatement s, TrustedIssuer issuer, IssuerAnchors a, Instant issued)
        throws Rejected {
      Optional<byte[]> token;
      try {
        token = s.timestampToken();
      } catch (CoseException e) {
        throw new Rejected("its time stamp header is malformed: " + e.getMessage());
      }
      if (token.isEmpty() || a.timestamps().isEmpty()) {
        return Optional.empty();
      }
      VerifiedTimestamp ts;
      try {
        ts = s.verifyTimestamp(a.timestamps().get());
      } catch (TimestampException e) {
        throw new Rejected(
            "its time stamp is not trusted by issuer \"" + issuer.name() + "\": " + e.getMessage());
      } catch (CoseException e) {
        throw new Rejected("its time stamp cannot be verified: " + e.getMessage());
      }
      Instant latest = ts.genTime().plus(ts.accuracy()).plus(skew);
      if (issued.isAfter(latest)) {
        throw new Rejected("its iat " + issued + " is later than its time stamp " + ts.genTime());
      }
      return Optional.of(ts.genTime());
    }

    private void chainValidAt(UnverifiedScittStatement s, Instant t, String what) throws Rejected {
      try {
        for (X509Certificate c : s.certificateChain()) {
          if (t.isBefore(c.getNotBefore().toInstant()) || t.isAfter(c.getNotAfter().toInstant())) {
            throw new Rejected(
                "certificate \""
                    + c.getSubjectX500Principal().getName()
                    + "\" was not valid at "
                    + what
                    + " "
                    + t);
          }
        }
      } catch (CoseException e) {
        throw new Rejected("its x5chain cannot be read: " + e.getMessage());
      }
    }

    private void verifyIntegrity(UnverifiedScittStatement s) throws Rejected {
      try {
        List<X509Certificate> chain = s.certificateChain();
        if (chain.isEmpty()) {
          throw new Rejected("it names its key by kid; only x5chain statements can be checked");
        }
        s.verify(chain.get(0).getPublicKey(), Sign1VerifyOptions.defaults());
      } catch (CoseSignatureException e) {
        throw new Rejected("its signature does not verify: " + e.getMessage());
      } catch (CoseException e) {
        throw new Rejected("it cannot be verified: " + e.getMessage());
      }
    }

    private FoundClaim.Verified verified(
        Digest statementDigest,
        String type,
        CwtClaims claims,
        Instant issued,
        @Nullable TrustedIssuer issuer,
        Optional<Instant> stamped,
        UnverifiedScittStatement s)
        throws Rejected, IOException {
      byte[] payload = s.message().payload().orElse(new byte[0]);
      Optional<Approval> approval = Optional.empty();
      Optional<Lifecycle> lifecycle = Optional.empty();
      Optional<Deployment> deployment = Optional.empty();
      try {
        if (type.equals(ClaimTypes.APPROVAL)) {
          approval = Optional.of(Approval.parse(payload));
        } else if (type.equals(ClaimTypes.LIFECYCLE)) {
          lifecycle = Optional.of(Lifecycle.parse(payload));
        } else if (type.equals(ClaimTypes.DEPLOYMENT)) {
          deployment = Optional.of(Deployment.parse(payload));
        }
      } catch (InvalidClaimException e) {
        throw new Rejected("its payload is malformed: " + e.getMessage());
      }
      List<dev.ocitrust.claims.TrustedService> services =
          statement == null ? List.of() : statement.services();
      List<dev.ocitrust.claims.ReceiptCheck> receipts =
          ReceiptChecks.of(
              target,
              listed,
              statementBytes,
              services,
              statement == null || !services.isEmpty(),
              limits.maxStatementBytes());
      return new FoundClaim.Verified(
          listed,
          statementDigest,
          type,
          claims.issuer(),
          claims.subject(),
          issued,
          issuer,
          approval,
          lifecycle,
          deployment,
          stamped,
          payload,
          receipts);
    }
  }

  private static boolean hasToken(UnverifiedScittStatement s) {
    try {
      return s.timestampToken().isPresent();
    } catch (CoseException e) {
      return false;
    }
  }

  private static Optional<Instant> parseInstant(String s) {
    try {
      return Optional.of(java.time.OffsetDateTime.parse(s).toInstant());
    } catch (java.time.format.DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
