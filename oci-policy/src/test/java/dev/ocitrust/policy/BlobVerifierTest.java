package dev.ocitrust.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ocitrust.cose.NotaryEnvelopeSigner;
import dev.ocitrust.cose.TargetArtifact;
import dev.ocitrust.cose.TimestampVerifier;
import dev.ocitrust.testkit.TestCertificate;
import dev.ocitrust.testkit.TestTsa;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link BlobSigner} and {@link BlobVerifier}: the blob payload (media type, digest with the key's
 * hash, size, user metadata), the signature file name, statement selection (by name, global),
 * levels, and every blob check that must reject.
 */
class BlobVerifierTest {
  private static final RevocationChecker NO_REVOCATION = (chain, t) -> {};
  private static final String TEXT = "net-monitor v1 release notes\n";

  private static TestCertificate root;
  private static TestCertificate rsa2048;
  private static TestCertificate ec384;
  private static InMemoryTrustStore stores;

  @TempDir Path tmp;

  @BeforeAll
  static void pki() throws Exception {
    root = Fixture.trustedRoot();
    rsa2048 = Fixture.leaf(Fixture.TRUSTED_DN, root);
    ec384 =
        TestCertificate.builder()
            .subject(Fixture.TRUSTED_DN)
            .ec("secp384r1")
            .signedBy(root)
            .build();
    stores =
        InMemoryTrustStore.builder()
            .add(TrustStoreRef.parse("ca:trusted"), root.certificate())
            .build();
  }

  /**
   * A policy of a global strict statement "global" and a named statement "named" of {@code level}.
   */
  private static BlobVerifier verifier(String namedLevel, String identity) throws Exception {
    String doc =
        "{\"version\":\"1.0\",\"trustPolicies\":["
            + "{\"name\":\"global\",\"globalPolicy\":true,\"signatureVerification\":{\"level\":"
            + "\"strict\"},\"trustStores\":[\"ca:trusted\"],\"trustedIdentities\":[\""
            + Fixture.IDENTITY
            + "\"]},"
            + "{\"name\":\"named\",\"signatureVerification\":{\"level\":\""
            + namedLevel
            + "\"}"
            + (namedLevel.equals("skip")
                ? ""
                : ",\"trustStores\":[\"ca:trusted\"],\"trustedIdentities\":[\"" + identity + "\"]")
            + "}]}";
    return BlobVerifier.builder(BlobTrustPolicy.parse(doc), stores)
        .revocationChecker(NO_REVOCATION)
        .build();
  }

  private static BlobVerifier verifier() throws Exception {
    return verifier("strict", Fixture.IDENTITY);
  }

  private Path blob(String text) throws Exception {
    return Files.writeString(tmp.resolve("notes.txt"), text);
  }

  private Path sign(TestCertificate leaf, Path blob, String mediaType, Map<String, String> meta)
      throws Exception {
    return BlobSigner.of(Fixture.signer(leaf).build()).sign(blob, tmp, mediaType, meta);
  }

  @Test
  void signsTheBlobDescriptorIntoFileDotCoseDotSigAndVerifies() throws Exception {
    Path blob = blob(TEXT);
    Path sig = sign(rsa2048, blob, "text/plain", Map.of("release", "v1"));
    assertThat(sig.getFileName()).hasToString("notes.txt.cose.sig");

    BlobVerificationResult r = verifier().verify(blob, sig, BlobVerifyOptions.defaults());

    assertThat(r.verdict()).isEqualTo(VerificationResult.Verdict.VERIFIED);
    assertThat(r.statement().name()).isEqualTo("global");
    TargetArtifact signed = r.signedTarget().orElseThrow();
    assertThat(signed.mediaType()).isEqualTo("text/plain");
    assertThat(signed.size()).isEqualTo(TEXT.length());
    assertThat(signed.digest())
        .isEqualTo(
            dev.ocitrust.client.Digest.sha256(TEXT.getBytes(StandardCharsets.UTF_8)).toString());
    assertThat(signed.annotations()).containsExactly(Map.entry("release", "v1"));
    assertThat(r.checks())
        .extracting(CheckOutcome::status)
        .doesNotContain(CheckOutcome.Status.FAILED);
  }

  @Test
  void theDigestUsesTheHashOfTheSigningKeysAlgorithm() throws Exception {
    Path blob = blob(TEXT);
    Path sig = sign(ec384, blob, BlobSigner.DEFAULT_MEDIA_TYPE, Map.of());

    BlobVerificationResult r = verifier().verify(blob, sig, BlobVerifyOptions.defaults());

    assertThat(r.signedTarget().orElseThrow().digest()).startsWith("sha384:").hasSize(7 + 96);
    assertThat(r.signedTarget().orElseThrow().mediaType()).isEqualTo("application/octet-stream");
  }

