package dev.ocitrust.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.Digest;
import dev.ocitrust.client.ImageManifest;
import dev.ocitrust.client.MediaTypes;
import dev.ocitrust.cose.NotaryEnvelopeFormat;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The signature manifests are byte for byte those ocitrust wrote before they were built with
 * oci-client's manifest builder: the expected files were written by the former hand-written writer
 * of oci-cose for the same envelope bytes, chain, signing time and subject, so layouts and
 * registries signed before and after hold the same manifests.
 */
class SignatureManifestsTest {
  private static final byte[] ENVELOPE =
      "not a real envelope: the manifest only digests these bytes".getBytes(StandardCharsets.UTF_8);
  private static final Descriptor SUBJECT =
      Descriptor.of(
          MediaTypes.OCI_MANIFEST, Digest.parse("sha256:" + "0123456789abcdef".repeat(4)), 1234);
  private static final Instant SIGNED = Instant.parse("2026-12-02T06:07:08.999Z");

  @Test
  void theOci11FormIsTheBytesWrittenBefore() throws Exception {
    ImageManifest m =
        SignatureManifests.build(
            NotaryEnvelopeFormat.COSE, ENVELOPE, chain(), SIGNED, SUBJECT, false);
    assertThat(new String(m.bytes(), StandardCharsets.UTF_8)).isEqualTo(resource("oci-1.1.json"));
  }

  @Test
  void theOci10FormIsTheBytesWrittenBefore() throws Exception {
    ImageManifest m =
        SignatureManifests.build(
            NotaryEnvelopeFormat.COSE, ENVELOPE, chain(), SIGNED, SUBJECT, true);
    assertThat(new String(m.bytes(), StandardCharsets.UTF_8)).isEqualTo(resource("oci-1.0.json"));
  }

  @Test
  void theSubjectIsReducedToItsMediaTypeDigestAndSize() throws Exception {
    Descriptor annotated =
        SUBJECT.withArtifactType("application/x.other").withAnnotations(java.util.Map.of("a", "b"));
    assertThat(
            SignatureManifests.build(
                    NotaryEnvelopeFormat.COSE, ENVELOPE, chain(), SIGNED, annotated, false)
                .bytes())
        .isEqualTo(
            SignatureManifests.build(
                    NotaryEnvelopeFormat.COSE, ENVELOPE, chain(), SIGNED, SUBJECT, false)
                .bytes());
  }

  private static List<X509Certificate> chain() throws Exception {
    try (InputStream in = open("signer.pem")) {
      X509Certificate c =
          (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      return List.of(c, c);
    }
  }

  private static String resource(String name) throws Exception {
    try (InputStream in = open(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static InputStream open(String name) {
    InputStream in =
        SignatureManifestsTest.class.getResourceAsStream("/signature-manifests/" + name);
    if (in == null) {
      throw new AssertionError("test resource signature-manifests/" + name + " is missing");
    }
    return in;
  }
}
