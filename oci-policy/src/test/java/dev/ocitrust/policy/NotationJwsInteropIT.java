package dev.ocitrust.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.ImageManifest;
import dev.ocitrust.client.Manifest;
import dev.ocitrust.client.OciLayout;
import dev.ocitrust.cose.CoseSignatureException;
import dev.ocitrust.cose.HttpTimestampAuthority;
import dev.ocitrust.cose.NotaryEnvelopeFormat;
import dev.ocitrust.cose.NotaryEnvelopeSigner;
import dev.ocitrust.cose.NotaryEnvelopeVerifier;
import dev.ocitrust.cose.TimestampVerifier;
import dev.ocitrust.cose.VerifiedNotaryEnvelope;
import dev.ocitrust.policy.internal.OneLayerReferrer;
import dev.ocitrust.policy.internal.SignatureManifests;
import dev.ocitrust.testkit.PeerCli;
import dev.ocitrust.testkit.PeerResult;
import dev.ocitrust.testkit.TestCertificate;
import dev.ocitrust.testkit.TestTsa;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JWS interop with the real notation CLI on OCI image layouts: {@code notation sign} in its default
 * format (JWS) and ocitrust verifies under every verification level, with the time stamp too;
 * ocitrust signs JWS (RSA and EC, with expiry, user metadata and a time stamp) and {@code notation
 * verify} passes; a tampered envelope fails in both.
 */
class NotationJwsInteropIT {
  private static final String SCOPE = "local/layout";
  private static final Duration TSA_AHEAD = Duration.ofSeconds(5);

  @TempDir Path tmp;
  private PeerCli notation;
  private Path notationDir;
  private Path layoutDir;
  private Descriptor image;

  @BeforeEach
  void setUp() throws Exception {
    Path xdg = tmp.resolve("xdg");
    notationDir = xdg.resolve("notation");
    Files.createDirectories(notationDir);
    notation =
        PeerCli.of("notation")
            .withDirectory(tmp)
            .withEnv("XDG_CONFIG_HOME", xdg.toString())
            .withEnv("NOTATION_EXPERIMENTAL", "1");
    layoutDir = tmp.resolve("layout");
    image = Fixture.image(OciLayout.open(layoutDir), "v1", "layer for v1");
  }

  private PeerResult notation(String... args) {
    PeerResult r = notation.run(args);
    System.out.println(r.describe());
    return r;
  }

  private PeerResult notationVerify() {
    return notation("verify", "--oci-layout", "layout@" + image.digest(), "--scope", SCOPE);
  }

  private void policy(String level, String stores, String extra) throws Exception {
    boolean skip = level.equals("skip");
    Files.writeString(
        notationDir.resolve("trustpolicy.json"),
        Fixture.policyJson(
            SCOPE,
            "{\"level\":\"" + level + "\"" + extra + "}",
            skip ? null : stores,
            skip ? null : "\"*\""));
  }

  private VerificationResult ocitrustVerify(Map<String, String> metadata) throws Exception {
    NotationPaths paths = NotationPaths.of(notationDir);
    return NotaryVerifier.builder(
            OciTrustPolicy.load(paths), DirectoryTrustStore.atConfigDirectory(notationDir))
        .build()
        .verify(OciLayout.open(layoutDir), SCOPE, image.digest().toString(), metadata);
  }

  /** The one signature manifest of the image, and its envelope layer. */
  private ImageManifest signatureManifest() throws Exception {
    OciLayout layout = OciLayout.open(layoutDir);
    List<Descriptor> sigs = layout.referrers(image, NotarySigner.ARTIFACT_TYPE);
    assertThat(sigs).hasSize(1);
    Manifest m = layout.fetchManifest(sigs.get(0));
    return (ImageManifest) m;
  }

  private byte[] envelope(ImageManifest m) throws Exception {
    try (InputStream in = OciLayout.open(layoutDir).fetch(m.layers().get(0))) {
      return in.readAllBytes();
    }
  }

  /**
   * Replaces every signature of the image by {@code envelope} (OCI 1.0 form, as notation reads).
   */
  private void replaceSignature(byte[] envelope, VerifiedNotaryEnvelope env) throws Exception {
    OciLayout layout = OciLayout.open(layoutDir);
    for (Descriptor d : layout.referrers(image, NotarySigner.ARTIFACT_TYPE)) {
      layout.delete(d);
    }
    ImageManifest m =
        SignatureManifests.build(
            NotaryEnvelopeFormat.JWS,
            envelope,
            env.certificateChain(),
            env.signingTime(),
            image,
            true);
    OneLayerReferrer.push(layout, image, envelope, m);
  }

  /** One character of the base64url signature changed: the signed bytes stay, the signature not. */
  private static byte[] tamperSignature(byte[] envelope) {
    String text = new String(envelope, StandardCharsets.UTF_8);
    int at = text.indexOf("\"signature\":\"") + "\"signature\":\"".length() + 5;
    char c = text.charAt(at);
    return (text.substring(0, at) + (c == 'A' ? 'B' : 'A') + text.substring(at + 1))
        .getBytes(StandardCharsets.UTF_8);
  }