  @Test
  void aP521KeySignsSha512AndADigestOfAnotherHashIsRejected() throws Exception {
    TestCertificate ec521 =
        TestCertificate.builder()
            .subject(Fixture.TRUSTED_DN)
            .ec("secp521r1")
            .signedBy(root)
            .build();
    Path blob = blob(TEXT);
    Path sig = sign(ec521, blob, "text/plain", Map.of());
    assertThat(
            verifier()
                .verify(blob, sig, BlobVerifyOptions.defaults())
                .signedTarget()
                .orElseThrow()
                .digest())
        .startsWith("sha512:");

    // a P-384 key must sign a sha384 digest: a correct sha256 digest of the blob is not accepted
    byte[] bytes = TEXT.getBytes(StandardCharsets.UTF_8);
    byte[] envelope =
        Fixture.signer(ec384)
            .build()
            .sign(
                TargetArtifact.of(
                    "text/plain",
                    dev.ocitrust.client.Digest.sha256(bytes).toString(),
                    bytes.length));
    assertThatThrownBy(
            () ->
                verifier()
                    .verify(
                        new ByteArrayInputStream(bytes),
                        "notes.txt",
                        envelope,
                        BlobVerifyOptions.defaults()))
        .isInstanceOf(BlobVerificationFailedException.class)
        .hasMessageContaining("does not use sha384, the hash of the signing key's algorithm ES384");
  }

  @Test
  void anExpiredSignerVerifiesThroughItsTimeStampAndOnlyThrough() throws Exception {
    Instant now = Instant.now();
    Instant signedAt = now.minus(Duration.ofDays(10));
    TestTsa tsa = Fixture.tsa(Clock.fixed(signedAt.plusSeconds(5), ZoneOffset.UTC));
    TestCertificate expired = Fixture.expiredLeaf(root, now);
    Path blob = blob(TEXT);
    Path sig =
        BlobSigner.of(
                Fixture.signer(expired)
                    .clock(Clock.fixed(signedAt, ZoneOffset.UTC))
                    .timestampAuthority(
                        tsa::respond, TimestampVerifier.create(List.of(tsa.rootCertificate())))
                    .build())
            .sign(blob, tmp, "text/plain", Map.of());
    String doc =
        "{\"version\":\"1.0\",\"trustPolicies\":[{\"name\":\"tsa\",\"globalPolicy\":true,"
            + "\"signatureVerification\":{\"level\":\"strict\",\"verifyTimestamp\":"
            + "\"afterCertExpiry\"},\"trustStores\":[\"ca:trusted\"%s],\"trustedIdentities\":[\"*\"]}]}";
    InMemoryTrustStore withTsa =
        InMemoryTrustStore.builder()
            .add(TrustStoreRef.parse("ca:trusted"), root.certificate())
            .add(TrustStoreRef.parse("tsa:tsa"), tsa.rootCertificate())
            .build();

    BlobVerificationResult r =
        BlobVerifier.builder(BlobTrustPolicy.parse(String.format(doc, ",\"tsa:tsa\"")), withTsa)
            .revocationChecker(NO_REVOCATION)
            .build()
            .verify(blob, sig, BlobVerifyOptions.defaults());
    assertThat(r.isVerified()).isTrue();
    assertThat(r.checks())
        .filteredOn(c -> c.check() == VerificationCheck.AUTHENTIC_TIMESTAMP)
        .singleElement()
        .satisfies(c -> assertThat(c.reason()).contains("time stamp"));
    // without a tsa store the expired certificate is judged now
    BlobVerifier noTsa =
        BlobVerifier.builder(BlobTrustPolicy.parse(String.format(doc, "")), withTsa)
            .revocationChecker(NO_REVOCATION)
            .build();
    assertThatThrownBy(() -> noTsa.verify(blob, sig, BlobVerifyOptions.defaults()))
        .isInstanceOf(BlobVerificationFailedException.class)
        .hasMessageContaining("authenticTimestamp failed");
  }

  @Test
  void aTamperedBlobFailsOnItsDigestAndALongerOneOnItsSize() throws Exception {
    Path blob = blob(TEXT);
    Path sig = sign(rsa2048, blob, "text/plain", Map.of());
    Files.writeString(blob, TEXT.replace('v', 'w'));

    assertThatThrownBy(() -> verifier().verify(blob, sig, BlobVerifyOptions.defaults()))
        .isInstanceOf(BlobVerificationFailedException.class)
        .hasMessageContaining("digest mismatch");

    Files.writeString(blob, TEXT + "!");
    assertThatThrownBy(() -> verifier().verify(blob, sig, BlobVerifyOptions.defaults()))
        .isInstanceOf(BlobVerificationFailedException.class)
        .hasMessageContaining("size mismatch: the signature signs " + TEXT.length() + " bytes");
  }

