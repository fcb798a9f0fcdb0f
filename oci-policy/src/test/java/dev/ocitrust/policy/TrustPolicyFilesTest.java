package dev.ocitrust.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every policy file under {@code trustpolicy/oci} and {@code trustpolicy/blob} (copied by the
 * vectors from notation's e2e test data) gives its expected outcome, read through {@link
 * OciTrustPolicy#read} / {@link BlobTrustPolicy#read}.
 */
class TrustPolicyFilesTest {

  /** File name to null (valid) or fragments our message must contain. */
  private static final Map<String, List<String>> OCI =
      Map.ofEntries(
          Map.entry("trustpolicy.json", List.of()),
          Map.entry("registry_scope_trustpolicy.json", List.of()),
          Map.entry("multi_statements_with_wildcard_registry_scope_trustpolicy.json", List.of()),
          Map.entry("override_strict_trustpolicy.json", List.of()),
          Map.entry("timestamp_after_cert_expiry_trustpolicy.json", List.of()),
          // valid in notation; the specification forbids skip with the global scope: we reject
          Map.entry(
              "skip_trustpolicy.json", List.of("\"e2e\"", "\"skip\"", "global registry scope '*'")),
          Map.entry(
              "empty_registry_scope_trustpolicy.json", List.of("\"e2e\"", "zero registry scopes")),
          Map.entry(
              "malformed_registry_scope_trustpolicy.json",
              List.of("registry scope \"localhost:5000\\test-repo\" is not valid")),
          Map.entry(
              "wildcard_plus_other_registry_scope_trustpolicy.json",
              List.of("\"e2e\"", "wildcard registry scope '*'")),
          Map.entry(
              "multi_statements_with_the_same_name_trustpolicy.json",
              List.of("use the same name \"e2e\"")),
          Map.entry(
              "malformed_trust_store_trustpolicy.json",
              List.of("\"e2e\"", "unsupported trust store name \"\" in trust store value \"ca:\"")),
          Map.entry(
              "malformed_trusted_identity_trustpolicy.json",
              List.of(
                  "\"e2e\"",
                  "\"x509.subject CN=e2e,O=Notary,L=Seattle,ST=WA,C=US\" missing separator")),
          Map.entry("invalid_format_trustpolicy.json", List.of("malformed oci trust policy")));

  static Stream<Arguments> ociFiles() throws IOException {
    try (Stream<Path> files = Files.list(Vectors.file("trustpolicy", "oci"))) {
      List<Path> all = files.sorted().toList();
      assertThat(all).hasSize(OCI.size());
      return all.stream().map(p -> Arguments.of(p.getFileName().toString(), p));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ociFiles")
  void ociFile(String name, Path file) throws Exception {
    List<String> fragments = OCI.get(name);
    assertThat(fragments).as("expected outcome for %s is listed", name).isNotNull();
    if (fragments.isEmpty()) {
      OciTrustPolicy policy = OciTrustPolicy.read(file);
      assertThat(policy.statements()).isNotEmpty();
      return;
    }
    InvalidTrustPolicyException e =
        assertThrows(InvalidTrustPolicyException.class, () -> OciTrustPolicy.read(file));
    for (String f : fragments) {
      assertThat(e.getMessage()).contains(f);
    }
  }

  @Test
  void validOciFilesMeanWhatTheySay() throws Exception {
    OciTrustPolicy base =
        OciTrustPolicy.read(Vectors.file("trustpolicy", "oci", "trustpolicy.json"));
    OciTrustPolicyStatement st = base.statements().get(0);
    assertThat(st.name()).isEqualTo("e2e");
    assertThat(st.isGlobal()).isTrue();
    assertThat(st.trustStores()).containsExactly(TrustStoreRef.parse("ca:e2e"));
    assertThat(st.trustedIdentities().isWildcard()).isTrue();
    assertThat(st.actions().asMap().values()).containsOnly(CheckAction.ENFORCE);

    OciTrustPolicy scoped =
        OciTrustPolicy.read(Vectors.file("trustpolicy", "oci", "registry_scope_trustpolicy.json"));
    assertThat(scoped.statementFor("localhost:5000/test-repo@sha256:" + "a".repeat(64)).name())
        .isEqualTo("e2e");
    assertThrows(
        PolicyException.class,
        () -> scoped.statementFor("localhost:5000/other-repo@sha256:" + "a".repeat(64)));

    OciTrustPolicy multi =
        OciTrustPolicy.read(
            Vectors.file(
                "trustpolicy",
                "oci",
                "multi_statements_with_wildcard_registry_scope_trustpolicy.json"));
    assertThat(multi.statementFor("localhost:5000/test-repo9@sha256:" + "b".repeat(64)).name())
        .isEqualTo("e2e");
    assertThat(multi.statementFor("localhost:5000/test-repo@sha256:" + "b".repeat(64)).name())
        .isEqualTo("e2e2");

    VerificationActions relaxed =
        OciTrustPolicy.read(Vectors.file("trustpolicy", "oci", "override_strict_trustpolicy.json"))
            .statements()
            .get(0)
            .actions();
    assertThat(relaxed.action(VerificationCheck.INTEGRITY)).isEqualTo(CheckAction.ENFORCE);
    for (VerificationCheck c :
        List.of(
            VerificationCheck.AUTHENTICITY,
            VerificationCheck.AUTHENTIC_TIMESTAMP,
            VerificationCheck.EXPIRY,
            VerificationCheck.REVOCATION)) {
      assertThat(relaxed.action(c)).isEqualTo(CheckAction.LOG);
    }

    OciTrustPolicyStatement ts =
        OciTrustPolicy.read(
                Vectors.file("trustpolicy", "oci", "timestamp_after_cert_expiry_trustpolicy.json"))
            .statements()
            .get(0);
    assertThat(ts.signatureVerification().effectiveVerifyTimestamp())
        .isEqualTo(VerifyTimestamp.AFTER_CERT_EXPIRY);
    assertThat(ts.trustStores(TrustStoreType.TSA)).containsExactly(TrustStoreRef.parse("tsa:e2e"));
  }

  @Test
  void blobTrustPolicyJson() throws Exception {
    BlobTrustPolicy p =
        BlobTrustPolicy.read(Vectors.file("trustpolicy", "blob", "trustpolicy.blob.json"));
    assertThat(p.statements()).hasSize(3);
    assertThat(p.globalStatement().name()).isEqualTo("test-blob-global-statement");
    BlobTrustPolicyStatement ts = p.statementNamed("test-blob-with-timestamping");
    assertThat(ts.signatureVerification().verifyTimestamp()).contains(VerifyTimestamp.ALWAYS);
    assertThat(ts.trustStores(TrustStoreType.TSA)).hasSize(1);
    PolicyException e = assertThrows(PolicyException.class, () -> p.statementNamed("nope"));
    assertThat(e.getMessage()).contains("\"nope\"");
  }

  @Test
  void blobTrustPolicyFromCliImport() throws Exception {
    BlobTrustPolicy p =
        BlobTrustPolicy.read(Vectors.file("trustpolicy", "blob", "blob_trust_policy.json"));
    assertThat(p.statements())
        .extracting(TrustPolicyStatement::name)
        .containsExactly(
            "wabbit-networks-policy", "skip-verification-policy", "global-verification-policy");
    BlobTrustPolicyStatement strict = p.statementNamed("wabbit-networks-policy");
    assertThat(strict.trustedIdentities().x509Subjects().get(0).name().attributes())
        .containsEntry("C", "US")
        .containsEntry("ST", "WA")
        .containsEntry("L", "Seattle")
        .containsEntry("O", "wabbit-networks.io")
        .containsEntry("OU", "Security Tools");
    assertThat(p.statementNamed("skip-verification-policy").actions().skipsVerification()).isTrue();
    BlobTrustPolicyStatement global = p.globalStatement();
    assertThat(global.name()).isEqualTo("global-verification-policy");
    assertThat(global.actions().level()).isEqualTo(VerificationLevel.AUDIT);
  }

  @Test
  void blobFilesAreNotOciPoliciesAndViceVersa() {
    Path blob = Vectors.file("trustpolicy", "blob", "trustpolicy.blob.json");
    Path oci = Vectors.file("trustpolicy", "oci", "trustpolicy.json");
    InvalidTrustPolicyException e =
        assertThrows(InvalidTrustPolicyException.class, () -> OciTrustPolicy.read(blob));
    assertThat(e.getMessage()).contains("unknown property \"globalPolicy\"");
    e = assertThrows(InvalidTrustPolicyException.class, () -> BlobTrustPolicy.read(oci));
    assertThat(e.getMessage()).contains("unknown property \"registryScopes\"");
  }
}
