package dev.ocitrust.cose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ocitrust.testkit.PeerCli;
import dev.ocitrust.testkit.PeerResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interop with the real notation CLI on OCI image layouts: notation signs, ocitrust verifies;
 * ocitrust signs (RSA and EC), notation verifies; a tampered envelope is rejected by both.
 */
class NotationInteropIT {
  /** How far ahead of the system clock the TSA stamps when notation signs with it. */
  private static final Duration TSA_AHEAD = Duration.ofSeconds(5);

  @TempDir Path tmp;
  private PeerCli notation;
  private Path config;
  private OciLayoutDir layout;
  private TargetArtifact image;

  @BeforeEach
  void setUp() throws IOException {
    config = tmp.resolve("xdg");
    Files.createDirectories(config);
    notation =
        PeerCli.of("notation")
            .withDirectory(tmp)
            .withEnv("XDG_CONFIG_HOME", config.toString())
            .withEnv("NOTATION_EXPERIMENTAL", "1");
    layout = new OciLayoutDir(tmp.resolve("layout"));
    image = layout.createImage("v1");
  }

  private PeerResult notation(String... args) {
    PeerResult r = notation.run(args);
    System.out.println(r.describe());
    return r;
  }

  private void trustPolicy(String store) throws IOException {
    trustPolicyWithStores("\"ca:" + store + "\"");
  }

  private void trustPolicyWithStores(String stores) throws IOException {
    Files.createDirectories(config.resolve("notation"));
    Files.writeString(
        config.resolve("notation/trustpolicy.json"),
        "{\"version\":\"1.0\","
            + "\"trustPolicies\":[{\"name\":\"it\",\"registryScopes\":[\"*\"],"
            + "\"signatureVerification\":{\"level\":\"strict\"},\"trustStores\":["
            + stores
            + "],\"trustedIdentities\":[\"*\"]}]}");
  }

  private void trustStore(String store, X509Certificate cert) throws Exception {
    trustStore("ca", store, cert);
  }

  private void trustStore(String type, String store, X509Certificate cert) throws Exception {
    Path dir = config.resolve("notation/truststore/x509").resolve(type).resolve(store);
    Files.createDirectories(dir);
    writePem(dir.resolve("root.pem"), cert);
  }

  private static void writePem(Path file, X509Certificate cert) throws Exception {
    Files.writeString(
        file,
        "-----BEGIN CERTIFICATE-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(cert.getEncoded())
            + "\n-----END CERTIFICATE-----\n");
  }

  @Test
  void notationTimestampsOcitrustVerifiesTheTimestamp() throws Exception {
    // the test certificate starts being valid at generation; genTime - accuracy (1 s) must not
    // precede it, so the TSA's clock runs ahead of the one the certificate was made with
    try (LoopbackTsa tsa = new LoopbackTsa(Clock.offset(Clock.systemUTC(), TSA_AHEAD))) {
      Path tsaRoot = tmp.resolve("tsa-root.pem");
      writePem(tsaRoot, tsa.root);
      assertThat(notation("cert", "generate-test", "--default", "ts.test").exitCode()).isZero();
      Instant before = Instant.now();
      PeerResult sign =
          notation(
              "sign",
              "--oci-layout",
              "layout:v1",
              "--signature-format",
              "cose",
              "--timestamp-url",
              tsa.uri().toString(),
              "--timestamp-root-cert",
              tsaRoot.toString());
      Instant after = Instant.now();
      assertThat(sign.exitCode()).as(sign.describe()).isZero();
      VerifiedNotaryEnvelope env =
          NotaryEnvelopeVerifier.builder().build().verify(layout.signatureEnvelopes().get(0));
      VerifiedTimestamp ts = env.verifyTimestamp(TimestampVerifier.create(List.of(tsa.root)));
      // genTime may be truncated to whole seconds
      assertThat(ts.genTime())
          .isBetween(before.plus(TSA_AHEAD).minusSeconds(1), after.plus(TSA_AHEAD));
      assertThat(ts.tsaChain()).endsWith(tsa.root);
    }
  }

  @Test
  void ocitrustTimestampsNotationVerifiesTheTimestamp() throws Exception {
    try (LoopbackTsa tsa = new LoopbackTsa(Clock.systemUTC())) {
      TestPki.Chain chain = TestPki.rsaChain(TestKeys.rsa(2048));
      byte[] envelope =
          NotaryEnvelopeSigner.builder(chain.leafKeys().getPrivate(), chain.certs())
              .timestampAuthority(
                  HttpTimestampAuthority.create(
                      java.net.http.HttpClient.newHttpClient(), tsa.uri()),
                  TimestampVerifier.create(List.of(tsa.root)))
              .build()
              .sign(image);
      trustStore("ca", "ocitrust", chain.root());
      trustStore("tsa", "loop", tsa.root);
      trustPolicyWithStores("\"ca:ocitrust\",\"tsa:loop\"");
      replaceSignature(envelope, chain.certs(), Instant.now());
      PeerResult ok = notationVerify();
      assertThat(ok.exitCode()).as(ok.describe()).isZero();
      // without the time stamp, notation (verifyTimestamp "always" with a tsa store) rejects it
      byte[] plain =
          NotaryEnvelopeSigner.builder(chain.leafKeys().getPrivate(), chain.certs())
              .build()
              .sign(image);
      replaceSignature(plain, chain.certs(), Instant.now());
      PeerResult bad = notationVerify();
      assertThat(bad.exitCode()).as(bad.describe()).isNotZero();
    }
  }