  @Test
  void aRequiredMediaTypeOrUserMetadataMustBeSigned() throws Exception {
    Path blob = blob(TEXT);
    Path sig = sign(rsa2048, blob, "text/plain", Map.of("release", "v1"));
    BlobVerifier v = verifier();

    assertThat(
            v.verify(blob, sig, BlobVerifyOptions.builder().mediaType("text/plain").build())
                .isVerified())
        .isTrue();
    assertThatThrownBy(
            () -> v.verify(blob, sig, BlobVerifyOptions.builder().mediaType("text/html").build()))
        .isInstanceOf(BlobVerificationFailedException.class)
        .hasMessageContaining("media type mismatch: the signature signs text/plain");
    assertThatThrownBy(
            () ->
                v.verify(
                    blob, sig, BlobVerifyOptions.builder().userMetadata("release", "v2").build()))
        .isInstanceOf(BlobVerificationFailedException.class)
        .hasMessageContaining("release=v2 (found release=v1)");
    assertThat(
            v.verify(blob, sig, BlobVerifyOptions.builder().userMetadata("release", "v1").build())
                .isVerified())
        .isTrue();
  }

  @Test
  void theNamedStatementAppliesAndItsLevelDecides() throws Exception {
    Path blob = blob(TEXT);
    Path sig = sign(rsa2048, blob, "text/plain", Map.of());
    BlobVerifyOptions named = BlobVerifyOptions.builder().policyName("named").build();
    String stranger = "x509.subject: C=US, ST=WA, O=ocitrust, CN=someone else";

    // the global statement trusts the signer; the named one does not (strict: rejected)
    assertThat(
            verifier("strict", stranger)
                .verify(blob, sig, BlobVerifyOptions.defaults())
                .isVerified())
        .isTrue();
    assertThatThrownBy(() -> verifier("strict", stranger).verify(blob, sig, named))
        .isInstanceOf(BlobVerificationFailedException.class)
        .hasMessageContaining("authenticity failed");
    // audit logs authenticity and still verifies the blob itself
    BlobVerificationResult audit = verifier("audit", stranger).verify(blob, sig, named);
    assertThat(audit.isVerified()).isTrue();
    assertThat(audit.statement().name()).isEqualTo("named");
    assertThat(audit.checks())
        .anySatisfy(
            c -> {
              assertThat(c.check()).isEqualTo(VerificationCheck.AUTHENTICITY);
              assertThat(c.status()).isEqualTo(CheckOutcome.Status.FAILED);
              assertThat(c.action()).isEqualTo(CheckAction.LOG);
            });
    Files.writeString(blob, TEXT.toUpperCase(java.util.Locale.ROOT));
    assertThatThrownBy(() -> verifier("audit", stranger).verify(blob, sig, named))
        .isInstanceOf(BlobVerificationFailedException.class)
        .hasMessageContaining("digest mismatch");
    // skip reads nothing: not even a signature file that does not exist
    BlobVerificationResult skipped =
        verifier("skip", stranger).verify(blob, tmp.resolve("absent.cose.sig"), named);
    assertThat(skipped.verdict()).isEqualTo(VerificationResult.Verdict.SKIPPED);
  }

  @Test
  void anUnknownNameOrNoGlobalStatementIsAnError() throws Exception {
    Path blob = blob(TEXT);
    Path sig = sign(rsa2048, blob, "text/plain", Map.of());
    assertThatThrownBy(
            () -> verifier().verify(blob, sig, BlobVerifyOptions.builder().policyName("x").build()))
        .isInstanceOf(PolicyException.class)
        .hasMessage("no applicable blob trust policy with name \"x\"");
    BlobVerifier noGlobal =
        BlobVerifier.builder(
                BlobTrustPolicy.parse(
                    "{\"version\":\"1.0\",\"trustPolicies\":[{\"name\":\"n\",\"signatureVerification\":"
                        + "{\"level\":\"strict\"},\"trustStores\":[\"ca:trusted\"],"
                        + "\"trustedIdentities\":[\"*\"]}]}"),
                stores)
            .revocationChecker(NO_REVOCATION)
            .build();
    assertThatThrownBy(() -> noGlobal.verify(blob, sig, BlobVerifyOptions.defaults()))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("no global blob trust policy");
  }

