package dev.ocitrust.cose;

import dev.ocitrust.cose.internal.GoJson;
import dev.ocitrust.cose.internal.Hex;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The OCI artifact notation stores a COSE signature as, in plain data: an image manifest with
 * {@code artifactType application/vnd.cncf.notary.signature}, the empty config, exactly one {@code
 * application/cose} layer holding the envelope, the signed artifact as {@code subject}, and the
 * annotations {@code io.cncf.notary.x509chain.thumbprint#S256} (JSON array of lower-case hex
 * SHA-256 of each x5chain certificate, leaf first) and {@code org.opencontainers.image.created}
 * (the signing time, RFC 3339). Pushing it (envelope blob, empty config blob, manifest) is the
 * registry side's job.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * NotarySignatureManifest m = NotarySignatureManifest.of(verified, subject);
 * store.push(m.envelope()); store.push(NotarySignatureManifest.emptyConfig());
 * store.pushManifest(m.manifestJson());
 * }</pre>
 */
public final class NotarySignatureManifest {
  /** The artifact type of Notary signatures. */
  public static final String ARTIFACT_TYPE = "application/vnd.cncf.notary.signature";

  /** The OCI image manifest media type. */
  public static final String MANIFEST_MEDIA_TYPE = "application/vnd.oci.image.manifest.v1+json";

  /** The empty config media type. */
  public static final String EMPTY_MEDIA_TYPE = "application/vnd.oci.empty.v1+json";

  /** The digest of the empty config {@code {}}. */
  public static final String EMPTY_DIGEST =
      "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";

  /** The thumbprint annotation key. */
  public static final String THUMBPRINT_ANNOTATION = "io.cncf.notary.x509chain.thumbprint#S256";

  /** The creation-time annotation key. */
  public static final String CREATED_ANNOTATION = "org.opencontainers.image.created";

  private final byte[] envelope;
  private final TargetArtifact subject;
  private final List<String> thumbprints;
  private final Instant created;

  private NotarySignatureManifest(
      byte[] envelope, TargetArtifact subject, List<String> thumbprints, Instant created) {
    this.envelope = envelope.clone();
    this.subject = subject;
    this.thumbprints = List.copyOf(thumbprints);
    this.created = created;
  }

  /** The empty config blob, {@code {}}. */
  public static byte[] emptyConfig() {
    return "{}".getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The manifest for a verified envelope, using its chain and signing time.
   *
   * @param subject the descriptor of the signed manifest (normally the envelope's target)
   */
  public static NotarySignatureManifest of(VerifiedNotaryEnvelope envelope, TargetArtifact subject)
      throws CertificateChainException {
    return of(envelope.envelope(), envelope.certificateChain(), envelope.signingTime(), subject);
  }

  /** The manifest for envelope bytes with its chain (leaf first) and creation time. */
  public static NotarySignatureManifest of(
      byte[] envelope, List<X509Certificate> chain, Instant created, TargetArtifact subject)
      throws CertificateChainException {
    List<String> prints = new ArrayList<>();
    for (X509Certificate c : chain) {
      try {
        prints.add(Hex.encode(OciManifestJson.sha256(c.getEncoded())));
      } catch (CertificateEncodingException e) {
        throw new CertificateChainException("cannot encode " + c.getSubjectX500Principal(), e);
      }
    }
    return new NotarySignatureManifest(
        envelope, subject, prints, Instant.ofEpochSecond(created.getEpochSecond()));
  }

  /** The envelope blob (a copy). */
  public byte[] envelope() {
    return envelope.clone();
  }

  /** {@code sha256:<hex>} of the envelope blob. */
  public String envelopeDigest() {
    return OciManifestJson.sha256Digest(envelope);
  }

  /** The signed artifact. */
  public TargetArtifact subject() {
    return subject;
  }

  /** Lower-case hex SHA-256 of each chain certificate, leaf first. */
  public List<String> thumbprints() {
    return thumbprints;
  }

  /** The annotations of the manifest. */
  public Map<String, String> annotations() {
    StringBuilder prints = new StringBuilder("[");
    for (int i = 0; i < thumbprints.size(); i++) {
      if (i > 0) {
        prints.append(',');
      }
      GoJson.string(prints, thumbprints.get(i));
    }
    prints.append(']');
    Map<String, String> a = new TreeMap<>();
    a.put(THUMBPRINT_ANNOTATION, prints.toString());
    a.put(CREATED_ANNOTATION, DateTimeFormatter.ISO_INSTANT.format(created));
    return a;
  }

  /**
   * The OCI 1.1 manifest JSON ({@code artifactType} set, empty config), compact, field order as
   * oras-go writes it. Use it for registries with the referrers API.
   */
  public byte[] manifestJson() {
    return json(false);
  }

  /**
   * The OCI 1.0 ("legacy") form: no {@code artifactType}, config media type {@code
   * application/vnd.cncf.notary.signature} over the {@code {}} blob. notation 1.3 writes and, on
   * OCI image layouts, only finds this form; verifiers must accept both.
   */
  public byte[] legacyManifestJson() {
    return json(true);
  }

  private byte[] json(boolean legacy) {
    return OciManifestJson.write(
        legacy ? null : ARTIFACT_TYPE,
        legacy ? ARTIFACT_TYPE : EMPTY_MEDIA_TYPE,
        NotaryHeaders.ENVELOPE_MEDIA_TYPE,
        envelope,
        subject,
        annotations());
  }
}
