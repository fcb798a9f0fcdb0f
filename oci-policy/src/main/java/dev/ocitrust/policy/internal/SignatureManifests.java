package dev.ocitrust.policy.internal;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.ImageManifest;
import dev.ocitrust.cose.NotaryHeaders;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The OCI manifest that stores a Notary Project signature, as notation writes it: the empty config,
 * exactly one {@code application/cose} layer holding the envelope, the signed artifact as {@code
 * subject}, and the annotations {@code io.cncf.notary.x509chain.thumbprint#S256} (a JSON array of
 * the lower-case hex SHA-256 of each x5chain certificate, leaf first) and {@code
 * org.opencontainers.image.created} (the signing time in whole seconds, RFC 3339).
 *
 * <p>Two forms: OCI 1.1 ({@code artifactType application/vnd.cncf.notary.signature} over the empty
 * descriptor) and OCI 1.0, "legacy" (no {@code artifactType}; config media type {@code
 * application/vnd.cncf.notary.signature} over the {@code {}} blob), the only form notation 1.3
 * finds in OCI image layouts.
 *
 * <p>Thread-safe: stateless.
 */
public final class SignatureManifests {
  /** The artifact type (or, in the OCI 1.0 form, config media type) of Notary signatures. */
  public static final String ARTIFACT_TYPE = "application/vnd.cncf.notary.signature";

  /** The annotation listing the x5chain thumbprints. */
  public static final String THUMBPRINT_ANNOTATION = "io.cncf.notary.x509chain.thumbprint#S256";

  /** The annotation holding the signing time. */
  public static final String CREATED_ANNOTATION = "org.opencontainers.image.created";

  private SignatureManifests() {}

  /**
   * The signature manifest for {@code envelope} signed by {@code chain} (leaf first) at {@code
   * signingTime}, about {@code subject}.
   */
  public static ImageManifest build(
      byte[] envelope,
      List<X509Certificate> chain,
      Instant signingTime,
      Descriptor subject,
      boolean legacy) {
    return build(envelope, chain, signingTime, subject, legacy, Map.of());
  }

  /**
   * As {@link #build(byte[], List, Instant, Descriptor, boolean)}, with {@code extra} annotations
   * (a plugin's) besides the two Notary ones, which they may not replace.
   *
   * @throws IllegalArgumentException if {@code extra} names one of the two Notary annotations
   */
  public static ImageManifest build(
      byte[] envelope,
      List<X509Certificate> chain,
      Instant signingTime,
      Descriptor subject,
      boolean legacy,
      Map<String, String> extra) {
    if (extra.containsKey(THUMBPRINT_ANNOTATION) || extra.containsKey(CREATED_ANNOTATION)) {
      throw new IllegalArgumentException(
          "annotations "
              + extra.keySet()
              + " may not replace "
              + THUMBPRINT_ANNOTATION
              + " or "
              + CREATED_ANNOTATION);
    }
    Descriptor config =
        legacy
            ? Descriptor.of(
                ARTIFACT_TYPE,
                Descriptor.EMPTY_JSON_DESCRIPTOR.digest(),
                Descriptor.EMPTY_JSON_DESCRIPTOR.size())
            : Descriptor.EMPTY_JSON_DESCRIPTOR;
    return ImageManifest.builder(config)
        .artifactType(legacy ? null : ARTIFACT_TYPE)
        .layer(Descriptor.of(NotaryHeaders.ENVELOPE_MEDIA_TYPE, envelope))
        .subject(Descriptor.of(subject.mediaType(), subject.digest(), subject.size()))
        .annotations(extra)
        .annotations(
            Map.of(
                THUMBPRINT_ANNOTATION,
                thumbprints(chain),
                CREATED_ANNOTATION,
                DateTimeFormatter.ISO_INSTANT.format(signingTime.truncatedTo(ChronoUnit.SECONDS))))
        .build();
  }

  private static String thumbprints(List<X509Certificate> chain) {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
    StringBuilder json = new StringBuilder("[");
    for (X509Certificate c : chain) {
      if (json.length() > 1) {
        json.append(',');
      }
      try {
        json.append('"')
            .append(HexFormat.of().formatHex(sha256.digest(c.getEncoded())))
            .append('"');
      } catch (CertificateEncodingException e) {
        throw new IllegalArgumentException(
            "cannot encode the certificate " + c.getSubjectX500Principal(), e);
      }
    }
    return json.append(']').toString();
  }
}