  @Test
  void aTamperedEnvelopeFailsIntegrity() throws Exception {
    Path blob = blob(TEXT);
    Path sig = sign(rsa2048, blob, "text/plain", Map.of());
    Files.write(sig, Fixture.tamperPayload(Files.readAllBytes(sig)));

    assertThatThrownBy(() -> verifier().verify(blob, sig, BlobVerifyOptions.defaults()))
        .isInstanceOf(BlobVerificationFailedException.class)
        .hasMessageContaining("integrity failed");
  }

  @Test
  void theSignatureFileNameGivesTheFormat() throws Exception {
    Path blob = blob(TEXT);
    Path sig = sign(rsa2048, blob, "text/plain", Map.of());
    Path jws = Files.copy(sig, tmp.resolve("notes.txt.jws.sig"));
    Path unnamed = Files.copy(sig, tmp.resolve("notes.sig"));
    Path upper = Files.copy(sig, tmp.resolve("notes.txt.COSE.SIG"));

    assertThat(verifier().verify(blob, upper, BlobVerifyOptions.defaults()).isVerified()).isTrue();
    assertThatThrownBy(() -> verifier().verify(blob, jws, BlobVerifyOptions.defaults()))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("is a JWS envelope");
    assertThatThrownBy(() -> verifier().verify(blob, unnamed, BlobVerifyOptions.defaults()))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("named neither <file>.cose.sig nor <file>.jws.sig");
    assertThatThrownBy(
            () ->
                verifier().verify(blob, tmp.resolve("gone.cose.sig"), BlobVerifyOptions.defaults()))
        .isInstanceOf(java.io.IOException.class)
        .hasMessageContaining("gone.cose.sig does not exist");
  }

  @Test
  void aRequiredMediaTypeMustBeWellFormed() {
    assertThatThrownBy(() -> BlobVerifyOptions.builder().mediaType(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("media type \"\" is not of the form type/subtype");
  }

  @Test
  void signingRefusesAMalformedMediaTypeAndReservedMetadata() throws Exception {
    BlobSigner signer = BlobSigner.of(Fixture.signer(rsa2048).build());
    byte[] bytes = TEXT.getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> signer.sign(new ByteArrayInputStream(bytes), "text", Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"text\" is not of the form type/subtype");
    assertThatThrownBy(
            () ->
                signer.sign(
                    new ByteArrayInputStream(bytes), "text/plain", Map.of("io.cncf.notary.x", "y")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reserved prefix");
  }

  @Test
  void aStreamVerifiesAgainstEnvelopeBytes() throws Exception {
    byte[] bytes = TEXT.getBytes(StandardCharsets.UTF_8);
    byte[] envelope =
        BlobSigner.of(Fixture.signer(rsa2048).build())
            .sign(new ByteArrayInputStream(bytes), "text/plain", Map.of());
    BlobVerificationResult r =
        verifier()
            .verify(
                new ByteArrayInputStream(bytes), "stdin", envelope, BlobVerifyOptions.defaults());
    assertThat(r.isVerified()).isTrue();
    assertThat(r.summary()).startsWith("the signature of stdin (text/plain sha256:");
  }

  @Test
  void readmeExample() throws Exception {
    Path dir = tmp;
    Files.writeString(dir.resolve("net-monitor.tar"), TEXT);
    java.security.PrivateKey key = rsa2048.privateKey();
    java.util.List<java.security.cert.X509Certificate> chain = rsa2048.chain();
    BlobTrustPolicy policy =
        BlobTrustPolicy.parse(
            "{\"version\":\"1.0\",\"trustPolicies\":[{\"name\":\"wabbit\",\"globalPolicy\":true,"
                + "\"signatureVerification\":{\"level\":\"strict\"},\"trustStores\":[\"ca:trusted\"],"
                + "\"trustedIdentities\":[\"*\"]}]}");
    TrustStore trustStore = stores;
    // README: blob-sign-verify
    // sign: <dir>/net-monitor.tar.cose.sig
    BlobSigner signer = BlobSigner.of(NotaryEnvelopeSigner.builder(key, chain).build());
    Path blob = dir.resolve("net-monitor.tar");
    Path signature = signer.sign(blob, dir, "application/x-tar", Map.of("release", "v1"));

    // verify under trustpolicy.blob.json's global statement (or .policyName("...")), streaming
    BlobVerifier verifier = BlobVerifier.builder(policy, trustStore).build();
    BlobVerificationResult result =
        verifier.verify(
            blob,
            signature,
            BlobVerifyOptions.builder()
                .mediaType("application/x-tar")
                .userMetadata("release", "v1")
                .build());
    System.out.println(result.summary());
    // END README
    assertThat(result.isVerified()).isTrue();
    assertThat(signature.getFileName()).hasToString("net-monitor.tar.cose.sig");
  }
}