  private static TestCertificate chain(KeyPair leafKeys) {
    TestCertificate root =
        TestCertificate.builder()
            .subject("CN=JWS Root,O=ocitrust,C=US")
            .certificateAuthority(1)
            .build();
    TestCertificate intermediate =
        TestCertificate.builder()
            .subject("CN=JWS Intermediate,O=ocitrust,C=US")
            .signedBy(root)
            .certificateAuthority(0)
            .build();
    return TestCertificate.builder()
        .subject("CN=JWS Leaf,O=ocitrust,ST=WA,C=US")
        .keyPair(leafKeys)
        .signedBy(intermediate)
        .build();
  }

  @Test
  void notationSignsJwsByDefaultOcitrustVerifiesAtEveryLevel() throws Exception {
    assertThat(notation("cert", "generate-test", "--default", "jws.test").exitCode()).isZero();
    PeerResult sign =
        notation(
            "sign", "--oci-layout", "layout:v1", "--expiry", "1h", "--user-metadata", "stage=prod");
    assertThat(sign.exitCode()).as(sign.describe()).isZero();
    ImageManifest m = signatureManifest();
    assertThat(m.layers().get(0).mediaType()).isEqualTo("application/jose+json");
    byte[] envelope = envelope(m);
    VerifiedNotaryEnvelope env =
        NotaryEnvelopeVerifier.builder().build().verify(NotaryEnvelopeFormat.JWS, envelope);
    assertThat(env.format()).isEqualTo(NotaryEnvelopeFormat.JWS);
    assertThat(env.targetArtifact().digest()).isEqualTo(image.digest().toString());
    assertThat(env.targetArtifact().annotations()).containsEntry("stage", "prod");
    assertThat(env.expiry()).isPresent();
    assertThat(env.signingAgent()).hasValueSatisfying(a -> assertThat(a).startsWith("notation"));

    for (String level : List.of("strict", "permissive", "audit", "skip")) {
      policy(level, "\"ca:jws.test\"", "");
      PeerResult n = notationVerify();
      assertThat(n.exitCode()).as(level + ": " + n.describe()).isZero();
      VerificationResult r = ocitrustVerify(Map.of("stage", "prod"));
      if (level.equals("skip")) {
        assertThat(r.verdict()).isEqualTo(VerificationResult.Verdict.SKIPPED);
      } else {
        assertThat(r.isVerified()).as(level + ": " + r).isTrue();
        assertThat(r.acceptedSignature().orElseThrow().envelopeFormat())
            .contains(NotaryEnvelopeFormat.JWS);
        assertThat(r.summary()).contains("(jws)");
      }
    }

    // a tampered envelope: both reject it, at every level that verifies
    byte[] tampered = tamperSignature(envelope);
    assertThatThrownBy(
            () ->
                NotaryEnvelopeVerifier.builder().build().verify(NotaryEnvelopeFormat.JWS, tampered))
        .isInstanceOf(CoseSignatureException.class);
    replaceSignature(tampered, env);
    for (String level : List.of("strict", "permissive", "audit")) {
      policy(level, "\"ca:jws.test\"", "");
      PeerResult n = notationVerify();
      assertThat(n.exitCode()).as(level + ": " + n.describe()).isNotZero();
      assertThatThrownBy(() -> ocitrustVerify(Map.of()))
          .as(level)
          .isInstanceOf(VerificationFailedException.class)
          .hasMessageContaining("integrity failed");
    }
  }

  @Test
  void notationTimestampsJwsOcitrustVerifiesTheTimestamp() throws Exception {
    try (TestTsa tsa = TestTsa.create(Clock.offset(Clock.systemUTC(), TSA_AHEAD)).start()) {
      Path tsaRoot = tmp.resolve("tsa-root.pem");
      Files.writeString(tsaRoot, TestCertificate.pem(List.of(tsa.rootCertificate())));
      assertThat(notation("cert", "generate-test", "--default", "ts.test").exitCode()).isZero();
      PeerResult sign =
          notation(
              "sign",
              "--oci-layout",
              "layout:v1",
              "--timestamp-url",
              tsa.uri().toString(),
              "--timestamp-root-cert",
              tsaRoot.toString());
      assertThat(sign.exitCode()).as(sign.describe()).isZero();
      NotationMatrix.writePem(
          notationDir.resolve("truststore/x509/tsa/loop/root.pem"), tsa.rootCertificate());
      policy("strict", "\"ca:ts.test\",\"tsa:loop\"", ",\"verifyTimestamp\":\"always\"");
      assertThat(notationVerify().exitCode()).isZero();
      VerificationResult r = ocitrustVerify(Map.of());
      assertThat(r.isVerified()).as(r.toString()).isTrue();
      assertThat(r.verifiedEnvelope().orElseThrow().timestampToken()).isPresent();
      assertThat(
              r.acceptedSignature()
                  .orElseThrow()
                  .outcome(VerificationCheck.AUTHENTIC_TIMESTAMP)
                  .orElseThrow()
                  .reason())
          .startsWith("time stamp");
    }
  }

