package dev.ocitrust.policy;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.ImageManifest;
import dev.ocitrust.client.MediaTypes;
import dev.ocitrust.client.Target;
import dev.ocitrust.cose.NotaryEnvelopeFormat;
import dev.ocitrust.cose.NotaryEnvelopeSigner;
import dev.ocitrust.cose.TargetArtifact;
import dev.ocitrust.policy.internal.OneLayerReferrer;
import dev.ocitrust.policy.internal.SignatureManifests;
import dev.ocitrust.testkit.TestCertificate;
import dev.ocitrust.testkit.TestTsa;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Images, signatures and policies for verifier tests. */
final class Fixture {
  static final String TRUSTED_DN = "CN=trusted signer,O=ocitrust,ST=WA,C=US";
  static final String IDENTITY = "x509.subject: C=US, ST=WA, O=ocitrust, CN=trusted signer";

  private Fixture() {}

  /** Pushes a one-layer image with {@code text} as its layer and tags it. */
  static Descriptor image(Target t, String tag, String text) throws Exception {
    byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
    byte[] layer = text.getBytes(StandardCharsets.UTF_8);
    Descriptor c = Descriptor.of(MediaTypes.OCI_CONFIG, config);
    Descriptor l = Descriptor.of(MediaTypes.OCI_LAYER_TAR, layer);
    t.push(c, config);
    t.push(l, layer);
    ImageManifest m = ImageManifest.builder(c).layer(l).build();
    Descriptor d = t.push(m);
    t.tag(d, tag);
    return d.basic();
  }

  /** A root CA of its own, named for the {@link #TRUSTED_DN} signers it issues. */
  static TestCertificate trustedRoot() {
    return TestCertificate.builder()
        .subject(
            "CN=Root for " + TRUSTED_DN.replace(',', ' ').replace('=', ' ') + ",O=ocitrust,C=US")
        .certificateAuthority(-1)
        .build();
  }

  /** A code-signing leaf for {@code dn} issued by {@code issuer}. */
  static TestCertificate leaf(String dn, TestCertificate issuer) {
    return TestCertificate.builder().subject(dn).signedBy(issuer).build();
  }

  /** A {@link #TRUSTED_DN} leaf of {@code root} that was valid from 30 days to 1 day before now. */
  static TestCertificate expiredLeaf(TestCertificate root, Instant now) {
    return TestCertificate.builder()
        .subject(TRUSTED_DN)
        .signedBy(root)
        .validity(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)))
        .build();
  }

  /** A code-signing leaf for {@link #TRUSTED_DN} under a new {@link #trustedRoot()}. */
  static TestCertificate trustedLeaf() {
    return leaf(TRUSTED_DN, trustedRoot());
  }

  /** An in-process time stamping authority with RSA keys, stamping the time of {@code clock}. */
  static TestTsa tsa(Clock clock) {
    return TestTsa.create(
        clock, TestCertificate.rsaKeyPair(2048), TestCertificate.rsaKeyPair(2048));
  }

  /** A signer with {@code leaf}'s key and chain. */
  static NotaryEnvelopeSigner.Builder signer(TestCertificate leaf) {
    return NotaryEnvelopeSigner.builder(leaf.privateKey(), leaf.chain())
        .signingAgent("ocitrust-test/0.1");
  }

  static TargetArtifact target(Descriptor d) {
    return TargetArtifact.of(d.mediaType(), d.digest().toString(), d.size());
  }

  /** Pushes {@code envelope} as a signature of {@code subject}, whatever it signs. */
  static Descriptor pushSignature(
      Target t, Descriptor subject, byte[] envelope, List<X509Certificate> chain, boolean legacy)
      throws Exception {
    ImageManifest manifest =
        SignatureManifests.build(
            NotaryEnvelopeFormat.COSE, envelope, chain, Instant.now(), subject, legacy);
    OneLayerReferrer.push(t, subject, envelope, manifest);
    return manifest.descriptor();
  }

  /** A one-statement policy document. */
  static OciTrustPolicy policy(String scope, String verification, String stores, String identities)
      throws Exception {
    return OciTrustPolicy.parse(policyJson(scope, verification, stores, identities));
  }

  static String policyJson(String scope, String verification, String stores, String identities) {
    return "{\"version\":\"1.0\",\"trustPolicies\":[{\"name\":\"test\",\"registryScopes\":[\""
        + scope
        + "\"],\"signatureVerification\":"
        + verification
        + (stores == null ? "" : ",\"trustStores\":[" + stores + "]")
        + (identities == null ? "" : ",\"trustedIdentities\":[" + identities + "]")
        + "}]}";
  }

  /** Flips one byte inside the signed payload of {@code envelope} (found by its JSON text). */
  static byte[] tamperPayload(byte[] envelope) {
    byte[] needle = "targetArtifact".getBytes(StandardCharsets.UTF_8);
    outer:
    for (int i = 0; i + needle.length <= envelope.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (envelope[i + j] != needle[j]) {
          continue outer;
        }
      }
      byte[] copy = envelope.clone();
      copy[i] = 'T';
      return copy;
    }
    throw new IllegalArgumentException("no payload found");
  }
}
