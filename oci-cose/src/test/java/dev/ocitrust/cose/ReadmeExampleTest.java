package dev.ocitrust.cose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ocitrust.testkit.TestCertificate;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** README's COSE example, as written there: a Notary Project envelope signed and verified. */
class ReadmeExampleTest {
  @Test
  void signsAndVerifiesANotaryEnvelope() throws Exception {
    TestCertificate leaf =
        TestCertificate.leafUnderIntermediate(TestCertificate.ecKeyPair("secp256r1"));
    PrivateKey privateKey = leaf.privateKey();
    List<X509Certificate> chain = leaf.chain();
    String mediaType = "application/vnd.oci.image.manifest.v1+json";
    String digest = "sha256:" + "ab".repeat(32);
    long size = 1234;

    // README: notary-envelope
    NotaryEnvelopeSigner signer =
        NotaryEnvelopeSigner.builder(privateKey, chain).expiry(Duration.ofDays(365)).build();
    byte[] envelope = signer.sign(TargetArtifact.of(mediaType, digest, size));
    VerifiedNotaryEnvelope verified = NotaryEnvelopeVerifier.builder().build().verify(envelope);
    // END README

    assertThat(verified.targetArtifact()).isEqualTo(TargetArtifact.of(mediaType, digest, size));
  }
}
