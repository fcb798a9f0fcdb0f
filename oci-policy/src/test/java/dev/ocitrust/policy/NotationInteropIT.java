package dev.ocitrust.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.ImageManifest;
import dev.ocitrust.client.Manifest;
import dev.ocitrust.client.OciLayout;
import dev.ocitrust.cose.CoseAlgorithm;
import dev.ocitrust.cose.CoseSignatureException;
import dev.ocitrust.cose.HttpTimestampAuthority;
import dev.ocitrust.cose.NotaryEnvelopeFormat;
import dev.ocitrust.cose.NotaryEnvelopeSigner;
import dev.ocitrust.cose.NotaryEnvelopeVerifier;
import dev.ocitrust.cose.NotaryHeaders;
import dev.ocitrust.cose.TimestampVerifier;
import dev.ocitrust.cose.VerifiedNotaryEnvelope;
import dev.ocitrust.cose.VerifiedTimestamp;
import dev.ocitrust.policy.internal.OneLayerReferrer;
import dev.ocitrust.policy.internal.SignatureManifests;
import dev.ocitrust.testkit.PeerCli;
import dev.ocitrust.testkit.PeerResult;
import dev.ocitrust.testkit.TestCertificate;
import dev.ocitrust.testkit.TestTsa;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
  private Path layoutDir;
  private Descriptor image;

  @BeforeEach
  void setUp() throws Exception {
    config = tmp.resolve("xdg");
    Files.createDirectories(config);
    notation =
        PeerCli.of("notation")
            .withDirectory(tmp)
            .withEnv("XDG_CONFIG_HOME", config.toString())
            .withEnv("NOTATION_EXPERIMENTAL", "1");
    layoutDir = tmp.resolve("layout");
    image = Fixture.image(OciLayout.open(layoutDir), "v1", "layer for v1");
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
    Files.writeString(dir.resolve("root.pem"), TestCertificate.pem(List.of(cert)));
  }

  /** A root, an intermediate and a code-signing leaf with {@code leafKeys}, all of its type. */
  private static TestCertificate chain(KeyPair leafKeys) {
    boolean rsa = leafKeys.getPrivate().getAlgorithm().equals("RSA");
    TestCertificate root =
        TestCertificate.builder()
            .subject("CN=Test Root,O=ocitrust,C=US")
            .keyPair(
                rsa ? TestCertificate.rsaKeyPair(2048) : TestCertificate.ecKeyPair("secp384r1"))
            .certificateAuthority(1)
            .build();
    TestCertificate intermediate =
        TestCertificate.builder()
            .subject("CN=Test Intermediate,O=ocitrust,C=US")
            .keyPair(
                rsa ? TestCertificate.rsaKeyPair(2048) : TestCertificate.ecKeyPair("secp256r1"))
            .signedBy(root)
            .certificateAuthority(0)
            .build();
    return TestCertificate.builder()
        .subject("CN=Test Leaf,O=ocitrust,C=US")
        .keyPair(leafKeys)
        .signedBy(intermediate)
        .build();
  }

  /** The envelope blobs of every Notary signature of the image in the layout. */
  private List<byte[]> signatureEnvelopes() throws Exception {
    OciLayout layout = OciLayout.open(layoutDir);
    List<byte[]> out = new ArrayList<>();
    for (Descriptor d : layout.referrers(image, NotarySigner.ARTIFACT_TYPE)) {
      Manifest m = layout.fetchManifest(d);
      if (m instanceof ImageManifest im
          && im.layers().size() == 1
          && im.layers().get(0).mediaType().equals(NotaryHeaders.ENVELOPE_MEDIA_TYPE)) {
        try (InputStream in = layout.fetch(im.layers().get(0))) {
          out.add(in.readAllBytes());
        }
      }
    }
    return out;
  }

  @Test
  void notationTimestampsOcitrustVerifiesTheTimestamp() throws Exception {
    // the test certificate starts being valid at generation; genTime - accuracy (1 s) must not
    // precede it, so the TSA's clock runs ahead of the one the certificate was made with
    try (TestTsa tsa = TestTsa.create(Clock.offset(Clock.systemUTC(), TSA_AHEAD)).start()) {
      Path tsaRoot = tmp.resolve("tsa-root.pem");
      Files.writeString(tsaRoot, TestCertificate.pem(List.of(tsa.rootCertificate())));
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
          NotaryEnvelopeVerifier.builder().build().verify(signatureEnvelopes().get(0));
      VerifiedTimestamp ts =
          env.verifyTimestamp(TimestampVerifier.create(List.of(tsa.rootCertificate())));
      // genTime may be truncated to whole seconds
      assertThat(ts.genTime())
          .isBetween(before.plus(TSA_AHEAD).minusSeconds(1), after.plus(TSA_AHEAD));
      assertThat(ts.tsaChain()).endsWith(tsa.rootCertificate());
    }
  }

  @Test
  void ocitrustTimestampsNotationVerifiesTheTimestamp() throws Exception {
    try (TestTsa tsa = TestTsa.create(Clock.systemUTC()).start()) {
      TestCertificate leaf = chain(TestCertificate.rsaKeyPair(2048));
      byte[] envelope =
          NotaryEnvelopeSigner.builder(leaf.privateKey(), leaf.chain())
              .timestampAuthority(
                  HttpTimestampAuthority.create(
                      java.net.http.HttpClient.newHttpClient(), tsa.uri()),
                  TimestampVerifier.create(List.of(tsa.rootCertificate())))
              .build()
              .sign(Fixture.target(image));
      trustStore("ca", "ocitrust", leaf.root());
      trustStore("tsa", "loop", tsa.rootCertificate());
      trustPolicyWithStores("\"ca:ocitrust\",\"tsa:loop\"");
      replaceSignature(envelope, leaf.chain(), Instant.now());
      PeerResult ok = notationVerify();
      assertThat(ok.exitCode()).as(ok.describe()).isZero();
      // without the time stamp, notation (verifyTimestamp "always" with a tsa store) rejects it
      byte[] plain =
          NotaryEnvelopeSigner.builder(leaf.privateKey(), leaf.chain())
              .build()
              .sign(Fixture.target(image));
      replaceSignature(plain, leaf.chain(), Instant.now());
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
    List<byte[]> envelopes = signatureEnvelopes();
    assertThat(envelopes).hasSize(1);
    VerifiedNotaryEnvelope env = NotaryEnvelopeVerifier.builder().build().verify(envelopes.get(0));
    assertThat(env.targetArtifact()).isEqualTo(Fixture.target(image));
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
    OciLayout layout = OciLayout.open(layoutDir);
    for (Descriptor d : layout.referrers(image, NotarySigner.ARTIFACT_TYPE)) {
      layout.delete(d);
    }
    // notation 1.3 finds only the legacy (config.mediaType) form in OCI layouts
    ImageManifest m =
        SignatureManifests.build(NotaryEnvelopeFormat.COSE, envelope, chain, created, image, true);
    OneLayerReferrer.push(layout, image, envelope, m);
  }

  @Test
  void ocitrustSignsRsaNotationVerifies() throws Exception {
    ocitrustSignsNotationVerifies(chain(TestCertificate.rsaKeyPair(3072)));
  }

  @Test
  void ocitrustSignsEcNotationVerifies() throws Exception {
    ocitrustSignsNotationVerifies(chain(TestCertificate.ecKeyPair("secp256r1")));
  }

  private void ocitrustSignsNotationVerifies(TestCertificate leaf) throws Exception {
    byte[] envelope =
        NotaryEnvelopeSigner.builder(leaf.privateKey(), leaf.chain())
            .signingAgent("ocitrust-it/0.1")
            .build()
            .sign(Fixture.target(image));
    VerifiedNotaryEnvelope env = NotaryEnvelopeVerifier.builder().build().verify(envelope);
    trustStore("ocitrust", leaf.root());
    trustPolicy("ocitrust");
    replaceSignature(envelope, leaf.chain(), env.signingTime());
    PeerResult ok = notationVerify();
    assertThat(ok.exitCode()).as(ok.describe()).isZero();
    assertThat(ok.stdout()).contains("Successfully verified");

    byte[] tampered = envelope.clone();
    tampered[tampered.length - 2] ^= 0x01;
    replaceSignature(tampered, leaf.chain(), env.signingTime());
    PeerResult bad = notationVerify();
    assertThat(bad.exitCode()).as(bad.describe()).isNotZero();
    assertThatThrownBy(() -> NotaryEnvelopeVerifier.builder().build().verify(tampered))
        .isInstanceOf(CoseSignatureException.class);
  }

  @Test
  void ocitrustRejectsWhatNotationRejects_untrustedRoot() throws Exception {
    TestCertificate signer = chain(TestCertificate.ecKeyPair("secp256r1"));
    TestCertificate other = chain(TestCertificate.ecKeyPair("secp256r1"));
    byte[] envelope =
        NotaryEnvelopeSigner.builder(signer.privateKey(), signer.chain())
            .build()
            .sign(Fixture.target(image));
    trustStore("ocitrust", other.root());
    trustPolicy("ocitrust");
    replaceSignature(envelope, signer.chain(), Instant.now());
    PeerResult r = notationVerify();
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stderr()).contains("signature verification failed for all the signatures");
    // ocitrust's integrity check passes; trust is the policy layer's job, which would reject it
    // because no x5chain certificate equals the trusted root
    VerifiedNotaryEnvelope env = NotaryEnvelopeVerifier.builder().build().verify(envelope);
    assertThat(env.certificateChain()).isEqualTo(signer.chain());
  }
}
