package dev.ocitrust.claims;

import dev.ocitrust.claims.internal.ClaimManifests;
import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.ImageManifest;
import dev.ocitrust.client.MediaTypes;
import dev.ocitrust.client.Target;
import dev.ocitrust.cose.CoseException;
import dev.ocitrust.cose.ScittStatementSigner;
import dev.ocitrust.cose.ScittSubjects;
import dev.ocitrust.cose.Sign1VerifyOptions;
import dev.ocitrust.cose.TimestampAuthority;
import dev.ocitrust.cose.TimestampVerifier;
import dev.ocitrust.cose.UnverifiedScittStatement;
import dev.ocitrust.policy.internal.OneLayerReferrer;
import java.io.IOException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Issues claims: signs a SCITT signed statement (RFC 9943) about an artifact with a key and its
 * X.509 chain, and attaches it to the artifact in any {@link Target} (a registry repository, an OCI
 * image layout) as a referrer manifest: {@code artifactType} = the content type, one {@link
 * ClaimTypes#STATEMENT} layer, and the annotations repeating {@code iss}, {@code sub} and {@code
 * iat}.
 *
 * <p>The statement's protected header carries {@code alg}, the content type (3), {@code x5chain}
 * (33) and the CWT claims (15) {@code iss} (this issuer), {@code sub} ({@code
 * pkg:oci/<name>@<digest>}, naming the artifact wherever it is stored) and {@code iat} (the clock's
 * second). With a time stamping authority it also carries an RFC 3161 token over its signature, so
 * that it can be trusted after the signing certificate expires.
 *
 * <p>Immutable and thread-safe if the clock and time stamping authority are.
 *
 * <p>Security guarantees: what is pushed verifies with the chain's leaf and parses back to the
 * values signed; an approval that would not parse is refused before signing.
 *
 * <pre>{@code
 * ClaimIssuer acme = ClaimIssuer.builder(key, chain, "https://acme-rockets.example").build();
 * Descriptor approval = acme.approve(layout, "v1", Approval.approved("prod"));
 * Descriptor scan = acme.issue(layout, "v1", "application/sarif+json", sarif);
 * }</pre>
 */
public final class ClaimIssuer {
  /** The largest payload a claim may carry, 4 MiB (the statement cap of {@link ClaimVerifier}). */
  public static final int MAX_PAYLOAD_BYTES = 4 * 1024 * 1024 - 64 * 1024;

  private final PrivateKey key;
  private final List<X509Certificate> chain;
  private final String issuer;
  private final Clock clock;
  private final @Nullable TimestampAuthority tsa;
  private final @Nullable TimestampVerifier tsaVerifier;
  private final @Nullable TransparencyClient transparency;

  private ClaimIssuer(Builder b) {
    this.key = b.key;
    this.chain = b.chain;
    this.issuer = b.issuer;
    this.clock = b.clock;
    this.tsa = b.tsa;
    this.tsaVerifier = b.tsaVerifier;
    this.transparency = b.transparency;
  }

  /**
   * A builder for claims signed with {@code key}, whose certificate chain (leaf first) is {@code
   * chain}, issued as {@code iss} (a URI, e.g. {@code https://acme-rockets.example}).
   */
  public static Builder builder(PrivateKey key, List<X509Certificate> chain, String iss) {
    return new Builder(key, chain, iss);
  }

  /** The {@code iss} of the claims this issuer signs. */
  public String issuer() {
    return issuer;
  }

  /**
   * Signs {@code payload} as a claim of {@code contentType} about the artifact {@code reference} (a
   * tag or digest) of {@code target}, and attaches it; returns the claim manifest's descriptor.
   *
   * @throws IllegalArgumentException if {@code contentType} is not a media type, is the statement
   *     type itself, or the payload is larger than {@link #MAX_PAYLOAD_BYTES}
   * @throws InvalidClaimException if the content type is one this SDK defines and the payload does
   *     not follow its schema
   * @throws CoseException if signing or time stamping fails
   * @throws TransparencyServiceException if registering with the transparency service fails
   * @throws IOException if the store fails, or the reference is not a manifest
   */
  public Descriptor issue(Target target, String reference, String contentType, byte[] payload)
      throws IOException, CoseException, InvalidClaimException {
    Objects.requireNonNull(target, "target");
    if (!MediaTypes.isValid(contentType) || contentType.equals(ClaimTypes.STATEMENT)) {
      throw new IllegalArgumentException(
          "claim content type \""
              + contentType
              + "\" is not a media type such as"
              + " application/sarif+json");
    }
    if (payload.length > MAX_PAYLOAD_BYTES) {
      throw new IllegalArgumentException(
          "a claim payload is at most "
              + MAX_PAYLOAD_BYTES
              + " bytes, this one is "
              + payload.length);
    }
    if (contentType.equals(ClaimTypes.APPROVAL)) {
      Approval.parse(payload);
    } else if (contentType.equals(ClaimTypes.LIFECYCLE)) {
      Lifecycle.parse(payload);
    } else if (contentType.equals(ClaimTypes.DEPLOYMENT)) {
      Deployment.parse(payload);
    }
    Descriptor artifact = target.resolve(reference).basic();
    if (!MediaTypes.isManifest(artifact.mediaType())) {
      throw new IllegalArgumentException(reference + " is not a manifest: " + artifact);
    }
    String sub =
        ScittSubjects.ociPackageUrl(
            ClaimManifests.subjectName(target), artifact.digest().toString());
    ScittStatementSigner.Builder signer =
        ScittStatementSigner.builder(key)
            .certificateChain(chain)
            .issuer(issuer)
            .subject(sub)
            .contentType(contentType)
            .clock(clock);
    if (tsa != null && tsaVerifier != null) {
      signer.timestampAuthority(tsa, tsaVerifier);
    }
    byte[] statement = signer.build().sign(payload);
    if (transparency != null) {
      // registered, then carried with its receipt (394): the entry and signature stay the same
      statement = transparency.registerAndEmbed(statement);
    }
    UnverifiedScittStatement parsed = UnverifiedScittStatement.parse(statement);
    parsed.verify(chain.get(0).getPublicKey(), Sign1VerifyOptions.defaults());
    ImageManifest manifest =
        ClaimManifests.build(statement, contentType, parsed.claims(), artifact);
    OneLayerReferrer.push(target, artifact, statement, manifest);
    return manifest.descriptor();
  }

