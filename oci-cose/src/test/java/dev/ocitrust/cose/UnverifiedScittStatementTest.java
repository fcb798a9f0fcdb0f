package dev.ocitrust.cose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.upokecenter.cbor.CBORObject;
import dev.ocitrust.testkit.TestCertificate;
import dev.ocitrust.testkit.TestTsa;
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

class UnverifiedScittStatementTest {
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
  void theDigestOfAnOciPackageUrl() {
    String hex = "0123456789abcdef".repeat(4);
    assertThat(ScittSubjects.ociDigest("pkg:oci/net-monitor@sha256:" + hex))
        .contains("sha256:" + hex);
    assertThat(
            ScittSubjects.ociDigest(
                "pkg:oci/net-monitor@sha256%3A" + hex + "?repository_url=registry.example/x"))
        .contains("sha256:" + hex);
    assertThat(ScittSubjects.ociDigest("pkg:oci/net-monitor@sha512:" + hex + hex))
        .contains("sha512:" + hex + hex);
    assertThat(ScittSubjects.ociDigest("pkg:oci/net-monitor@sha256:" + hex.substring(1))).isEmpty();
    assertThat(ScittSubjects.ociDigest("pkg:oci/net-monitor@sha256:" + hex.toUpperCase()))
        .isEmpty();
    assertThat(ScittSubjects.ociDigest("pkg:docker/net-monitor@sha256:" + hex)).isEmpty();
    assertThat(ScittSubjects.ociDigest("pkg:oci/net-monitor:v1")).isEmpty();
    assertThat(ScittSubjects.ociDigest("https://example/sha256:" + hex)).isEmpty();
  }

  @Test
  void x5chainStatementRoundTripsWithTheRfc9943HeaderShape() throws Exception {
    TestCertificate leaf =
        TestCertificate.leafUnderIntermediate(TestCertificate.ecKeyPair("secp256r1"));
    String sub = ScittSubjects.ociPackageUrl("net-monitor", DIGEST);
    byte[] statement =
        ScittStatementSigner.builder(leaf.privateKey())
            .certificateChain(leaf.chain())
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

    UnverifiedScittStatement parsed = UnverifiedScittStatement.parse(statement);
    assertThat(parsed.claims())
        .isEqualTo(new CwtClaims("https://wabbit-networks.example", sub, Optional.of(NOW)));
    VerifiedScittStatement v =
        parsed.verifyWithCertificateChain(List.of(leaf.root()), NOW, Sign1VerifyOptions.defaults());
    assertThat(v.payload()).isEqualTo(SBOM);
    assertThat(v.contentType()).contains("application/spdx+json");
    assertThat(v.certificateChain()).isEqualTo(leaf.chain());
    KeyPair other = TestCertificate.ecKeyPair("secp256r1");
    assertThatThrownBy(() -> parsed.verify(other.getPublic()))
        .isInstanceOf(CoseSignatureException.class);
  }

  @Test
  void theChainMustBeTrustedAndValidAtTheGivenTime() throws Exception {
    TestCertificate leaf =
        TestCertificate.leafUnderIntermediate(TestCertificate.ecKeyPair("secp256r1"));
    byte[] statement =
        ScittStatementSigner.builder(leaf.privateKey())
            .certificateChain(leaf.chain())
            .issuer("https://acme.example")
            .subject(ScittSubjects.ociPackageUrl("net-monitor", DIGEST))
            .contentType("application/vnd.acme.approval+json")
            .clock(CLOCK)
            .build()
            .sign(SBOM);
    UnverifiedScittStatement parsed = UnverifiedScittStatement.parse(statement);
    Sign1VerifyOptions opts = Sign1VerifyOptions.defaults();
    // any certificate of the chain may be the trusted one, as in notation's trust stores
    assertThat(parsed.verifyWithCertificateChain(List.of(leaf.chain().get(1)), NOW, opts).payload())
        .isEqualTo(SBOM);
    TestCertificate other =
        TestCertificate.leafUnderIntermediate(TestCertificate.ecKeyPair("secp256r1"));
    assertThatThrownBy(() -> parsed.verifyWithCertificateChain(List.of(other.root()), NOW, opts))
        .isInstanceOf(CertificateChainException.class)
        .hasMessageContaining("is trusted");
    assertThatThrownBy(() -> parsed.verifyWithCertificateChain(List.of(), NOW, opts))
        .isInstanceOf(CertificateChainException.class);
    Instant afterExpiry = TestCertificate.NOT_AFTER.plusSeconds(1);
    assertThatThrownBy(
            () -> parsed.verifyWithCertificateChain(List.of(leaf.root()), afterExpiry, opts))
        .isInstanceOf(CertificateChainException.class)
        .hasMessageContaining("invalid");
    // a kid statement has no chain to trust
    KeyPair keys = TestCertificate.ed25519KeyPair();
    byte[] kid =
        ScittStatementSigner.builder(keys.getPrivate())
            .keyId(new byte[] {7})
            .issuer("did:example:acme")
            .subject("pkg:oci/net-monitor@" + DIGEST)
            .contentType("application/vnd.acme.approval+json")
            .clock(CLOCK)
            .build()
            .sign(SBOM);
    assertThatThrownBy(
            () ->
                UnverifiedScittStatement.parse(kid)
                    .verifyWithCertificateChain(List.of(leaf.root()), NOW, opts))
        .isInstanceOf(CoseFormatException.class)
        .hasMessageContaining("no x5chain");
  }

