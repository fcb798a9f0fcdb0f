package dev.ocitrust.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.Reference;
import dev.ocitrust.client.RegistryClient;
import dev.ocitrust.client.Repository;
import dev.ocitrust.cose.NotaryEnvelopeFormat;
import dev.ocitrust.policy.internal.OneLayerReferrer;
import dev.ocitrust.policy.internal.SignatureManifests;
import dev.ocitrust.testkit.PeerCli;
import dev.ocitrust.testkit.PeerResult;
import dev.ocitrust.testkit.RegistryExtension;
import dev.ocitrust.testkit.RegistryServer;
import dev.ocitrust.testkit.TestCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verifier and signer against a real docker-registry 2.8 (no referrers API: signatures are
 * found through the referrers fallback tag) with the real notation CLI on the same repository:
 * notation signs, ocitrust verifies; ocitrust signs (OCI 1.1 manifest), notation verifies; a
 * tampered signature, an untrusted signer and an unsigned artifact are rejected by both, with the
 * registry scope {@code host:port/repository} selecting the statement.
 */
class NotationRegistryIT {
  @RegisterExtension static RegistryExtension registry = RegistryExtension.plain();

  @TempDir static Path tmp;
  private static RegistryServer server;
  private static RegistryClient client;
  private static PeerCli notation;
  private static TestCertificate trusted;
  private static Path notationDir;

  @BeforeAll
  static void start(RegistryServer s) throws Exception {
    server = s;
    client = RegistryClient.builder().insecurePlainHttp(s.host()).build();
    Path xdg = tmp.resolve("xdg");
    notation = PeerCli.of("notation").withEnv("XDG_CONFIG_HOME", xdg.toString());
    notation.runOk("cert", "generate-test", "--default", "registry.example");
    trusted = Fixture.trustedLeaf();
    notationDir = xdg.resolve("notation");
    NotationMatrix.writePem(
        notationDir.resolve("truststore/x509/ca/ocitrust/root.pem"), trusted.root());
    Files.writeString(
        notationDir.resolve("trustpolicy.json"),
        "{\"version\":\"1.0\",\"trustPolicies\":[{\"name\":\"net-monitor\",\"registryScopes\":[\""
            + s.host()
            + "/net-monitor\"],\"signatureVerification\":{\"level\":\"strict\"},"
            + "\"trustStores\":[\"ca:registry.example\",\"ca:ocitrust\"],"
            + "\"trustedIdentities\":[\"x509.subject: CN=registry.example, O=Notary, L=Seattle,"
            + " ST=WA, C=US\",\""
            + Fixture.IDENTITY
            + "\"]}]}");
  }

  @AfterAll
  static void stop() {
    if (client != null) {
      client.close();
    }
  }

  private static NotaryVerifier verifier() throws Exception {
    NotationPaths paths = NotationPaths.of(notationDir);
    return NotaryVerifier.builder(
            OciTrustPolicy.load(paths), DirectoryTrustStore.atConfigDirectory(notationDir))
        .build();
  }

  private static PeerResult notationVerify(Descriptor d) {
    return notation.run(
        "verify", "--insecure-registry", server.host() + "/net-monitor@" + d.digest());
  }

  @Test
  void notationSignsOcitrustVerifiesThroughTheFallbackTag() throws Exception {
    Repository repo = client.repository(server.host() + "/net-monitor");
    Descriptor image = Fixture.image(repo, "by-notation", "signed by notation in a registry");
    notation.runOk(
        "sign",
        "--insecure-registry",
        "--signature-format",
        "cose",
        server.host() + "/net-monitor@" + image.digest());
    VerificationResult r =
        verifier().verify(repo, Reference.parse(server.host() + "/net-monitor@" + image.digest()));
    assertThat(r.isVerified()).isTrue();
    assertThat(r.scope()).isEqualTo(server.host() + "/net-monitor");
    assertThat(
            verifier()
                .verify(repo, Reference.parse(server.host() + "/net-monitor:by-notation"))
                .artifact())
        .contains(image);
  }

