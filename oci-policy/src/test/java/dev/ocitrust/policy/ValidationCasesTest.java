package dev.ocitrust.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case of {@code trustpolicy/validation-cases.json} (transcribed from notation-go's tests)
 * gives its expected outcome. Our messages are worded differently; each failure must contain every
 * double-quoted value of notation's message (the statement, the identity, the store value...) and a
 * distinctive phrase naming the rule.
 */
class ValidationCasesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A distinctive phrase of our message for each rule notation's message names. */
  private static final Map<String, String> PHRASES =
      Map.ofEntries(
          Map.entry("zero statements", "zero trust policy statements"),
          Map.entry("no registry scopes", "zero registry scopes"),
          Map.entry("wildcard scope mixed with others", "wildcard registry scope '*'"),
          Map.entry("invalid verifyTimestamp", "verifyTimestamp must be"),
          Map.entry(
              "strict without trusted identities", "missing trust stores or trusted identities"),
          Map.entry("trusted identity missing ':'", "missing separator"),
          Map.entry("trust store missing ':'", "malformed trust store value"),
          Map.entry("empty named store", "unsupported trust store name"),
          Map.entry("duplicate statement names", "use the same name"),
          Map.entry("override authenticity=skip (not allowed)", "cannot be skipped"),
          Map.entry("wildcard + specific", "wildcard trusted identity '*'"),
          Map.entry("duplicate RDN", "duplicate RDN attribute"),
          Map.entry("overlapping DNs", "overlaps with"),
          Map.entry("unsupported version", "unsupported version"),
          Map.entry("missing name", "missing a name"),
          Map.entry("duplicate names", "use the same name"));

  private static JsonNode cases() throws Exception {
    return JSON.readTree(Vectors.bytes(Vectors.file("trustpolicy", "validation-cases.json")));
  }

  private static byte[] bytes(JsonNode n) throws Exception {
    return JSON.writeValueAsBytes(n);
  }

  /** Every {@code "..."} value of notation's message must appear in ours. */
  static void assertNamesSameThings(String ours, String notation) {
    Matcher m = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(notation);
    while (m.find()) {
      String value = m.group(1).replace("\\\\", "\\");
      assertThat(ours).as("our message names %s", value).contains(value);
    }
  }

  private static void expectOutcome(
      String description, String expected, ThrowingRunnable parse, boolean oci) {
    if (expected == null) {
      try {
        parse.run();
      } catch (Exception e) {
        throw new AssertionError(description + ": expected valid, got " + e.getMessage(), e);
      }
      return;
    }
    InvalidTrustPolicyException e = assertThrows(InvalidTrustPolicyException.class, parse::run);
    assertNamesSameThings(e.getMessage(), expected);
    String phrase = PHRASES.get(description);
    assertThat(phrase).as("phrase for case %s", description).isNotNull();
    assertThat(e.getMessage()).contains(phrase);
    if (expected.contains("\"test-statement-name\"")) {
      assertThat(e.statementName()).contains("test-statement-name");
    }
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }

  @TestFactory
  Stream<DynamicTest> ociDocumentValidation() throws Exception {
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode c : cases().get("oci_document_validation")) {
      String d = c.get("description").asText();
      String expected = c.get("expectedError").isNull() ? null : c.get("expectedError").asText();
      byte[] doc = bytes(c.get("document"));
      tests.add(
          dynamicTest(
              d, () -> expectOutcome(d, expected, () -> OciTrustPolicy.parse(doc, d), true)));
    }
    assertThat(tests).hasSize(12);
    return tests.stream();
  }

  private static ObjectNode statementWith(ArrayNode identities) {
    ObjectNode st = JSON.createObjectNode();
    st.put("name", "test-statement-name");
    st.putArray("registryScopes").add("registry.acme-rockets.io/software/net-monitor");
    st.putObject("signatureVerification").put("level", "strict");
    st.putArray("trustStores")
        .add("ca:valid-trust-store")
        .add("signingAuthority:valid-trust-store");
    st.set("trustedIdentities", identities);
    return st;
  }

  private static byte[] document(ObjectNode... statements) throws Exception {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("version", "1.0");
    ArrayNode list = doc.putArray("trustPolicies");
    for (ObjectNode s : statements) {
      list.add(s);
    }
    return bytes(doc);
  }

  @TestFactory
  Stream<DynamicTest> trustedIdentityValidation() throws Exception {
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode c : cases().get("trusted_identity_validation")) {
      String d = c.get("description").asText();
      String expected = c.get("expectedError").isNull() ? null : c.get("expectedError").asText();
      byte[] doc = document(statementWith((ArrayNode) c.get("trustedIdentities")));
      tests.add(
          dynamicTest(
              d, () -> expectOutcome(d, expected, () -> OciTrustPolicy.parse(doc, d), true)));
    }
    assertThat(tests).hasSize(5);
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> trustedIdentityMatching() throws Exception {
    List<DynamicTest> tests = new ArrayList<>();
    int i = 0;
    for (JsonNode c : cases().get("trusted_identity_matching")) {
      String file = Path.of(c.get("leafCertFile").asText()).getFileName().toString();
      List<String> ids = new ArrayList<>();
      c.get("trustedIdentities").forEach(n -> ids.add(n.asText()));
      boolean fails = c.get("expectMatchFailure").asBoolean();
      tests.add(
          dynamicTest(
              "#" + (++i) + " " + file + " " + ids + (fails ? " fails" : " matches"),
              () -> {
                X509Certificate leaf = Vectors.certificate(file);
                if (fails) {
                  // notation fails either when validating the identities or when matching
                  assertThatThrownBy(() -> TrustedIdentities.of(ids).verify(leaf))
                      .isInstanceOfAny(
                          IllegalArgumentException.class, UntrustedIdentityException.class);
                } else {
                  TrustedIdentities.of(ids).verify(leaf);
                }
              }));
    }
    assertThat(tests).hasSize(5);
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> verificationLevelResolution() throws Exception {
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode c : cases().get("verification_level_resolution")) {
      ObjectNode st = statementWith(JSON.createArrayNode().add("*"));
      st.set("signatureVerification", c.get("signatureVerification"));
      byte[] doc = document(st);
      JsonNode expected = c.get("expected");
      tests.add(
          dynamicTest(
              c.get("signatureVerification").toString() + " -> " + expected,
              () -> {
                if (expected.isTextual()) {
                  assertThat(expected.asText()).isEqualTo("ERROR");
                  InvalidTrustPolicyException e =
                      assertThrows(
                          InvalidTrustPolicyException.class,
                          () -> OciTrustPolicy.parse(doc, "case"));
                  assertThat(e.getMessage())
                      .contains("\"test-statement-name\"")
                      .contains("invalid signatureVerification");
                  return;
                }
                VerificationActions actions =
                    OciTrustPolicy.parse(doc, "case").statements().get(0).actions();
                for (VerificationCheck check : VerificationCheck.values()) {
                  assertThat(actions.action(check).value())
                      .as(check.value())
                      .isEqualTo(expected.get(check.value()).asText());
                }
              }));
    }
    assertThat(tests).hasSize(10);
    return tests.stream();
  }

  private static byte[] scopeDocument(String scope) throws Exception {
    ObjectNode st = statementWith(JSON.createArrayNode().add("*"));
    st.putArray("registryScopes").add(scope);
    return document(st);
  }

  @TestFactory
  Stream<DynamicTest> registryScopeFormat() throws Exception {
    JsonNode f = cases().get("registry_scope_format");
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode v : f.get("valid")) {
      String scope = v.asText();
      tests.add(
          dynamicTest(
              "valid " + scope,
              () ->
                  assertThat(OciTrustPolicy.parse(scopeDocument(scope), "case").statements())
                      .hasSize(1)));
    }
    for (String group : List.of("invalid", "invalid_wildcard")) {
      String template = f.get(group + "_expectedError_template").asText();
      for (JsonNode v : f.get(group)) {
        String scope = v.asText();
        tests.add(
            dynamicTest(
                group + " \"" + scope + "\"",
                () -> {
                  InvalidTrustPolicyException e =
                      assertThrows(
                          InvalidTrustPolicyException.class,
                          () -> OciTrustPolicy.parse(scopeDocument(scope), "case"));
                  assertNamesSameThings(e.getMessage(), template.replace("{scope}", scope));
                  assertThat(e.getMessage())
                      .contains(group.equals("invalid") ? "is not valid" : "with wild card(s)");
                }));
      }
    }
    assertThat(tests).hasSize(7 + 13 + 4);
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> ociPolicySelection() throws Exception {
    // The vector's global statement is "skip"; the specification forbids skip with '*' and so do
    // we, so the global statement here is "audit". What is tested is the selection.
    String doc =
        "{\"version\":\"1.0\",\"trustPolicies\":["
            + "{\"name\":\"test-statement-name-1\","
            + "\"registryScopes\":[\"registry.wabbit-networks.io/software/unsigned/net-utils\"],"
            + "\"signatureVerification\":{\"level\":\"strict\"},"
            + "\"trustStores\":[\"ca:valid-trust-store\"],\"trustedIdentities\":[\"*\"]},"
            + "{\"name\":\"test-statement-name-2\",\"registryScopes\":[\"*\"],"
            + "\"signatureVerification\":{\"level\":\"audit\"},"
            + "\"trustStores\":[\"ca:valid-trust-store\"],\"trustedIdentities\":[\"*\"]}]}";
    OciTrustPolicy policy = OciTrustPolicy.parse(doc);
    List<DynamicTest> tests = new ArrayList<>();
    JsonNode sel = cases().get("oci_policy_selection");
    for (JsonNode c : sel.get(0).get("cases")) {
      String ref = c.get("artifactReference").asText();
      String expected = c.get("expectedPolicy").asText();
      tests.add(
          dynamicTest(
              ref + " -> " + expected,
              () -> assertThat(policy.statementFor(ref).name()).isEqualTo(expected)));
    }
    for (JsonNode r : sel.get(1).get("invalidArtifactReferences(all must error)")) {
      String ref = r.asText();
      tests.add(
          dynamicTest(
              "invalid \"" + ref + "\"",
              () -> {
                PolicyException e =
                    assertThrows(PolicyException.class, () -> policy.statementFor(ref));
                assertThat(e.getMessage()).contains(ref);
              }));
    }
    assertThat(tests).hasSize(2 + 9);
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> blobDocumentValidation() throws Exception {
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode c : cases().get("blob_document_validation")) {
      String d = c.get("description").asText();
      String expected = c.get("expectedError").isNull() ? null : c.get("expectedError").asText();
      byte[] doc = bytes(c.get("document"));
      tests.add(
          dynamicTest(
              d, () -> expectOutcome(d, expected, () -> BlobTrustPolicy.parse(doc, d), false)));
    }
    assertThat(tests).hasSize(4);
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> blobPolicySelection() throws Exception {
    BlobTrustPolicy policy =
        BlobTrustPolicy.parse(
            new String(
                Vectors.bytes(Vectors.file("trustpolicy", "blob", "trustpolicy.blob.json")),
                StandardCharsets.UTF_8));
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode c : cases().get("blob_policy_selection")) {
      String name = c.get("policyName").asText();
      tests.add(
          dynamicTest(
              "name \"" + name + "\" errors",
              () -> {
                PolicyException e =
                    assertThrows(PolicyException.class, () -> policy.statementNamed(name));
                assertThat(e.getMessage()).contains("name cannot be empty");
                // the verifier's fallback for an empty name: the global statement
                assertThat(policy.select(name).name()).isEqualTo("test-blob-global-statement");
              }));
    }
    assertThat(tests).hasSize(1);
    return tests.stream();
  }
}
