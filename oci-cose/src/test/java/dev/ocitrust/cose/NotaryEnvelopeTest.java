package dev.ocitrust.cose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ocitrust.testkit.TestCertificate;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;

class NotaryEnvelopeTest {
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final TargetArtifact TARGET =
      new TargetArtifact(
          "application/vnd.oci.image.manifest.v1+json",
          "sha256:" + "ab".repeat(32),
          1234,
          Map.of("env", "prod"),
          Optional.empty());
  private static final TestCertificate EC_LEAF =
      TestCertificate.leafUnderIntermediate(TestCertificate.ecKeyPair("secp256r1"));
  private static final NotaryEnvelopeVerifier VERIFIER = NotaryEnvelopeVerifier.builder().build();

  private static byte[] sign(TestCertificate leaf, UnaryOperator<NotaryEnvelopeSigner.Builder> f)
      throws CoseException {
    return f.apply(NotaryEnvelopeSigner.builder(leaf.privateKey(), leaf.chain()).clock(CLOCK))
        .build()
        .sign(TARGET);
  }

  @Test
  void rsaAndEcRoundTrips() throws Exception {
    for (Map.Entry<KeyPair, CoseAlgorithm> c :
        List.of(
            Map.entry(TestCertificate.rsaKeyPair(2048), CoseAlgorithm.PS256),
            Map.entry(TestCertificate.ecKeyPair("secp384r1"), CoseAlgorithm.ES384),
            Map.entry(TestCertificate.ecKeyPair("secp521r1"), CoseAlgorithm.ES512))) {
      TestCertificate leaf = TestCertificate.leafUnderIntermediate(c.getKey());
      byte[] env = sign(leaf, b -> b.expiry(Duration.ofDays(1)).signingAgent("ocitrust/test"));
      VerifiedNotaryEnvelope v = VERIFIER.verify(env);
      assertThat(v.targetArtifact()).isEqualTo(TARGET);
      assertThat(v.algorithm()).isEqualTo(c.getValue());
      assertThat(v.signingTime()).isEqualTo(NOW);
      assertThat(v.expiry()).contains(NOW.plus(Duration.ofDays(1)));
      assertThat(v.certificateChain()).isEqualTo(leaf.chain());
      assertThat(v.signingAgent()).contains("ocitrust/test");
      v.checkNotExpired(CLOCK);
      assertThatThrownBy(() -> v.checkNotExpired(Clock.offset(CLOCK, Duration.ofDays(1))))
          .isInstanceOf(CoseException.class)
          .hasMessageContaining("expired");
    }
  }

