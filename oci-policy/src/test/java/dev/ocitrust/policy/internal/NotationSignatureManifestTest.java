package dev.ocitrust.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.Digest;
import dev.ocitrust.cose.NotaryEnvelopeVerifier;
import dev.ocitrust.cose.TargetArtifact;
import dev.ocitrust.cose.VerifiedNotaryEnvelope;
import dev.ocitrust.testkit.TestVectors;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The signature manifest of notation's own envelope (shared/vectors/notary) is what notation
 * writes.
 */
class NotationSignatureManifestTest {
  @Test
  void describesTheNotationEnvelopeAsNotationWould() throws Exception {
    byte[] sig =
        Files.readAllBytes(TestVectors.require("notary").resolve("cose/cose_signature.sig"));
    VerifiedNotaryEnvelope env = NotaryEnvelopeVerifier.builder().build().verify(sig);
    TargetArtifact t = env.targetArtifact();
    Descriptor subject = Descriptor.of(t.mediaType(), Digest.parse(t.digest()), t.size());
    JsonNode json =
        new ObjectMapper()
            .readTree(
                SignatureManifests.build(
                        env.format(),
                        sig,
                        env.certificateChain(),
                        env.signingTime(),
                        subject,
                        false)
                    .bytes());
    assertThat(json.get("schemaVersion").asInt()).isEqualTo(2);
    assertThat(json.get("artifactType").asText())
        .isEqualTo("application/vnd.cncf.notary.signature");
    // the OCI empty descriptor: SHA-256 of "{}"
    assertThat(json.get("config").get("digest").asText())
        .isEqualTo("sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
    assertThat(json.get("layers")).hasSize(1);
    JsonNode layer = json.get("layers").get(0);
    assertThat(layer.get("mediaType").asText()).isEqualTo("application/cose");
    assertThat(layer.get("size").asLong()).isEqualTo(sig.length);
    assertThat(layer.get("digest").asText())
        .isEqualTo(
            "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(sig)));
    assertThat(json.get("subject").get("digest").asText()).startsWith("sha256:19dbd2e4");
    String leafPrint =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest(env.certificateChain().get(0).getEncoded()));
    JsonNode ann = json.get("annotations");
    assertThat(ann.get("io.cncf.notary.x509chain.thumbprint#S256").asText())
        .isEqualTo("[\"" + leafPrint + "\"]");
    assertThat(ann.get("org.opencontainers.image.created").asText())
        .isEqualTo("2023-03-14T04:45:22Z");
    JsonNode legacy =
        new ObjectMapper()
            .readTree(
                SignatureManifests.build(
                        env.format(), sig, env.certificateChain(), env.signingTime(), subject, true)
                    .bytes());
    assertThat(legacy.has("artifactType")).isFalse();
    assertThat(legacy.get("config").get("mediaType").asText())
        .isEqualTo("application/vnd.cncf.notary.signature");
    assertThat(legacy.get("layers")).isEqualTo(json.get("layers"));
    assertThat(legacy.get("subject")).isEqualTo(json.get("subject"));
  }
}
