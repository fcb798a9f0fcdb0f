package dev.ocitrust.cose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ocitrust.testkit.Peers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interop with the real notation CLI on OCI image layouts: notation signs, ocitrust verifies; ocitrust
 * signs (RSA and EC), notation verifies; a tampered envelope is rejected by both.
 */
class NotationInteropIT {
  @TempDir Path tmp;
  private Path notation;
  private Path config;
  private OciLayoutDir layout;
  private TargetArtifact image;

  @BeforeEach
  void setUp() throws IOException {
    notation = Peers.require("notation");
    config = tmp.resolve("xdg");
    Files.createDirectories(config);
    layout = new OciLayoutDir(tmp.resolve("layout"));
    image = layout.createImage("v1");
  }

  private record Result(int exit, String output) {}

  private Result notation(String... args) throws IOException, InterruptedException {
    List<String> cmd = new java.util.ArrayList<>();
    cmd.add(notation.toString());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectErrorStream(true);
    pb.environment().put("XDG_CONFIG_HOME", config.toString());
    pb.environment().put("NOTATION_EXPERIMENTAL", "1");
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("notation timed out: " + cmd);
    }
    Result r = new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    System.out.println("$ notation " + String.join(" ", args) + " -> " + r.exit + "\n" + r.output);
    return r;
  }

  private void trustPolicy(String store) throws IOException {
    trustPolicyWithStores("\"ca:" + store + "\"");
  }

  private void trustPolicyWithStores(String stores) throws IOException {
    Files.createDirectories(config.resolve("notation"));
    Files.writeString(config.resolve("notation/trustpolicy.json"), "{\"version\":\"1.0\","
        + "\"trustPolicies\":[{\"name\":\"it\",\"registryScopes\":[\"*\"],"
        + "\"signatureVerification\":{\"level\":\"strict\"},\"trustStores\":[" + stores
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
    Files.writeString(file, "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(cert.getEncoded())
        + "\n-----END CERTIFICATE-----\n");
  }

  @Test
  void notationTimestampsOcitrustVerifiesTheTimestamp() throws Exception {
    try (LoopbackTsa tsa = new LoopbackTsa(java.time.Clock.systemUTC())) {
      Path tsaRoot = tmp.resolve("tsa-root.pem");
      writePem(tsaRoot, tsa.root);
      assertThat(notation("cert", "generate-test", "--default", "ts.test").exit()).isZero();
      // the test certificate starts being valid at generation; genTime - accuracy (1 s) must
      // not precede it, so let the clock move on first
      Thread.sleep(2_100);
      Result sign = notation("sign", "--oci-layout", "layout:v1", "--signature-format", "cose",
          "--timestamp-url", tsa.uri().toString(), "--timestamp-root-cert", tsaRoot.toString());
      assertThat(sign.exit()).as(sign.output()).isZero();
      VerifiedNotaryEnvelope env =
          NotaryEnvelopeVerifier.builder().build().verify(layout.signatureEnvelopes().get(0));
      VerifiedTimestamp ts = env.verifyTimestamp(TimestampVerifier.create(List.of(tsa.root)));
      assertThat(ts.genTime()).isBetween(Instant.now().minusSeconds(300), Instant.now());
      assertThat(ts.tsaChain()).endsWith(tsa.root);
    }
  }

  @Test
  void ocitrustTimestampsNotationVerifiesTheTimestamp() throws Exception {
    try (LoopbackTsa tsa = new LoopbackTsa(java.time.Clock.systemUTC())) {
      TestPki.Chain chain = TestPki.rsaChain(TestKeys.rsa(2048));
      byte[] envelope = NotaryEnvelopeSigner.builder(chain.leafKeys().getPrivate(), chain.certs())
          .timestampAuthority(HttpTimestampAuthority.create(
              java.net.http.HttpClient.newHttpClient(), tsa.uri()),
              TimestampVerifier.create(List.of(tsa.root)))
          .build().sign(image);
      trustStore("ca", "ocitrust", chain.root());
      trustStore("tsa", "loop", tsa.root);
      trustPolicyWithStores("\"ca:ocitrust\",\"tsa:loop\"");
      replaceSignature(envelope, chain.certs(), Instant.now());
      Result ok = notationVerify();
      assertThat(ok.exit()).as(ok.output()).isZero();
      // without the time stamp, notation (verifyTimestamp "always" with a tsa store) rejects it
      byte[] plain = NotaryEnvelopeSigner.builder(chain.leafKeys().getPrivate(), chain.certs())
          .build().sign(image);
      replaceSignature(plain, chain.certs(), Instant.now());
      Result bad = notationVerify();
      assertThat(bad.exit()).as(bad.output()).isNotZero();
    }
  }

  private Result notationVerify() throws Exception {
    return notation("verify", "--oci-layout", "layout@" + image.digest(), "--scope", "local/layout");
  }

  private static X509Certificate readCert(Path pem) throws Exception {
    try (var in = Files.newInputStream(pem)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  @Test
  void notationSignsOcitrustVerifies() throws Exception {
    assertThat(notation("cert", "generate-test", "--default", "interop.test").exit()).isZero();
    Result sign = notation("sign", "--oci-layout", "layout:v1", "--signature-format", "cose");
    assertThat(sign.exit()).as(sign.output()).isZero();
    List<byte[]> envelopes = layout.signatureEnvelopes();
    assertThat(envelopes).hasSize(1);
    VerifiedNotaryEnvelope env = NotaryEnvelopeVerifier.builder().build().verify(envelopes.get(0));
    assertThat(env.targetArtifact()).isEqualTo(image);
    // generate-test makes an RSA key (2048 bits in notation 1.3.2)
    assertThat(env.algorithm()).isIn(CoseAlgorithm.PS256, CoseAlgorithm.PS384, CoseAlgorithm.PS512);
    X509Certificate trusted = readCert(
        config.resolve("notation/truststore/x509/ca/interop.test/interop.test.crt"));
    assertThat(env.certificateChain()).contains(trusted);
    env.checkChainValidAt(Instant.now());
    assertThat(env.signingAgent()).hasValueSatisfying(a -> assertThat(a).startsWith("notation"));

    // tamper with one signed byte: ocitrust rejects, and so does notation
    byte[] tampered = envelopes.get(0).clone();
    tampered[tampered.length - 1] ^= 0x01;
    assertThatThrownBy(() -> NotaryEnvelopeVerifier.builder().build().verify(tampered))
        .isInstanceOf(CoseSignatureException.class);
    trustPolicy("interop.test");
    assertThat(notationVerify().exit()).isZero();
    replaceSignature(tampered, env.certificateChain(), env.signingTime());
    Result bad = notationVerify();
    assertThat(bad.exit()).as(bad.output()).isNotZero();
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
    byte[] envelope = NotaryEnvelopeSigner.builder(chain.leafKeys().getPrivate(), chain.certs())
        .signingAgent("ocitrust-it/0.1").build().sign(image);
    VerifiedNotaryEnvelope env = NotaryEnvelopeVerifier.builder().build().verify(envelope);
    trustStore("ocitrust", chain.root());
    trustPolicy("ocitrust");
    replaceSignature(envelope, chain.certs(), env.signingTime());
    Result ok = notationVerify();
    assertThat(ok.exit()).as(ok.output()).isZero();
    assertThat(ok.output()).contains("Successfully verified");

    byte[] tampered = envelope.clone();
    tampered[tampered.length - 2] ^= 0x01;
    replaceSignature(tampered, chain.certs(), env.signingTime());
    Result bad = notationVerify();
    assertThat(bad.exit()).as(bad.output()).isNotZero();
    assertThatThrownBy(() -> NotaryEnvelopeVerifier.builder().build().verify(tampered))
        .isInstanceOf(CoseSignatureException.class);
  }

  @Test
  void ocitrustRejectsWhatNotationRejects_untrustedRoot() throws Exception {
    TestPki.Chain signer = TestPki.chain(TestKeys.ec("secp256r1"));
    TestPki.Chain other = TestPki.chain(TestKeys.ec("secp256r1"));
    byte[] envelope = NotaryEnvelopeSigner.builder(signer.leafKeys().getPrivate(), signer.certs())
        .build().sign(image);
    trustStore("ocitrust", other.root());
    trustPolicy("ocitrust");
    replaceSignature(envelope, signer.certs(), Instant.now());
    Result r = notationVerify();
    assertThat(r.exit()).isNotZero();
    assertThat(r.output()).contains("signature verification failed for all the signatures");
    // ocitrust's integrity check passes; trust is the policy layer's job, which would reject it
    // because no x5chain certificate equals the trusted root
    VerifiedNotaryEnvelope env = NotaryEnvelopeVerifier.builder().build().verify(envelope);
    assertThat(env.certificateChain()).doesNotContain(other.root());
  }
}
