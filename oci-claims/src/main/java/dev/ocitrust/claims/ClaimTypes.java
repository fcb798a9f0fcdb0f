package dev.ocitrust.claims;

import dev.ocitrust.cose.ScittStatementSigner;

/**
 * The media types and annotation keys of claims as this SDK stores them.
 *
 * <p>A claim is a referrer manifest of the artifact it is about: {@code artifactType} is the
 * claim's content type (the signed content type of its statement), its one layer is the SCITT
 * signed statement ({@link #STATEMENT}), and the annotations {@link #ISSUER_ANNOTATION}, {@link
 * #SUBJECT_ANNOTATION} and {@link #CREATED_ANNOTATION} repeat the signed {@code iss}, {@code sub}
 * and {@code iat} so that a listing can be read without downloading. Annotations are hints: a claim
 * whose annotations disagree with its signed values is ignored.
 *
 * <pre>{@code
 * List<Descriptor> approvals = target.referrers(image, ClaimTypes.APPROVAL);
 * }</pre>
 */
public final class ClaimTypes {
  /** The layer media type of a SCITT signed statement. */
  public static final String STATEMENT = ScittStatementSigner.MEDIA_TYPE;

  /**
   * A COSE Receipt (RFC 9942) attached to a claim as a referrer of the claim manifest (artifact
   * type and layer media type); receipts are also embedded in the statement (label 394).
   */
  public static final String RECEIPT = dev.ocitrust.cose.UnverifiedReceipt.MEDIA_TYPE;

  /** An approval (or rejection) of an artifact for environments: {@link Approval}. */
  public static final String APPROVAL = "application/vnd.ocitrust.approval.v1+json";

  /**
   * A lifecycle notice: active, deprecated, end of life or revoked, with an optional successor (the
   * redirect): {@link Lifecycle}.
   */
  public static final String LIFECYCLE = "application/vnd.ocitrust.lifecycle.v1+json";

  /**
   * A deployment record: the artifact ran in an environment from a time, until a time (open while
   * deployed): {@link Deployment}.
   */
  public static final String DEPLOYMENT = "application/vnd.ocitrust.deployment.v1+json";

  /**
   * The unsigned end-of-life marker some registries attach (a referrer whose annotation {@link
   * #UNSIGNED_END_OF_LIFE_ANNOTATION} holds the date): read as a hint only.
   */
  public static final String UNSIGNED_LIFECYCLE = "application/vnd.microsoft.artifact.lifecycle";

  /** The annotation of {@link #UNSIGNED_LIFECYCLE} markers holding the end-of-life date. */
  public static final String UNSIGNED_END_OF_LIFE_ANNOTATION =
      "vnd.microsoft.artifact.lifecycle.end-of-life.date";

  /** The annotation repeating the statement's {@code iss}. */
  public static final String ISSUER_ANNOTATION = "dev.ocitrust.claim.iss";

  /** The annotation repeating the statement's {@code sub}. */
  public static final String SUBJECT_ANNOTATION = "dev.ocitrust.claim.sub";

  /** The annotation repeating the statement's {@code iat} (RFC 3339, seconds). */
  public static final String CREATED_ANNOTATION = "org.opencontainers.image.created";

  private ClaimTypes() {}
}