  @Test
  void aTimeStampedStatementCarriesATokenOverItsSignature() throws Exception {
    TestCertificate leaf =
        TestCertificate.leafUnderIntermediate(TestCertificate.ecKeyPair("secp256r1"));
    TestTsa tsa = TestTsa.create(CLOCK);
    TimestampVerifier tsaRoots = TimestampVerifier.create(List.of(tsa.rootCertificate()));
    byte[] statement =
        ScittStatementSigner.builder(leaf.privateKey())
            .certificateChain(leaf.chain())
            .issuer("https://acme.example")
            .subject(ScittSubjects.ociPackageUrl("net-monitor", DIGEST))
            .contentType("application/vnd.acme.approval+json")
            .clock(CLOCK)
            .timestampAuthority(tsa::respond, tsaRoots)
            .build()
            .sign(SBOM);
    // the token sits in the unprotected header 270 (RFC 9921 3161-ctt), read independently
    CBORObject msg = CBORObject.DecodeFromBytes(statement);
    assertThat(msg.get(1).get(270).GetByteString()).isNotEmpty();
    UnverifiedScittStatement parsed = UnverifiedScittStatement.parse(statement);
    VerifiedTimestamp ts = parsed.verifyTimestamp(tsaRoots);
    assertThat(ts.genTime()).isEqualTo(NOW);
    assertThat(
            parsed
                .verifyWithCertificateChain(
                    List.of(leaf.root()), ts.genTime(), Sign1VerifyOptions.defaults())
                .payload())
        .isEqualTo(SBOM);
    // another TSA's roots do not anchor it; a statement without a token has none to verify
    TimestampVerifier otherRoots =
        TimestampVerifier.create(List.of(TestTsa.create(CLOCK).rootCertificate()));
    assertThatThrownBy(() -> parsed.verifyTimestamp(otherRoots))
        .isInstanceOf(TimestampException.class);
    byte[] plain =
        ScittStatementSigner.builder(leaf.privateKey())
            .certificateChain(leaf.chain())
            .issuer("https://acme.example")
            .subject(ScittSubjects.ociPackageUrl("net-monitor", DIGEST))
            .contentType("application/vnd.acme.approval+json")
            .clock(CLOCK)
            .build()
            .sign(SBOM);
    assertThat(UnverifiedScittStatement.parse(plain).timestampToken()).isEmpty();
    assertThatThrownBy(() -> UnverifiedScittStatement.parse(plain).verifyTimestamp(tsaRoots))
        .isInstanceOf(TimestampException.class)
        .hasMessageContaining("no RFC 3161 time stamp");
  }

  @Test
  void kidStatementWithDetachedPayload() throws Exception {
    KeyPair keys = TestCertificate.ed25519KeyPair();
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
    UnverifiedScittStatement parsed = UnverifiedScittStatement.parse(statement);
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
    KeyPair keys = TestCertificate.ecKeyPair("secp256r1");
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
    assertThatThrownBy(() -> UnverifiedScittStatement.parse(plain))
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
    assertThatThrownBy(() -> UnverifiedScittStatement.parse(noSub))
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
    assertThatThrownBy(() -> UnverifiedScittStatement.parse(noKey))
        .isInstanceOf(CoseFormatException.class)
        .hasMessageContaining("kid");
  }

  private static final class X509SelfSigned {
    final java.security.cert.X509Certificate cert;

    X509SelfSigned(KeyPair keys) {
      cert = TestCertificate.builder().subject("CN=scitt").keyPair(keys).build().certificate();
    }
  }

  @Test
  void legacyEmulatorStatementIsReadOnlyAsLegacy() throws Exception {
    byte[] legacy =
        Files.readAllBytes(TestVectors.require("cose-wg").resolve("scitt-emulator/statement.cbor"));
    assertThatThrownBy(() -> UnverifiedScittStatement.parse(legacy))
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
    KeyPair keys = TestCertificate.ecKeyPair("secp256r1");
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
