package dev.ocitrust.cose;

import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.TreeMap;

/**
 * How ocitrust stores a claim (a SCITT signed statement) in a registry, as plain data: an OCI image
 * manifest whose {@code artifactType} is the claim content's type, with the empty config, exactly
 * one layer {@code application/scitt-statement+cose} holding the statement, the artifact as {@code
 * subject}, and annotations repeating {@code iss}, {@code sub} and the issue time so that discovery
 * can filter referrers without downloading them. The annotation keys {@link #ISSUER_ANNOTATION} and
 * {@link #SUBJECT_ANNOTATION} are this SDK's convention (no standard defines them yet). Built only
 * from a verified statement, so the annotations repeat signed values.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * VerifiedScittStatement v = ScittStatement.parse(statement).verifyWithCertificateChain(opts);
 * ScittClaimManifest m = ScittClaimManifest.of(v, subjectDescriptor);
 * byte[] manifest = m.manifestJson();
 * }</pre>
 */
public final class ScittClaimManifest {
  /** Layer media type of a signed statement. */
  public static final String LAYER_MEDIA_TYPE = ScittStatementSigner.MEDIA_TYPE;

  /** Annotation repeating the statement's {@code iss}. */
  public static final String ISSUER_ANNOTATION = "dev.ocitrust.claim.iss";

  /** Annotation repeating the statement's {@code sub}. */
  public static final String SUBJECT_ANNOTATION = "dev.ocitrust.claim.sub";

  private final byte[] statement;
  private final String artifactType;
  private final CwtClaims claims;
  private final TargetArtifact subject;

  private ScittClaimManifest(
      byte[] statement, String artifactType, CwtClaims claims, TargetArtifact subject) {
    this.statement = statement.clone();
    this.artifactType = artifactType;
    this.claims = claims;
    this.subject = subject;
  }

  /**
   * The manifest for a verified statement.
   *
   * @param subject the descriptor of the artifact the claim is about
   * @throws CoseFormatException if the statement has no text content type
   */
  public static ScittClaimManifest of(VerifiedScittStatement verified, TargetArtifact subject)
      throws CoseFormatException {
    String type =
        verified
            .contentType()
            .orElseThrow(
                () ->
                    new CoseFormatException(
                        "a claim needs a text content type to use as its artifactType"));
    return new ScittClaimManifest(verified.statement(), type, verified.claims(), subject);
  }

  /** The statement blob (a copy). */
  public byte[] statement() {
    return statement.clone();
  }

  /** {@code sha256:<hex>} of the statement blob. */
  public String statementDigest() {
    return OciManifestJson.sha256Digest(statement);
  }

  /** The manifest's artifactType: the claim content's media type. */
  public String artifactType() {
    return artifactType;
  }

  /** The annotations: iss, sub and (when the statement has iat) the creation time. */
  public Map<String, String> annotations() {
    Map<String, String> a = new TreeMap<>();
    a.put(ISSUER_ANNOTATION, claims.issuer());
    a.put(SUBJECT_ANNOTATION, claims.subject());
    claims
        .issuedAt()
        .ifPresent(
            t ->
                a.put(
                    NotarySignatureManifest.CREATED_ANNOTATION,
                    DateTimeFormatter.ISO_INSTANT.format(t)));
    return a;
  }

  /** The OCI 1.1 image manifest JSON (compact). */
  public byte[] manifestJson() {
    return OciManifestJson.write(
        artifactType,
        NotarySignatureManifest.EMPTY_MEDIA_TYPE,
        LAYER_MEDIA_TYPE,
        statement,
        subject,
        annotations());
  }
}