  @Test
  void payloadIsGoCompatibleJson() {
    assertThat(new String(TARGET.payloadJson(), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"targetArtifact\":{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"digest\":\"sha256:"
                + "ab".repeat(32)
                + "\",\"size\":1234,"
                + "\"annotations\":{\"env\":\"prod\"}}}");
    TargetArtifact odd =
        new TargetArtifact(
            "a<b>&\u2028", "sha256:00", 0, Map.of("z", "1", "a", "\"\n"), Optional.of("t"));
    assertThat(new String(odd.payloadJson(), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"targetArtifact\":{\"mediaType\":\"a\\u003cb\\u003e\\u0026\\u2028\",\"digest\":"
                + "\"sha256:00\",\"size\":0,\"annotations\":{\"a\":\"\\\"\\n\",\"z\":\"1\"},"
                + "\"artifactType\":\"t\"}}");
  }

  @Test
  void signingAuthoritySchemeCarriesAnAuthenticCriticalTime() throws Exception {
    byte[] env = sign(EC_LEAF, b -> b.signingScheme(NotarySigningScheme.X509_SIGNING_AUTHORITY));
    VerifiedNotaryEnvelope v = VERIFIER.verify(env);
    assertThat(v.signingScheme()).isEqualTo(NotarySigningScheme.X509_SIGNING_AUTHORITY);
    assertThat(v.criticalHeaders())
        .containsExactly("io.cncf.notary.signingScheme", "io.cncf.notary.authenticSigningTime");
    v.checkChainValidAt(v.signingTime());
    assertThatThrownBy(() -> v.checkChainValidAt(Instant.parse("2050-01-01T00:00:00Z")))
        .isInstanceOf(CertificateChainException.class);
  }

  @Test
  void signerRefusesAChainNotValidAtSigningTime() {
    Clock late = Clock.fixed(TestCertificate.NOT_AFTER.plusSeconds(1), ZoneOffset.UTC);
    assertThatThrownBy(() -> sign(EC_LEAF, b -> b.clock(late)))
        .isInstanceOf(CertificateChainException.class)
        .hasMessageContaining("invalid at signing");
  }

  @Test
  void signerRefusesAKeyThatDoesNotMatchTheLeaf() {
    KeyPair other = TestCertificate.ecKeyPair("secp256r1");
    assertThatThrownBy(
            () ->
                NotaryEnvelopeSigner.builder(other.getPrivate(), EC_LEAF.chain())
                    .clock(CLOCK)
                    .build()
                    .sign(TARGET))
        .isInstanceOf(CoseSignatureException.class);
  }

  // ---- integrity rules, on envelopes crafted with the raw Sign1 signer ----

  private static CoseHeaders.Builder goodProtected() {
    return CoseHeaders.builder()
        .putLabels(HeaderLabel.CRIT, List.of(NotaryHeaders.SIGNING_SCHEME))
        .put(HeaderLabel.CONTENT_TYPE, TargetArtifact.PAYLOAD_MEDIA_TYPE)
        .put(NotaryHeaders.SIGNING_SCHEME, "notary.x509")
        .putTime(NotaryHeaders.SIGNING_TIME, NOW);
  }

  private static CoseHeaders.Builder goodUnprotected(List<X509Certificate> chain) throws Exception {
    List<byte[]> der = new ArrayList<>();
    for (X509Certificate c : chain) {
      der.add(c.getEncoded());
    }
    return CoseHeaders.builder().putBytesList(HeaderLabel.X5CHAIN, der);
  }

  private static byte[] craft(CoseHeaders.Builder prot, CoseHeaders.Builder unprot, byte[] payload)
      throws Exception {
    return Sign1Signer.builder(EC_LEAF.privateKey())
        .protectedHeaders(prot.build())
        .unprotectedHeaders(unprot.build())
        .build()
        .sign(payload);
  }

  private static void rejects(CoseHeaders.Builder prot, String message) throws Exception {
    byte[] env = craft(prot, goodUnprotected(EC_LEAF.chain()), TARGET.payloadJson());
    assertThatThrownBy(() -> VERIFIER.verify(env))
        .isInstanceOf(CoseException.class)
        .hasMessageContaining(message);
  }

  @Test
  void craftedGoodEnvelopeVerifies() throws Exception {
    byte[] env = craft(goodProtected(), goodUnprotected(EC_LEAF.chain()), TARGET.payloadJson());
    assertThatCode(() -> VERIFIER.verify(env)).doesNotThrowAnyException();
  }

  @Test
  void headerRulesAreEnforced() throws Exception {
    rejects(goodProtected().remove(HeaderLabel.CONTENT_TYPE), "content type");
    rejects(goodProtected().put(HeaderLabel.CONTENT_TYPE, "application/json"), "content type");
    rejects(goodProtected().remove(HeaderLabel.CRIT), "crit");
    rejects(
        goodProtected().putLabels(HeaderLabel.CRIT, List.of(NotaryHeaders.SIGNING_TIME)),
        "crit must list \"io.cncf.notary.signingScheme\"");
    rejects(
        goodProtected().put(NotaryHeaders.SIGNING_SCHEME, "notary.default.x509"),
        "unsupported signing scheme");
    rejects(goodProtected().remove(NotaryHeaders.SIGNING_TIME), "signingTime is missing");
    rejects(goodProtected().put(NotaryHeaders.SIGNING_TIME, NOW.getEpochSecond()), "tag-1");
    rejects(
        goodProtected()
            .putEncoded(
                NotaryHeaders.SIGNING_TIME,
                java.util.HexFormat.of().parseHex("c074323032362d30362d30315431323a30303a30305a")),
        "tag-1");
    rejects(
        goodProtected().putTime(NotaryHeaders.EXPIRY, NOW.plusSeconds(60)),
        "crit must list \"io.cncf.notary.expiry\"");
    rejects(
        goodProtected()
            .putTime(NotaryHeaders.EXPIRY, NOW)
            .putLabels(
                HeaderLabel.CRIT, List.of(NotaryHeaders.SIGNING_SCHEME, NotaryHeaders.EXPIRY)),
        "must be after");
    rejects(
        goodProtected().put(NotaryHeaders.SIGNING_SCHEME, "notary.x509.signingAuthority"),
        "signingTime is not allowed");
    rejects(
        goodProtected()
            .remove(NotaryHeaders.SIGNING_TIME)
            .put(NotaryHeaders.SIGNING_SCHEME, "notary.x509.signingAuthority")
            .putTime(NotaryHeaders.AUTHENTIC_SIGNING_TIME, NOW),
        "crit must list \"io.cncf.notary.authenticSigningTime\"");
    rejects(
        goodProtected()
            .put(HeaderLabel.of("x.crit"), "v")
            .putLabels(
                HeaderLabel.CRIT, List.of(NotaryHeaders.SIGNING_SCHEME, HeaderLabel.of("x.crit"))),
        "unknown critical extended attribute");
    rejects(
        goodProtected()
            .putLabels(
                HeaderLabel.CRIT, List.of(NotaryHeaders.SIGNING_SCHEME, HeaderLabel.CONTENT_TYPE)),
        "integer label");
  }

  @Test
  void nonCriticalExtendedAttributesAreReported() throws Exception {
    byte[] env =
        craft(
            goodProtected().put(HeaderLabel.of("x.note"), "hi"),
            goodUnprotected(EC_LEAF.chain()),
            TARGET.payloadJson());
    assertThat(VERIFIER.verify(env).extendedAttributes()).containsOnlyKeys("x.note");
  }

  @Test
  void payloadAndChainRulesAreEnforced() throws Exception {
    byte[] notJson = craft(goodProtected(), goodUnprotected(EC_LEAF.chain()), "{".getBytes());
    assertThatThrownBy(() -> VERIFIER.verify(notJson)).isInstanceOf(CoseFormatException.class);
    byte[] noTarget = craft(goodProtected(), goodUnprotected(EC_LEAF.chain()), "{}".getBytes());
    assertThatThrownBy(() -> VERIFIER.verify(noTarget)).isInstanceOf(CoseFormatException.class);
    byte[] dup =
        craft(
            goodProtected(),
            goodUnprotected(EC_LEAF.chain()),
            "{\"targetArtifact\":{\"mediaType\":\"a\",\"mediaType\":\"b\",\"digest\":\"sha256:00\",\"size\":1}}"
                .getBytes());
    assertThatThrownBy(() -> VERIFIER.verify(dup)).isInstanceOf(CoseFormatException.class);
    byte[] trailing = TARGET.payloadJson();
    byte[] withTrailing = java.util.Arrays.copyOf(trailing, trailing.length + 2);
    withTrailing[trailing.length] = '{';
    withTrailing[trailing.length + 1] = '}';
    byte[] trailingEnv = craft(goodProtected(), goodUnprotected(EC_LEAF.chain()), withTrailing);
    assertThatThrownBy(() -> VERIFIER.verify(trailingEnv)).isInstanceOf(CoseFormatException.class);
    byte[] noChain = craft(goodProtected(), CoseHeaders.builder(), TARGET.payloadJson());
    assertThatThrownBy(() -> VERIFIER.verify(noChain))
        .isInstanceOf(CoseFormatException.class)
        .hasMessageContaining("x5chain");
    // chain without its root
    byte[] partial =
        craft(
            goodProtected(), goodUnprotected(EC_LEAF.chain().subList(0, 2)), TARGET.payloadJson());
    assertThatThrownBy(() -> VERIFIER.verify(partial))
        .isInstanceOf(CertificateChainException.class)
        .hasMessageContaining("root certificate");
    // garbage certificate
    byte[] garbage =
        craft(
            goodProtected(),
            CoseHeaders.builder()
                .putBytesList(
                    HeaderLabel.X5CHAIN, List.of(new byte[] {0x30, 0x03, 0x02, 0x01, 0x01})),
            TARGET.payloadJson());
    assertThatThrownBy(() -> VERIFIER.verify(garbage))
        .isInstanceOf(CertificateChainException.class);
  }

  @Test
  void leafWithoutDigitalSignatureIsRejectedOnBothSides() throws Exception {
    TestCertificate leaf =
        TestCertificate.builder()
            .subject("CN=L")
            .signedBy(TestCertificate.builder().subject("CN=R").certificateAuthority(-1).build())
            .keyUsage(KeyUsage.keyEncipherment, true)
            .build();
    assertThatThrownBy(
            () ->
                NotaryEnvelopeSigner.builder(leaf.privateKey(), leaf.chain())
                    .clock(CLOCK)
                    .build()
                    .sign(TARGET))
        .isInstanceOf(CertificateChainException.class)
        .hasMessageContaining("Digital Signature");
  }

  @Test
  void algHeaderMustMatchTheLeafKey() throws Exception {
    KeyPair rsa = TestCertificate.rsaKeyPair(3072);
    X509Certificate leaf =
        TestCertificate.builder().subject("CN=self").keyPair(rsa).build().certificate();
    byte[] env =
        Sign1Signer.builder(rsa.getPrivate())
            .algorithm(CoseAlgorithm.PS256)
            .protectedHeaders(goodProtected().build())
            .unprotectedHeaders(goodUnprotected(List.of(leaf)).build())
            .build()
            .sign(TARGET.payloadJson());
    assertThatThrownBy(() -> VERIFIER.verify(env))
        .isInstanceOf(CoseSignatureException.class)
        .hasMessageContaining("PS384");
  }

  @Test
  void unsupportedLeafKeyIsRejected() {
    KeyPair small = TestCertificate.rsaKeyPair(1024);
    X509Certificate leaf =
        TestCertificate.builder().subject("CN=small").keyPair(small).build().certificate();
    assertThatThrownBy(
            () -> NotaryEnvelopeSigner.builder(small.getPrivate(), List.of(leaf)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1024");
  }
}
