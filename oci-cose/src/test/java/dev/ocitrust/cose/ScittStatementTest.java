package dev.ocitrust.cose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.upokecenter.cbor.CBORObject;
import dev.ocitrust.testkit.TestVectors;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScittStatementTest {
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);
  private static final byte[] SBOM =
      "{\"spdxVersion\":\"SPDX-2.3\"}".getBytes(StandardCharsets.UTF_8);

  @Test
  void ociPackageUrl() {
    assertThat(ScittSubjects.ociPackageUrl("registry.example/wabbit/net-monitor", DIGEST))
        .isEqualTo("pkg:oci/net-monitor@" + DIGEST);
    assertThatThrownBy(() -> ScittSubjects.ociPackageUrl("net-monitor", "sha256:ABC"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ScittSubjects.ociPackageUrl("bad name", DIGEST))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void x5chainStatementRoundTripsWithTheRfc9943HeaderShape() throws Exception {
    TestPki.Chain chain = TestPki.chain(TestKeys.ec("secp256r1"));
    String sub = ScittSubjects.ociPackageUrl("net-monitor", DIGEST);
    byte[] statement =
        ScittStatementSigner.builder(chain.leafKeys().getPrivate())
            .certificateChain(chain.certs())
            .issuer("https://wabbit-networks.example")
            .subject(sub)
            .contentType("application/spdx+json")
            .clock(CLOCK)
            .build()
            .sign(SBOM);

    // shape, read with an independent CBOR library
    CBORObject msg = CBORObject.DecodeFromBytes(statement);
    assertThat(msg.getMostInnerTag().ToInt32Checked()).isEqualTo(18);
    CBORObject prot = CBORObject.DecodeFromBytes(msg.get(0).GetByteString());
    assertThat(prot.get(1).AsInt32()).isEqualTo(-7);
    assertThat(prot.get(3).AsString()).isEqualTo("application/spdx+json");
    assertThat(prot.get(33).size()).isEqualTo(3);
    CBORObject cwt = prot.get(15);
    assertThat(cwt.get(1).AsString()).isEqualTo("https://wabbit-networks.example");
    assertThat(cwt.get(2).AsString()).isEqualTo(sub);
    assertThat(cwt.get(6).AsInt64Value()).isEqualTo(NOW.getEpochSecond());

    ScittStatement parsed = ScittStatement.parse(statement);
    assertThat(parsed.claims())
        .isEqualTo(new CwtClaims("https://wabbit-networks.example", sub, Optional.of(NOW)));
    VerifiedScittStatement v = parsed.verifyWithCertificateChain(Sign1VerifyOptions.defaults());
    assertThat(v.payload()).isEqualTo(SBOM);
    assertThat(v.contentType()).contains("application/spdx+json");
    assertThat(v.certificateChain()).isEqualTo(chain.certs());
    KeyPair other = TestKeys.ec("secp256r1");
    assertThatThrownBy(() -> parsed.verify(other.getPublic()))
        .isInstanceOf(CoseSignatureException.class);
  }

  @Test
  void claimManifestRepeatsTheSignedClaims() throws Exception {
    TestPki.Chain chain = TestPki.chain(TestKeys.ec("secp256r1"));
    String sub = ScittSubjects.ociPackageUrl("net-monitor", DIGEST);
    byte[] statement =
        ScittStatementSigner.builder(chain.leafKeys().getPrivate())
            .certificateChain(chain.certs())
            .issuer("https://acme.example")
            .subject(sub)
            .contentType("application/vnd.acme.approval+json")
            .clock(CLOCK)
            .build()
            .sign(SBOM);
    VerifiedScittStatement v =
        ScittStatement.parse(statement).verifyWithCertificateChain(Sign1VerifyOptions.defaults());
    TargetArtifact image =
        TargetArtifact.of("application/vnd.oci.image.manifest.v1+json", DIGEST, 123);
    ScittClaimManifest m = ScittClaimManifest.of(v, image);
    assertThat(m.statement()).isEqualTo(statement);
    com.fasterxml.jackson.databind.JsonNode json =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(m.manifestJson());
    assertThat(json.get("artifactType").asText()).isEqualTo("application/vnd.acme.approval+json");
    assertThat(json.get("layers").get(0).get("mediaType").asText())
        .isEqualTo("application/scitt-statement+cose");
    assertThat(json.get("layers").get(0).get("size").asInt()).isEqualTo(statement.length);
    assertThat(json.get("subject").get("digest").asText()).isEqualTo(DIGEST);
    assertThat(json.get("annotations").get("dev.ocitrust.claim.iss").asText())
        .isEqualTo("https://acme.example");
    assertThat(json.get("annotations").get("dev.ocitrust.claim.sub").asText()).isEqualTo(sub);
    assertThat(json.get("annotations").get("org.opencontainers.image.created").asText())
        .isEqualTo("2026-03-01T10:00:00Z");
    // a statement with a numeric content type has no artifactType to offer
    byte[] numeric =
        Sign1Signer.builder(chain.leafKeys().getPrivate())
            .protectedHeaders(
                CoseHeaders.builder()
                    .put(HeaderLabel.CONTENT_TYPE, 50)
                    .put(HeaderLabel.KID, new byte[] {1})
                    .putEncoded(
                        HeaderLabel.CWT_CLAIMS,
                        CBORObject.NewMap().Add(1, "i").Add(2, "s").EncodeToBytes())
                    .build())
            .build()
            .sign(SBOM);
    VerifiedScittStatement w = ScittStatement.parse(numeric).verify(chain.leafKeys().getPublic());
    assertThatThrownBy(() -> ScittClaimManifest.of(w, image))
        .isInstanceOf(CoseFormatException.class);
  }

  @Test
  void kidStatementWithDetachedPayload() throws Exception {
    KeyPair keys = TestKeys.ed25519();
    byte[] statement =
        ScittStatementSigner.builder(keys.getPrivate())
            .keyId(new byte[] {7})
            .issuer("did:example:acme")
            .subject("pkg:oci/net-monitor@" + DIGEST)
            .contentType("application/vnd.acme.approval+json")
            .detached(true)
            .clock(CLOCK)
            .build()
            .sign(SBOM);
    ScittStatement parsed = ScittStatement.parse(statement);
    assertThat(parsed.keyId()).hasValue(new byte[] {7});
    assertThat(parsed.message().payload()).isEmpty();
    VerifiedScittStatement v =
        parsed.verify(keys.getPublic(), Sign1VerifyOptions.builder().detachedPayload(SBOM).build());
    assertThat(v.payload()).isEqualTo(SBOM);
    assertThatThrownBy(
            () ->
                parsed.verify(
                    keys.getPublic(),
                    Sign1VerifyOptions.builder().detachedPayload("other".getBytes()).build()))
        .isInstanceOf(CoseSignatureException.class);
  }

  @Test
  void builderAndParserEnforceTheRequiredHeaders() throws Exception {
    KeyPair keys = TestKeys.ec("secp256r1");
    X509SelfSigned self = new X509SelfSigned(keys);
    assertThatThrownBy(
            () ->
                ScittStatementSigner.builder(keys.getPrivate())
                    .certificateChain(List.of(self.cert))
                    .issuer("not a uri")
                    .subject("s")
                    .contentType("c")
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("URI");
    assertThatThrownBy(
            () ->
                ScittStatementSigner.builder(keys.getPrivate())
                    .issuer("i")
                    .subject("s")
                    .contentType("c")
                    .build())
        .isInstanceOf(IllegalArgumentException.class);
    // a plain Sign1 without CWT claims is not a statement
    byte[] plain =
        Sign1Signer.builder(keys.getPrivate())
            .protectedHeaders(CoseHeaders.builder().put(HeaderLabel.KID, new byte[] {1}).build())
            .build()
            .sign(SBOM);
    assertThatThrownBy(() -> ScittStatement.parse(plain))
        .isInstanceOf(CoseFormatException.class)
        .hasMessageContaining("CWT claims");
    // CWT claims without sub
    byte[] noSub =
        Sign1Signer.builder(keys.getPrivate())
            .protectedHeaders(
                CoseHeaders.builder()
                    .put(HeaderLabel.KID, new byte[] {1})
                    .putEncoded(
                        HeaderLabel.CWT_CLAIMS, CBORObject.NewMap().Add(1, "iss").EncodeToBytes())
                    .build())
            .build()
            .sign(SBOM);
    assertThatThrownBy(() -> ScittStatement.parse(noSub))
        .isInstanceOf(CoseFormatException.class)
        .hasMessageContaining("sub");
    // no key reference
    byte[] noKey =
        Sign1Signer.builder(keys.getPrivate())
            .protectedHeaders(
                CoseHeaders.builder()
                    .putEncoded(
                        HeaderLabel.CWT_CLAIMS,
                        CBORObject.NewMap().Add(1, "iss").Add(2, "sub").EncodeToBytes())
                    .build())
            .build()
            .sign(SBOM);
    assertThatThrownBy(() -> ScittStatement.parse(noKey))
        .isInstanceOf(CoseFormatException.class)
        .hasMessageContaining("kid");
  }

  private static final class X509SelfSigned {
    final java.security.cert.X509Certificate cert;

    X509SelfSigned(KeyPair keys) {
      cert = TestPki.selfSigned(TestPki.Spec.leaf("CN=scitt", keys));
    }
  }

  @Test
  void legacyEmulatorStatementIsReadOnlyAsLegacy() throws Exception {
    byte[] legacy =
        Files.readAllBytes(TestVectors.require("cose-wg").resolve("scitt-emulator/statement.cbor"));
    assertThatThrownBy(() -> ScittStatement.parse(legacy))
        .isInstanceOf(CoseFormatException.class)
        .hasMessageContaining("legacy");
    LegacyScittStatement old = LegacyScittStatement.parse(legacy);
    assertThat(old.isCurrent()).isFalse();
    assertThat(old.algorithm()).contains(CoseAlgorithm.ES384);
    assertThat(old.issuer()).hasValueSatisfying(i -> assertThat(i).startsWith("did:jwk:"));
    assertThat(old.subject()).contains("solar");
    assertThat(new String(old.payload().orElseThrow(), StandardCharsets.UTF_8))
        .contains("\"sun\"")
        .contains("yellow");
    // and a current statement is not legacy
    KeyPair keys = TestKeys.ec("secp256r1");
    byte[] current =
        ScittStatementSigner.builder(keys.getPrivate())
            .keyId(new byte[] {1})
            .issuer("i")
            .subject("s")
            .contentType("c")
            .build()
            .sign(SBOM);
    assertThatThrownBy(() -> LegacyScittStatement.parse(current))
        .isInstanceOf(CoseFormatException.class);
  }
}