  private PeerResult notationVerify() {
    return notation(
        "verify", "--oci-layout", "layout@" + image.digest(), "--scope", "local/layout");
  }

  private static X509Certificate readCert(Path pem) throws Exception {
    try (var in = Files.newInputStream(pem)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  @Test
  void notationSignsOcitrustVerifies() throws Exception {
    assertThat(notation("cert", "generate-test", "--default", "interop.test").exitCode()).isZero();
    PeerResult sign = notation("sign", "--oci-layout", "layout:v1", "--signature-format", "cose");
    assertThat(sign.exitCode()).as(sign.describe()).isZero();
    List<byte[]> envelopes = layout.signatureEnvelopes();
    assertThat(envelopes).hasSize(1);
    VerifiedNotaryEnvelope env = NotaryEnvelopeVerifier.builder().build().verify(envelopes.get(0));
    assertThat(env.targetArtifact()).isEqualTo(image);
    // generate-test makes an RSA key (2048 bits in notation 1.3.2)
    assertThat(env.algorithm()).isIn(CoseAlgorithm.PS256, CoseAlgorithm.PS384, CoseAlgorithm.PS512);
    X509Certificate trusted =
        readCert(config.resolve("notation/truststore/x509/ca/interop.test/interop.test.crt"));
    assertThat(env.certificateChain()).contains(trusted);
    env.checkChainValidAt(Instant.now());
    assertThat(env.signingAgent()).hasValueSatisfying(a -> assertThat(a).startsWith("notation"));

    // tamper with one signed byte: ocitrust rejects, and so does notation
    byte[] tampered = envelopes.get(0).clone();
    tampered[tampered.length - 1] ^= 0x01;
    assertThatThrownBy(() -> NotaryEnvelopeVerifier.builder().build().verify(tampered))
        .isInstanceOf(CoseSignatureException.class);
    trustPolicy("interop.test");
    assertThat(notationVerify().exitCode()).isZero();
    replaceSignature(tampered, env.certificateChain(), env.signingTime());
    PeerResult bad = notationVerify();
    assertThat(bad.exitCode()).as(bad.describe()).isNotZero();
  }

  private void replaceSignature(byte[] envelope, List<X509Certificate> chain, Instant created)
      throws Exception {
    layout.removeSignatures();
    NotarySignatureManifest m = NotarySignatureManifest.of(envelope, chain, created, image);
    layout.putBlob(NotarySignatureManifest.emptyConfig());
    layout.putBlob(m.envelope());
    // notation 1.3 finds only the legacy (config.mediaType) form in OCI layouts
    layout.addManifest(m.legacyManifestJson());
  }

  @Test
  void ocitrustSignsRsaNotationVerifies() throws Exception {
    ocitrustSignsNotationVerifies(TestPki.rsaChain(TestKeys.rsa(3072)));
  }

  @Test
  void ocitrustSignsEcNotationVerifies() throws Exception {
    ocitrustSignsNotationVerifies(TestPki.chain(TestKeys.ec("secp256r1")));
  }

  private void ocitrustSignsNotationVerifies(TestPki.Chain chain) throws Exception {
    byte[] envelope =
        NotaryEnvelopeSigner.builder(chain.leafKeys().getPrivate(), chain.certs())
            .signingAgent("ocitrust-it/0.1")
            .build()
            .sign(image);
    VerifiedNotaryEnvelope env = NotaryEnvelopeVerifier.builder().build().verify(envelope);
    trustStore("ocitrust", chain.root());
    trustPolicy("ocitrust");
    replaceSignature(envelope, chain.certs(), env.signingTime());
    PeerResult ok = notationVerify();
    assertThat(ok.exitCode()).as(ok.describe()).isZero();
    assertThat(ok.stdout()).contains("Successfully verified");

    byte[] tampered = envelope.clone();
    tampered[tampered.length - 2] ^= 0x01;
    replaceSignature(tampered, chain.certs(), env.signingTime());
    PeerResult bad = notationVerify();
    assertThat(bad.exitCode()).as(bad.describe()).isNotZero();
    assertThatThrownBy(() -> NotaryEnvelopeVerifier.builder().build().verify(tampered))
        .isInstanceOf(CoseSignatureException.class);
  }

  @Test
  void ocitrustRejectsWhatNotationRejects_untrustedRoot() throws Exception {
    TestPki.Chain signer = TestPki.chain(TestKeys.ec("secp256r1"));
    TestPki.Chain other = TestPki.chain(TestKeys.ec("secp256r1"));
    byte[] envelope =
        NotaryEnvelopeSigner.builder(signer.leafKeys().getPrivate(), signer.certs())
            .build()
            .sign(image);
    trustStore("ocitrust", other.root());
    trustPolicy("ocitrust");
    replaceSignature(envelope, signer.certs(), Instant.now());
    PeerResult r = notationVerify();
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stderr()).contains("signature verification failed for all the signatures");
    // ocitrust's integrity check passes; trust is the policy layer's job, which would reject it
    // because no x5chain certificate equals the trusted root
    VerifiedNotaryEnvelope env = NotaryEnvelopeVerifier.builder().build().verify(envelope);
    assertThat(env.certificateChain()).isEqualTo(signer.certs());
  }
}
