package dev.ocitrust.cose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.upokecenter.cbor.CBORObject;
import dev.ocitrust.testkit.TestCertificate;
import dev.ocitrust.testkit.TestVectors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** shared/vectors/notary/cose and timestamp, with the outcomes SOURCES.md gives. */
class NotaryEnvelopeVectorsTest {
  private static final HexFormat HEX = HexFormat.of();

  private static Path notary() {
    return TestVectors.require("notary");
  }

  @Test
  void notationEnvelopeVerifiesAndTargetsTheManifest() throws Exception {
    byte[] sig = Files.readAllBytes(notary().resolve("cose/cose_signature.sig"));
    byte[] manifest = Files.readAllBytes(notary().resolve("cose/manifest-sha256-19dbd2e4.json"));
    VerifiedNotaryEnvelope env = NotaryEnvelopeVerifier.builder().build().verify(sig);
    String mediaType = new ObjectMapper().readTree(manifest).get("mediaType").asText();
    String digest =
        "sha256:" + HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(manifest));
    assertThat(digest).startsWith("sha256:19dbd2e4");
    assertThat(env.targetArtifact())
        .isEqualTo(TargetArtifact.of(mediaType, digest, manifest.length));
    assertThat(env.algorithm()).isEqualTo(CoseAlgorithm.PS256);
    assertThat(env.signingScheme()).isEqualTo(NotarySigningScheme.X509);
    assertThat(env.signingTime()).isEqualTo(Instant.parse("2023-03-14T04:45:22Z"));
    assertThat(env.signingAgent()).contains("Notation/1.0.0");
    assertThat(env.certificateChain()).hasSize(1);
    assertThat(env.certificateChain().get(0).getSubjectX500Principal().getName())
        .isEqualTo("CN=alpine,O=Notary,L=Seattle,ST=WA,C=US");
    assertThat(env.expiry()).isEmpty();
    env.checkChainValidAt(Instant.parse("2026-01-01T00:00:00Z"));
    // our Go-compatible serialisation of the descriptor is exactly what notation signed
    assertThat(env.targetArtifact().payloadJson()).isEqualTo(env.payload());
  }

  @Test
  void everyFlippedBitOfTheNotationEnvelopeIsRejected() throws Exception {
    byte[] sig = Files.readAllBytes(notary().resolve("cose/cose_signature.sig"));
    NotaryEnvelopeVerifier verifier = NotaryEnvelopeVerifier.builder().build();
    UnverifiedSign1 parsed = UnverifiedSign1.parse(sig);
    int unprotectedStart = 4 + parsed.protectedBytes().length; // d2 84 59 xxxx <prot>
    int unprotectedLength = parsed.unprotectedHeaders().encode().length;
    // most of the envelope is integrity-protected
    assertThat(sig.length - unprotectedLength).isGreaterThan(500);
    for (int i = 0; i < sig.length; i++) {
      if (i >= unprotectedStart && i < unprotectedStart + unprotectedLength) {
        continue; // the unprotected header (signing agent, x5chain) is not integrity-protected
      }
      byte[] t = sig.clone();
      t[i] ^= 0x01;
      assertThatThrownBy(() -> verifier.verify(t)).isInstanceOf(CoseException.class);
    }
  }

  @Test
  void timestampedEnvelopeVerifiesWithTheGlobalSignRoot() throws Exception {
    byte[] sig = Files.readAllBytes(notary().resolve("cose/coseWithTimestamp.sig"));
    VerifiedNotaryEnvelope env = NotaryEnvelopeVerifier.builder().build().verify(sig);
    assertThat(env.timestampToken()).isPresent();
    X509Certificate anchor =
        Pem.certs(notary().resolve("truststore/x509/ca/valid-trust-store/TestTimestamp.crt"))
            .get(0);
    assertThat(env.certificateChain()).containsExactly(anchor);
    X509Certificate globalSign =
        Pem.certs(notary().resolve("truststore/x509/tsa/test-timestamp/globalsignRoot.cer")).get(0);
    VerifiedTimestamp ts = env.verifyTimestamp(TimestampVerifier.create(List.of(globalSign)));
    assertThat(ts.genTime()).isEqualTo(Instant.parse("2024-06-18T06:27:16Z"));
    assertThat(ts.accuracy()).isEqualTo(Duration.ofSeconds(1));
    X509Certificate digicert =
        Pem.certs(notary().resolve("truststore/x509/tsa/test-mismatch/DigiCertTSARootSHA384.cer"))
            .get(0);
    assertThatThrownBy(() -> env.verifyTimestamp(TimestampVerifier.create(List.of(digicert))))
        .isInstanceOf(TimestampException.class)
        .hasMessageContaining("unknown authority");
    assertThat(env.targetArtifact().mediaType())
        .isEqualTo("application/vnd.docker.distribution.manifest.v2+json");
    assertThat(env.targetArtifact().size()).isEqualTo(528);
  }

  @Test
  void envelopeWithoutTimestampHasNothingToVerify() throws Exception {
    byte[] sig = Files.readAllBytes(notary().resolve("cose/cose_signature.sig"));
    VerifiedNotaryEnvelope env = NotaryEnvelopeVerifier.builder().build().verify(sig);
    X509Certificate globalSign =
        Pem.certs(notary().resolve("truststore/x509/tsa/test-timestamp/globalsignRoot.cer")).get(0);
    assertThatThrownBy(() -> env.verifyTimestamp(TimestampVerifier.create(List.of(globalSign))))
        .isInstanceOf(TimestampException.class)
        .hasMessageContaining("no timestamp");
  }

  @Test
  void tsaRootsMustBeSelfSignedCaRoots() throws Exception {
    X509Certificate nonCa =
        Pem.certs(notary().resolve("truststore/x509/tsa/test-nonCA/wabbit-networks.io.crt")).get(0);
    assertThatThrownBy(() -> TimestampVerifier.create(List.of(nonCa)))
        .isInstanceOf(CertificateChainException.class)
        .hasMessageContaining("is not a root CA certificate")
        .hasMessageContaining("parent certificate cannot sign this kind of certificate");
    X509Certificate notSelfIssued =
        Pem.certs(notary().resolve("truststore/x509/tsa/test-nonSelfIssued/nonSelfIssued.crt"))
            .get(0);
    assertThatThrownBy(() -> TimestampVerifier.create(List.of(notSelfIssued)))
        .isInstanceOf(CertificateChainException.class)
        .hasMessageContaining("is not a root CA certificate: issuer (");
  }

  @Test
  void bareTimestampTokens() throws Exception {
    byte[] token = Files.readAllBytes(notary().resolve("timestamp/TimeStampToken.p7s"));
    X509Certificate globalSign =
        Pem.certs(notary().resolve("truststore/x509/tsa/test-timestamp/globalsignRoot.cer")).get(0);
    TimestampVerifier verifier = TimestampVerifier.create(List.of(globalSign));
    assertThatThrownBy(() -> verifier.verify(token, "mismatch".getBytes()))
        .isInstanceOf(TimestampException.class)
        .hasMessageContaining("mismatched message");
    VerifiedTimestamp ts = verifier.verify(token, "notation".getBytes());
    assertThat(ts.genTime()).isEqualTo(Instant.parse("2021-09-17T14:09:10Z"));
    byte[] noCert =
        Files.readAllBytes(notary().resolve("timestamp/TimeStampTokenWithoutCertificate.p7s"));
    assertThatThrownBy(() -> verifier.verify(noCert, "notation".getBytes()))
        .isInstanceOf(TimestampException.class)
        .hasMessageContaining("signing certificate not found in the timestamp token");
  }

  @Test
  void conformanceVectorEncodingIsReproducedByteForByte() throws Exception {
    JsonNode v = new ObjectMapper().readTree(notary().resolve("cose/conformance.json").toFile());
    Instant signingTime = Instant.ofEpochSecond(v.get("signingTime").asLong());
    Instant expiry = Instant.ofEpochSecond(v.get("expiry").asLong());
    KeyPair keys = TestCertificate.rsaKeyPair(3072);
    X509Certificate leaf =
        TestCertificate.builder().subject("CN=conformance").keyPair(keys).build().certificate();
    Clock clock = Clock.fixed(signingTime, ZoneOffset.UTC);
    byte[] env =
        NotaryEnvelopeSigner.builder(keys.getPrivate(), List.of(leaf))
            .clock(clock)
            .expiry(Duration.between(signingTime, expiry))
            .extendedAttribute("signedCritKey1", "signedCritValue1", true)
            .extendedAttribute("signedKey1", "signedValue1", false)
            .signingAgent("NotationConformanceTest/1.0.0")
            .build()
            .sign(TargetArtifact.of("application/test", "sha256:abc", 3));
    UnverifiedSign1 ours = UnverifiedSign1.parse(env);
    assertThat(HEX.formatHex(ours.protectedBytes()))
        .isEqualToIgnoringCase(v.get("protectedHeaders").get("cborHex").asText());
    CoseHeaders unprotectedWithoutChain =
        ours.unprotectedHeaders().toBuilder().remove(HeaderLabel.X5CHAIN).build();
    assertThat(HEX.formatHex(unprotectedWithoutChain.encode()))
        .isEqualToIgnoringCase(v.get("unprotectedHeaders").get("cborHex").asText());
    // assemble [our protected, our unprotected, the vector payload, the vector's fixed signature]
    byte[] expected = HEX.parseHex(v.get("expectedOutput").get("cborHex").asText());
    UnverifiedSign1 theirs = UnverifiedSign1.parse(expected);
    CBORObject assembled =
        CBORObject.NewArray()
            .Add(CBORObject.FromObject(ours.protectedBytes()))
            .Add(CBORObject.DecodeFromBytes(unprotectedWithoutChain.encode()))
            .Add(CBORObject.FromObject(HEX.parseHex(v.get("payload").asText())))
            .Add(CBORObject.FromObject(theirs.signature()));
    assertThat(HEX.formatHex(CBORObject.FromObjectAndTag(assembled, 18).EncodeToBytes()))
        .isEqualToIgnoringCase(v.get("expectedOutput").get("cborHex").asText());
    // and our own envelope verifies when the critical attribute is declared understood
    VerifiedNotaryEnvelope verified =
        NotaryEnvelopeVerifier.builder()
            .understoodExtendedAttributes(List.of("signedCritKey1"))
            .build()
            .verify(env);
    assertThat(verified.expiry()).contains(expiry);
    assertThat(verified.criticalHeaders())
        .containsExactly("io.cncf.notary.signingScheme", "io.cncf.notary.expiry", "signedCritKey1");
    assertThatThrownBy(() -> NotaryEnvelopeVerifier.builder().build().verify(env))
        .isInstanceOf(CoseFormatException.class)
        .hasMessageContaining("unknown critical extended attribute \"signedCritKey1\"");
  }
}