  @Test
  void ocitrustSignsRsaJwsNotationVerifies() throws Exception {
    ocitrustSignsJwsNotationVerifies(chain(TestCertificate.rsaKeyPair(3072)));
  }

  @Test
  void ocitrustSignsEcJwsNotationVerifies() throws Exception {
    ocitrustSignsJwsNotationVerifies(chain(TestCertificate.ecKeyPair("secp384r1")));
  }

  private void ocitrustSignsJwsNotationVerifies(TestCertificate leaf) throws Exception {
    NotaryEnvelopeSigner signer =
        NotaryEnvelopeSigner.builder(leaf.privateKey(), leaf.chain())
            .format(NotaryEnvelopeFormat.JWS)
            .expiry(Duration.ofDays(1))
            .signingAgent("ocitrust-it/0.1")
            .build();
    Descriptor sig =
        NotarySigner.builder(signer)
            .legacyManifest(true)
            .build()
            .sign(OciLayout.open(layoutDir), "v1", Map.of("stage", "prod"));
    assertThat(signatureManifest().descriptor()).isEqualTo(sig);
    NotationMatrix.writePem(
        notationDir.resolve("truststore/x509/ca/ocitrust/root.pem"), leaf.root());
    policy("strict", "\"ca:ocitrust\"", "");
    PeerResult ok =
        notation(
            "verify",
            "--oci-layout",
            "layout@" + image.digest(),
            "--scope",
            SCOPE,
            "--user-metadata",
            "stage=prod");
    assertThat(ok.exitCode()).as(ok.describe()).isZero();
    assertThat(ok.stdout()).contains("Successfully verified");
    assertThat(ocitrustVerify(Map.of("stage", "prod")).isVerified()).isTrue();

    byte[] envelope = envelope(signatureManifest());
    VerifiedNotaryEnvelope env =
        NotaryEnvelopeVerifier.builder().build().verify(NotaryEnvelopeFormat.JWS, envelope);
    replaceSignature(tamperSignature(envelope), env);
    PeerResult bad = notationVerify();
    assertThat(bad.exitCode()).as(bad.describe()).isNotZero();
    assertThatThrownBy(() -> ocitrustVerify(Map.of()))
        .isInstanceOf(VerificationFailedException.class)
        .hasMessageContaining("integrity failed");
  }

  @Test
  void ocitrustTimestampsJwsNotationVerifiesTheTimestamp() throws Exception {
    // ocitrust requires genTime - accuracy (1 s) not before the signing time: the TSA runs ahead
    try (TestTsa tsa = TestTsa.create(Clock.offset(Clock.systemUTC(), TSA_AHEAD)).start()) {
      TestCertificate leaf = chain(TestCertificate.rsaKeyPair(2048));
      byte[] envelope =
          NotaryEnvelopeSigner.builder(leaf.privateKey(), leaf.chain())
              .format(NotaryEnvelopeFormat.JWS)
              .timestampAuthority(
                  HttpTimestampAuthority.create(
                      java.net.http.HttpClient.newHttpClient(), tsa.uri()),
                  TimestampVerifier.create(List.of(tsa.rootCertificate())))
              .build()
              .sign(Fixture.target(image));
      VerifiedNotaryEnvelope env =
          NotaryEnvelopeVerifier.builder().build().verify(NotaryEnvelopeFormat.JWS, envelope);
      assertThat(env.timestampToken()).isPresent();
      NotationMatrix.writePem(
          notationDir.resolve("truststore/x509/ca/ocitrust/root.pem"), leaf.root());
      NotationMatrix.writePem(
          notationDir.resolve("truststore/x509/tsa/loop/root.pem"), tsa.rootCertificate());
      policy("strict", "\"ca:ocitrust\",\"tsa:loop\"", ",\"verifyTimestamp\":\"always\"");
      replaceSignature(envelope, env);
      PeerResult ok = notationVerify();
      assertThat(ok.exitCode()).as(ok.describe()).isZero();
      assertThat(ocitrustVerify(Map.of()).isVerified()).isTrue();
      // the same signature without its time stamp: both reject it under verifyTimestamp always
      byte[] plain =
          NotaryEnvelopeSigner.builder(leaf.privateKey(), leaf.chain())
              .format(NotaryEnvelopeFormat.JWS)
              .build()
              .sign(Fixture.target(image));
      replaceSignature(plain, env);
      PeerResult bad = notationVerify();
      assertThat(bad.exitCode()).as(bad.describe()).isNotZero();
      assertThatThrownBy(() -> ocitrustVerify(Map.of()))
          .isInstanceOf(VerificationFailedException.class)
          .hasMessageContaining("authenticTimestamp failed");
    }
  }
}