  @Test
  void ocitrustSignsNotationVerifies_tamperedAndUnsignedAreRejectedByBoth() throws Exception {
    Repository repo = client.repository(server.host() + "/net-monitor");
    Descriptor signed = Fixture.image(repo, "by-ocitrust", "signed by ocitrust in a registry");
    NotarySigner.builder(Fixture.signer(trusted).build()).build().sign(repo, "by-ocitrust");
    PeerResult ok = notationVerify(signed);
    assertThat(ok.ok()).as(ok.describe()).isTrue();
    assertThat(verifier().verify(repo, server.host() + "/net-monitor", "by-ocitrust").isVerified())
        .isTrue();

    Descriptor tampered = Fixture.image(repo, "tampered", "tampered in a registry");
    Fixture.pushSignature(
        repo,
        tampered,
        Fixture.tamperPayload(Fixture.signer(trusted).build().sign(Fixture.target(tampered))),
        trusted.chain(),
        false);
    assertThat(notationVerify(tampered).ok()).isFalse();
    assertThatThrownBy(() -> verifier().verify(repo, server.host() + "/net-monitor", "tampered"))
        .isInstanceOf(VerificationFailedException.class)
        .hasMessageContaining("integrity failed");

    Descriptor stranger = Fixture.image(repo, "stranger", "signed by a stranger");
    NotarySigner.builder(Fixture.signer(Fixture.trustedLeaf()).build())
        .build()
        .sign(repo, "stranger");
    assertThat(notationVerify(stranger).ok()).isFalse();
    assertThatThrownBy(() -> verifier().verify(repo, server.host() + "/net-monitor", "stranger"))
        .hasMessageContaining("authenticity failed");

    Descriptor unsigned = Fixture.image(repo, "unsigned", "never signed");
    assertThat(notationVerify(unsigned).ok()).isFalse();
    assertThatThrownBy(() -> verifier().verify(repo, server.host() + "/net-monitor", "unsigned"))
        .hasMessageContaining("no signature is associated");
    assertThat(repo.referrers(signed, null)).hasSize(1);
  }

  @Test
  void notationSignsJwsByDefaultOcitrustVerifies() throws Exception {
    Repository repo = client.repository(server.host() + "/net-monitor");
    Descriptor image = Fixture.image(repo, "jws-by-notation", "JWS-signed by notation");
    notation.runOk("sign", "--insecure-registry", server.host() + "/net-monitor@" + image.digest());
    VerificationResult r =
        verifier().verify(repo, Reference.parse(server.host() + "/net-monitor@" + image.digest()));
    assertThat(r.isVerified()).as(r.toString()).isTrue();
    assertThat(r.acceptedSignature().orElseThrow().envelopeFormat())
        .contains(NotaryEnvelopeFormat.JWS);
  }

  @Test
  void ocitrustSignsJwsNotationVerifies_anotherArtifactsSignatureIsRejectedByBoth()
      throws Exception {
    Repository repo = client.repository(server.host() + "/net-monitor");
    Descriptor signed = Fixture.image(repo, "jws-by-ocitrust", "JWS-signed by ocitrust");
    NotarySigner.builder(Fixture.signer(trusted).format(NotaryEnvelopeFormat.JWS).build())
        .build()
        .sign(repo, "jws-by-ocitrust");
    PeerResult ok = notationVerify(signed);
    assertThat(ok.ok()).as(ok.describe()).isTrue();
    assertThat(
            verifier()
                .verify(repo, server.host() + "/net-monitor", "jws-by-ocitrust")
                .acceptedSignature()
                .orElseThrow()
                .envelopeFormat())
        .contains(NotaryEnvelopeFormat.JWS);

    Descriptor misplaced =
        Fixture.image(repo, "jws-misplaced", "carries the JWS signature of another artifact");
    byte[] env =
        Fixture.signer(trusted)
            .format(NotaryEnvelopeFormat.JWS)
            .build()
            .sign(Fixture.target(Fixture.image(repo, "jws-other", "another artifact")));
    // a valid JWS envelope of another artifact, pushed as a signature of this one
    OneLayerReferrer.push(
        repo,
        misplaced,
        env,
        SignatureManifests.build(
            NotaryEnvelopeFormat.JWS, env, trusted.chain(), Instant.now(), misplaced, false));
    assertThat(notationVerify(misplaced).ok()).isFalse();
    assertThatThrownBy(
            () -> verifier().verify(repo, server.host() + "/net-monitor", "jws-misplaced"))
        .isInstanceOf(VerificationFailedException.class)
        .hasMessageContaining("content descriptor mismatch");
  }
}
