package dev.ocitrust.policy;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.ImageManifest;
import dev.ocitrust.client.MediaTypes;
import dev.ocitrust.client.Target;
import dev.ocitrust.cose.NotaryEnvelopeSigner;
import dev.ocitrust.cose.TargetArtifact;
import dev.ocitrust.policy.internal.SignatureManifests;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
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

  static NotaryEnvelopeSigner.Builder signer(Pki.Chain chain) {
    return NotaryEnvelopeSigner.builder(chain.leaf().keys().getPrivate(), chain.certs())
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
        SignatureManifests.build(envelope, chain, Instant.now(), subject, legacy);
    SignatureManifests.push(t, subject, envelope, manifest);
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
