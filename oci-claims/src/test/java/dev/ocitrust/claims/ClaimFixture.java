package dev.ocitrust.claims;

import dev.ocitrust.claims.internal.ClaimManifests;
import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.ImageManifest;
import dev.ocitrust.client.MediaTypes;
import dev.ocitrust.client.Target;
import dev.ocitrust.cose.CwtClaims;
import dev.ocitrust.cose.ScittStatementSigner;
import dev.ocitrust.cose.ScittSubjects;
import dev.ocitrust.cose.UnverifiedScittStatement;
import dev.ocitrust.policy.InMemoryTrustStore;
import dev.ocitrust.policy.TrustStoreRef;
import dev.ocitrust.policy.internal.OneLayerReferrer;
import dev.ocitrust.testkit.TestCertificate;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * The scenario's parties for claim tests: Wabbit Networks (publisher) and ACME Rockets (consumer),
 * each with a root and a code-signing leaf, a trust store holding both roots, a policy, an image.
 */
final class ClaimFixture {
  static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  static final String ACME_ISS = "https://acme-rockets.example";
  static final String WABBIT_ISS = "https://wabbit-networks.example";
  static final String ACME_DN = "CN=claims,O=acme-rockets.example,ST=WA,C=US";
  static final String WABBIT_DN = "CN=claims,O=wabbit-networks.example,ST=WA,C=US";
  static final String SARIF = "application/sarif+json";

  final TestCertificate acmeRoot = root("CN=ACME Root,O=acme-rockets.example,C=US");
  final TestCertificate acme = leaf(ACME_DN, acmeRoot);
  final TestCertificate wabbitRoot = root("CN=Wabbit Root,O=wabbit-networks.example,C=US");
  final TestCertificate wabbit = leaf(WABBIT_DN, wabbitRoot);

  static TestCertificate root(String dn) {
    return TestCertificate.builder().subject(dn).certificateAuthority(1).build();
  }

  static TestCertificate leaf(String dn, TestCertificate root) {
    return TestCertificate.builder().subject(dn).signedBy(root).build();
  }

  InMemoryTrustStore trustStore() throws Exception {
    return InMemoryTrustStore.builder()
        .add(TrustStoreRef.parse("ca:acme"), acmeRoot.certificate())
        .add(TrustStoreRef.parse("ca:wabbit"), wabbitRoot.certificate())
        .build();
  }

  /** The scenario's policy for prod, with {@code rules} (JSON array members) and extras. */
  static String policy(String rules, String extra) {
    return "{\"version\":\"1.0\",\"claimPolicies\":[{\"name\":\"acme-prod\","
        + "\"registryScopes\":[\"*\"],\"environments\":[\"prod\"],"
        + "\"issuers\":["
        + "{\"name\":\"acme\",\"role\":\"consumer\",\"iss\":[\""
        + ACME_ISS
        + "\"],"
        + "\"trustStores\":[\"ca:acme\"],"
        + "\"trustedIdentities\":[\"x509.subject: C=US, ST=WA, O=acme-rockets.example, CN=claims\"]},"
        + "{\"name\":\"wabbit\",\"role\":\"publisher\",\"iss\":[\""
        + WABBIT_ISS
        + "\"],"
        + "\"trustStores\":[\"ca:wabbit\"],"
        + "\"trustedIdentities\":[\"x509.subject: C=US, ST=WA, O=wabbit-networks.example, CN=claims\"]}],"
        + "\"rules\":["
        + rules
        + "]"
        + extra
        + "}]}";
  }

  static final String APPROVED_BY_EITHER =
      "{\"name\":\"approved\",\"requireApproval\":{\"from\":[\"acme\",\"wabbit\"]}}";

  static final String NOT_REJECTED =
      "{\"name\":\"not-rejected\",\"denyRejection\":{\"from\":[\"acme\",\"wabbit\"]}}";

  ClaimVerifier verifier(String policyJson) throws Exception {
    return ClaimVerifier.builder(ClaimPolicy.parse(policyJson), trustStore())
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .build();
  }

  ClaimIssuer issuer(TestCertificate leaf, String iss, Instant at) {
    return ClaimIssuer.builder(leaf.privateKey(), leaf.chain(), iss)
        .clock(Clock.fixed(at, ZoneOffset.UTC))
        .build();
  }

  ClaimIssuer acmeAt(Instant at) {
    return issuer(acme, ACME_ISS, at);
  }

  ClaimIssuer wabbitAt(Instant at) {
    return issuer(wabbit, WABBIT_ISS, at);
  }

  /** Pushes a one-layer image tagged {@code tag}; returns its descriptor. */
  static Descriptor image(Target t, String tag, String text) throws Exception {
    byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
    byte[] layer = text.getBytes(StandardCharsets.UTF_8);
    Descriptor c = Descriptor.of(MediaTypes.OCI_CONFIG, config);
    Descriptor l = Descriptor.of(MediaTypes.OCI_LAYER_TAR, layer);
    t.push(c, config);
    t.push(l, layer);
    Descriptor d = t.push(ImageManifest.builder(c).layer(l).build());
    t.tag(d, tag);
    return d.basic();
  }

  /** A statement signed by {@code leaf} as {@code iss} about {@code about}, of {@code type}. */
  static byte[] statement(
      TestCertificate leaf, String iss, Descriptor about, String type, byte[] payload, Instant at)
      throws Exception {
    return ScittStatementSigner.builder(leaf.privateKey())
        .certificateChain(leaf.chain())
        .issuer(iss)
        .subject(ScittSubjects.ociPackageUrl("net-monitor", about.digest().toString()))
        .contentType(type)
        .clock(Clock.fixed(at, ZoneOffset.UTC))
        .build()
        .sign(payload);
  }

  /** Attaches {@code statement} to {@code subject} as ocitrust would. */
  static Descriptor attach(Target t, Descriptor subject, byte[] statement, String artifactType)
      throws Exception {
    CwtClaims claims = UnverifiedScittStatement.parse(statement).claims();
    ImageManifest m = ClaimManifests.build(statement, artifactType, claims, subject);
    OneLayerReferrer.push(t, subject, statement, m);
    return m.descriptor();
  }

  /** Attaches {@code statement} to {@code subject} with the given annotations instead. */
  static Descriptor attachWithAnnotations(
      Target t, Descriptor subject, byte[] statement, String artifactType, Map<String, String> a)
      throws Exception {
    ImageManifest m =
        ImageManifest.builder(Descriptor.EMPTY_JSON_DESCRIPTOR)
            .artifactType(artifactType)
            .layer(Descriptor.of(ClaimTypes.STATEMENT, statement))
            .subject(subject)
            .annotations(a)
            .build();
    t.push(Descriptor.EMPTY_JSON_DESCRIPTOR, new byte[] {'{', '}'});
    t.push(m.layers().get(0), statement);
    t.pushReferrers(subject, List.of(m));
    return m.descriptor();
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