  /**
   * Signs and attaches an approval (or rejection) claim about {@code reference}.
   *
   * @see #issue
   */
  public Descriptor approve(Target target, String reference, Approval approval)
      throws IOException, CoseException, InvalidClaimException {
    return issue(target, reference, ClaimTypes.APPROVAL, approval.toJson());
  }

  /**
   * Signs and attaches a lifecycle claim (active, deprecated, end of life, revoked; successor)
   * about {@code reference}.
   *
   * @see #issue
   */
  public Descriptor lifecycle(Target target, String reference, Lifecycle lifecycle)
      throws IOException, CoseException, InvalidClaimException {
    return issue(target, reference, ClaimTypes.LIFECYCLE, lifecycle.toJson());
  }

  /**
   * Signs and attaches a deployment record (environment, from, and to once it ended) about {@code
   * reference}.
   *
   * @see #issue
   */
  public Descriptor deployed(Target target, String reference, Deployment deployment)
      throws IOException, CoseException, InvalidClaimException {
    return issue(target, reference, ClaimTypes.DEPLOYMENT, deployment.toJson());
  }

  @Override
  public String toString() {
    return "ClaimIssuer{" + issuer + ", " + chain.get(0).getSubjectX500Principal().getName() + "}";
  }

  /** Builds a {@link ClaimIssuer}. Not thread-safe. */
  public static final class Builder {
    private final PrivateKey key;
    private final List<X509Certificate> chain;
    private final String issuer;
    private Clock clock = Clock.systemUTC();
    private @Nullable TimestampAuthority tsa;
    private @Nullable TimestampVerifier tsaVerifier;
    private @Nullable TransparencyClient transparency;

    private Builder(PrivateKey key, List<X509Certificate> chain, String issuer) {
      this.key = Objects.requireNonNull(key, "key");
      this.chain = List.copyOf(chain);
      this.issuer = Objects.requireNonNull(issuer, "iss");
    }

    /** The clock that gives {@code iat} (default: the UTC system clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Time-stamps every statement with {@code tsa} (RFC 3161 over the signature), checking each
     * token with {@code verifier} before it is attached.
     */
    public Builder timestampAuthority(TimestampAuthority tsa, TimestampVerifier verifier) {
      this.tsa = Objects.requireNonNull(tsa, "tsa");
      this.tsaVerifier = Objects.requireNonNull(verifier, "verifier");
      return this;
    }

    /**
     * Registers every statement with the transparency service of {@code client} before attaching
     * it, and attaches it with the service's receipt embedded (a transparent statement, label 394);
     * an issue fails with {@link TransparencyServiceException} when the service refuses or no
     * receipt comes before the client's deadline, and nothing is attached then.
     */
    public Builder register(TransparencyClient client) {
      this.transparency = Objects.requireNonNull(client, "client");
      return this;
    }

    /**
     * The issuer.
     *
     * @throws IllegalArgumentException if the chain is empty or {@code iss} is not a URI
     */
    public ClaimIssuer build() {
      if (chain.isEmpty()) {
        throw new IllegalArgumentException("a claim issuer needs its certificate chain");
      }
      // the statement signer checks iss, key and chain; fail here rather than at the first claim
      ScittStatementSigner.builder(key)
          .certificateChain(chain)
          .issuer(issuer)
          .subject("pkg:oci/check@sha256:" + "0".repeat(64))
          .contentType(ClaimTypes.APPROVAL)
          .build();
      return new ClaimIssuer(this);
    }
  }
}
