package dev.ocitrust.cose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ocitrust.testkit.TestCertificate;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** Signing through the {@link ExternalSigner} SPI, and what the envelope signer checks of it. */
class ExternalSignerTest {
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final TargetArtifact TARGET =
      new TargetArtifact(
          "application/vnd.oci.image.manifest.v1+json",
          "sha256:" + "cd".repeat(32),
          42,
          Map.of(),
          Optional.empty());
  private static final TestCertificate EC =
      TestCertificate.leafUnderIntermediate(TestCertificate.ecKeyPair("secp256r1"));
  private static final TestCertificate RSA =
      TestCertificate.leafUnderIntermediate(TestCertificate.rsaKeyPair(3072));

  /** A key holder that hands back whatever the test makes of the honest answer. */
  private static ExternalSigner holder(
      TestCertificate cert,
      BiFunction<CoseAlgorithm, ExternalSignature, ExternalSignature> tamper) {
    PrivateKeySigner honest = PrivateKeySigner.of(cert.privateKey(), cert.chain());
    return new ExternalSigner() {
      @Override
      public CoseAlgorithm algorithm() {
        return honest.algorithm();
      }

      @Override
      public ExternalSignature sign(CoseAlgorithm algorithm, byte[] data) throws CoseException {
        return tamper.apply(algorithm, honest.sign(algorithm, data));
      }
    };
  }

  private static byte[] sign(ExternalSigner signer) throws CoseException {
    return NotaryEnvelopeSigner.builder(signer).clock(CLOCK).build().sign(TARGET);
  }

  @Test
  void privateKeySignerTakesItsAlgorithmFromTheLeafCertificate() throws Exception {
    assertThat(PrivateKeySigner.of(EC.privateKey(), EC.chain()).algorithm())
        .isEqualTo(CoseAlgorithm.ES256);
    PrivateKeySigner rsa = PrivateKeySigner.of(RSA.privateKey(), RSA.chain());
    assertThat(rsa.algorithm()).isEqualTo(CoseAlgorithm.PS384);
    ExternalSignature s = rsa.sign(CoseAlgorithm.PS384, new byte[] {1, 2, 3});
    assertThat(s.certificateChain()).isEqualTo(RSA.chain());
    s.check(CoseAlgorithm.PS384, new byte[] {1, 2, 3}, NOW);
    assertThatThrownBy(() -> s.check(CoseAlgorithm.PS384, new byte[] {1, 2, 4}, NOW))
        .isInstanceOf(CoseSignatureException.class)
        .hasMessageContaining("does not verify");
  }

  @Test
  void privateKeySignerRefusesAnotherAlgorithm() {
    PrivateKeySigner ec = PrivateKeySigner.of(EC.privateKey(), EC.chain());
    assertThatThrownBy(() -> ec.sign(CoseAlgorithm.ES384, new byte[] {1}))
        .isInstanceOf(CoseSignatureException.class)
        .hasMessageContaining("ES384")
        .hasMessageContaining("ES256");
  }

  @Test
  void privateKeySignerWithAnExplicitProviderSignsThroughIt() throws Exception {
    PrivateKeySigner viaSunEc =
        PrivateKeySigner.builder(EC.privateKey(), EC.chain())
            .provider(Security.getProvider("SunEC"))
            .build();
    assertThat(viaSunEc.toString()).contains("SunEC");
    byte[] env = sign(viaSunEc);
    assertThat(NotaryEnvelopeVerifier.builder().build().verify(env).certificateChain())
        .isEqualTo(EC.chain());
    PrivateKeySigner wrongProvider =
        PrivateKeySigner.builder(RSA.privateKey(), RSA.chain())
            .provider(Security.getProvider("SunEC"))
            .build();
    assertThatThrownBy(() -> wrongProvider.sign(CoseAlgorithm.PS384, new byte[] {1}))
        .isInstanceOf(CoseSignatureException.class)
        .hasMessageContaining("cannot sign with PS384");
  }

  @Test
  void envelopeFromAnExternalSignerVerifiesAndCarriesTheReturnedChain() throws Exception {
    byte[] env = sign(holder(RSA, (alg, s) -> s));
    VerifiedNotaryEnvelope v = NotaryEnvelopeVerifier.builder().build().verify(env);
    assertThat(v.algorithm()).isEqualTo(CoseAlgorithm.PS384);
    assertThat(v.certificateChain()).isEqualTo(RSA.chain());
    assertThat(v.targetArtifact()).isEqualTo(TARGET);
  }

  @Test
  void aSignatureThatDoesNotVerifyIsRefused() {
    ExternalSigner flips =
        holder(
            EC,
            (alg, s) -> {
              byte[] sig = s.signature();
              sig[5] ^= 1;
              return ExternalSignature.of(sig, s.certificateChain());
            });
    assertThatThrownBy(() -> sign(flips))
        .isInstanceOf(CoseSignatureException.class)
        .hasMessageContaining("does not verify");
  }

  @Test
  void aChainWhoseLeafImpliesAnotherAlgorithmIsRefused() {
    ExternalSigner liar = holder(EC, (alg, s) -> ExternalSignature.of(s.signature(), RSA.chain()));
    assertThatThrownBy(() -> sign(liar))
        .isInstanceOf(CoseSignatureException.class)
        .hasMessageContaining("ES256")
        .hasMessageContaining("PS384");
  }

  @Test
  void aChainForAnotherKeyOfTheSameAlgorithmIsRefused() {
    TestCertificate other =
        TestCertificate.leafUnderIntermediate(TestCertificate.ecKeyPair("secp256r1"));
    ExternalSigner swap =
        holder(EC, (alg, s) -> ExternalSignature.of(s.signature(), other.chain()));
    assertThatThrownBy(() -> sign(swap))
        .isInstanceOf(CoseSignatureException.class)
        .hasMessageContaining("does not verify");
  }

  @Test
  void aChainThatBreaksTheCodeSigningRulesIsRefused() {
    List<X509Certificate> reversed = new ArrayList<>(EC.chain());
    Collections.reverse(reversed);
    ExternalSigner s = holder(EC, (alg, sig) -> ExternalSignature.of(sig.signature(), reversed));
    assertThatThrownBy(() -> sign(s)).isInstanceOf(CoseException.class);
    ExternalSigner leafOnly =
        holder(EC, (alg, sig) -> ExternalSignature.of(sig.signature(), List.of(EC.certificate())));
    assertThatThrownBy(() -> sign(leafOnly)).isInstanceOf(CertificateChainException.class);
  }

  @Test
  void externalSignatureRejectsEmptyParts() {
    assertThatThrownBy(() -> ExternalSignature.of(new byte[0], EC.chain()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("signature is empty");
    assertThatThrownBy(() -> ExternalSignature.of(new byte[] {1}, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("chain is empty");
  }
}
