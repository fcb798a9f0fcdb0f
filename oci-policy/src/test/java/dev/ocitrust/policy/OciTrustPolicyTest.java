package dev.ocitrust.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ocitrust.client.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Strict parsing, rules the vectors do not cover, selection forms, loading and builders. */
class OciTrustPolicyTest {
  @TempDir Path tmp;

  private static final String DIGEST = "sha256:" + "c".repeat(64);

  private static String statement(String name, String scopes, String level) {
    return "{\"name\":\""
        + name
        + "\",\"registryScopes\":"
        + scopes
        + ",\"signatureVerification\":{\"level\":\""
        + level
        + "\"}"
        + (level.equals("skip")
            ? ""
            : ",\"trustStores\":[\"ca:acme\"],\"trustedIdentities\":[\"*\"]")
        + "}";
  }

  private static String doc(String... statements) {
    return "{\"version\":\"1.0\",\"trustPolicies\":[" + String.join(",", statements) + "]}";
  }

  private static String error(String json) {
    return assertThrows(InvalidTrustPolicyException.class, () -> OciTrustPolicy.parse(json))
        .getMessage();
  }

  @Test
  void strictJson() {
    assertThat(error("{\"version\":\"1.0\",\"version\":\"1.0\",\"trustPolicies\":[]}"))
        .contains("Duplicate field 'version'");
    assertThat(error(doc(statement("a", "[\"a.io/r\"]", "strict")) + " {}")).contains("malformed");
    assertThat(error("[]")).contains("must be a JSON object");
    assertThat(error("{\"version\":\"1.0\",\"Version\":\"1.0\",\"trustPolicies\":[]}"))
        .contains("unknown property \"Version\"");
    assertThat(
            error(
                doc(
                    "{\"name\":\"a\",\"registryScopes\":[\"a.io/r\"],\"signatureVerification\":"
                        + "{\"level\":\"strict\",\"overide\":{\"expiry\":\"log\"}},"
                        + "\"trustStores\":[\"ca:x\"],\"trustedIdentities\":[\"*\"]}")))
        .contains("\"a\"")
        .contains("unknown property \"overide\"");
    assertThat(error("{\"version\":1.0,\"trustPolicies\":[]}"))
        .contains("\"version\" must be a string");
    assertThat(error("{\"version\":null,\"trustPolicies\":[]}")).contains("found null");
    assertThat(
            error(
                doc(
                    "{\"name\":\"a\",\"registryScopes\":\"a.io/r\",\"signatureVerification\":"
                        + "{\"level\":\"strict\"},\"trustStores\":[\"ca:x\"],\"trustedIdentities\":[\"*\"]}")))
        .contains("\"registryScopes\" must be an array");
    assertThat(
            error(
                doc(
                    "{\"name\":\"a\",\"registryScopes\":[\"a.io/r\"],\"signatureVerification\":{\"level\":\"strict\"},\"trustStores\":[\"ca:x\","
                        + " 3],\"trustedIdentities\":[\"*\"]}")))
        .contains("\"trustStores\" must hold only strings");
    assertThat(
            error(
                doc(
                    "{\"name\":\"a\",\"registryScopes\":[\"a.io/r\"],\"signatureVerification\":"
                        + "{\"level\":\"strict\",\"override\":{\"expiry\":false}},"
                        + "\"trustStores\":[\"ca:x\"],\"trustedIdentities\":[\"*\"]}")))
        .contains("override \"expiry\" must be a string");
  }

  @Test
  void documentRules() {
    assertThat(error("{\"trustPolicies\":[]}")).contains("missing or has empty version");
    assertThat(error("{\"version\":\"1.1\",\"trustPolicies\":[]}"))
        .contains("unsupported version \"1.1\"");
    assertThat(error("{\"version\":\"1.0\"}")).contains("zero trust policy statements");
    assertThat(error(doc("{\"registryScopes\":[\"a.io/r\"]}")))
        .contains("statement #1 is missing a name");
    assertThat(error(doc("{\"name\":\"a\",\"registryScopes\":[\"a.io/r\"]}")))
        .contains("\"a\"")
        .contains("missing \"signatureVerification\"");
  }

  @Test
  void scopeInTwoStatementsAndTwoGlobals() {
    assertThat(
            error(
                doc(
                    statement("a", "[\"a.io/r\"]", "strict"),
                    statement("b", "[\"b.io/r\", \"a.io/r\"]", "audit"))))
        .contains("registry scope \"a.io/r\"")
        .contains("\"a\" and \"b\"");
    assertThat(error(doc(statement("a", "[\"*\"]", "strict"), statement("b", "[\"*\"]", "audit"))))
        .contains("registry scope \"*\"");
    assertThat(error(doc(statement("a", "[\"a.io/r\", \"a.io/r\"]", "strict"))))
        .contains("\"a.io/r\" more than once");
  }

  @Test
  void skipRules() {
    // the specification forbids skip with the global scope; notation accepts it
    assertThat(error(doc(statement("s", "[\"*\"]", "skip"))))
        .contains("\"s\"")
        .contains("global registry scope '*'");
    // skip with stores or identities
    assertThat(
            error(
                doc(
                    "{\"name\":\"s\",\"registryScopes\":[\"a.io/r\"],\"signatureVerification\":"
                        + "{\"level\":\"skip\"},\"trustStores\":[\"ca:x\"]}")))
        .contains("\"s\"")
        .contains("skip signature verification but configured with trust stores");
  }

  @Test
  void trustStoreTypeRule() {
    assertThat(
            error(
                doc(
                    "{\"name\":\"a\",\"registryScopes\":[\"a.io/r\"],\"signatureVerification\":"
                        + "{\"level\":\"strict\"},\"trustStores\":[\"x509:acme\"],"
                        + "\"trustedIdentities\":[\"*\"]}")))
        .contains("\"a\"")
        .contains("unsupported trust store type \"x509\"")
        .contains("\"x509:acme\"");
    assertThat(
            error(
                doc(
                    "{\"name\":\"a\",\"registryScopes\":[\"a.io/r\"],\"signatureVerification\":"
                        + "{\"level\":\"strict\"},\"trustStores\":[\"ca:..\"],"
                        + "\"trustedIdentities\":[\"*\"]}")))
        .contains("\"a\"")
        .contains("unsupported trust store name \"..\"");
    InvalidTrustPolicyException e =
        assertThrows(
            InvalidTrustPolicyException.class,
            () ->
                OciTrustPolicy.parse(
                    doc(
                        "{\"name\":\"a\",\"registryScopes\":[\"a.io/r\"],"
                            + "\"signatureVerification\":{\"level\":\"strict\"},"
                            + "\"trustStores\":[\"acme\"],\"trustedIdentities\":[\"*\"]}")));
    assertThat(e.getMessage()).contains("\"a\"").contains("malformed trust store value \"acme\"");
    assertThat(e.getCause()).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aTrustStoreNamedTwiceIsKeptOnce() throws Exception {
    OciTrustPolicy p =
        OciTrustPolicy.parse(
            doc(
                "{\"name\":\"a\",\"registryScopes\":[\"a.io/r\"],"
                    + "\"signatureVerification\":{\"level\":\"strict\"},"
                    + "\"trustStores\":[\"ca:acme\",\"tsa:t\",\"ca:acme\"],"
                    + "\"trustedIdentities\":[\"*\"]}"));
    assertThat(p.statements().get(0).trustStores())
        .containsExactly(TrustStoreRef.parse("ca:acme"), TrustStoreRef.parse("tsa:t"));
  }

  @Test
  void selection() throws Exception {
    OciTrustPolicy p =
        OciTrustPolicy.parse(
            doc(
                statement(
                    "exact", "[\"registry.acme.io/net/monitor\", \"local/layout1\"]", "strict"),
                statement("global", "[\"*\"]", "audit")));
    assertThat(p.statementFor("registry.acme.io/net/monitor@" + DIGEST).name()).isEqualTo("exact");
    assertThat(p.statementFor("registry.acme.io/net/other@" + DIGEST).name()).isEqualTo("global");
    assertThat(
            p.statementFor(Reference.parseStrict("registry.acme.io/net/monitor@" + DIGEST)).name())
        .isEqualTo("exact");
    assertThat(
            p.statementFor(Reference.parseStrict("registry.acme.io/net/monitor:v1@" + DIGEST))
                .name())
        .isEqualTo("exact");
    assertThat(p.statementForLocalLayout("layout1").name()).isEqualTo("exact");
    assertThat(p.statementForLocalLayout("layout2").name()).isEqualTo("global");
    assertThat(p.statementForScope("registry.acme.io/net/monitor").name()).isEqualTo("exact");
    assertThat(p.globalStatement().map(OciTrustPolicyStatement::name)).contains("global");
    assertThat(p.statementNamed("exact")).isPresent();

    // a tag is never a selector
    PolicyException e =
        assertThrows(
            PolicyException.class,
            () -> p.statementFor(Reference.parseStrict("registry.acme.io/net/monitor:v1")));
    assertThat(e.getMessage()).contains("no digest");
    assertThrows(
        PolicyException.class, () -> p.statementFor("registry.acme.io/net/monitor:v1@" + DIGEST));
    assertThrows(PolicyException.class, () -> p.statementForLocalLayout("Upper"));
    assertThrows(PolicyException.class, () -> p.statementForScope("*"));
    // scopes are compared exactly: no docker.io expansion, no prefix match
    assertThat(p.statementFor("registry.acme.io/net@" + DIGEST).name()).isEqualTo("global");
  }

  @Test
  void noApplicableStatement() throws Exception {
    OciTrustPolicy p = OciTrustPolicy.parse(doc(statement("only", "[\"a.io/r\"]", "strict")));
    PolicyException e =
        assertThrows(PolicyException.class, () -> p.statementFor("b.io/r@" + DIGEST));
    assertThat(e.getMessage()).contains("\"b.io/r@" + DIGEST + "\"").contains("no applicable");
    assertThat(p.globalStatement()).isEmpty();
  }

  @Test
  void loadPrefersOciFileOverLegacyFile() throws Exception {
    NotationPaths paths = NotationPaths.of(tmp);
    PolicyException e = assertThrows(PolicyException.class, () -> OciTrustPolicy.load(paths));
    assertThat(e.getMessage()).contains("trustpolicy.oci.json").contains("trustpolicy.json");

    Files.writeString(
        paths.legacyOciTrustPolicyFile(), doc(statement("legacy", "[\"*\"]", "strict")));
    assertThat(OciTrustPolicy.load(paths).statements().get(0).name()).isEqualTo("legacy");

    Files.writeString(paths.ociTrustPolicyFile(), doc(statement("oci", "[\"*\"]", "strict")));
    assertThat(OciTrustPolicy.load(paths).statements().get(0).name()).isEqualTo("oci");

    // an invalid trustpolicy.oci.json is an error, never a fallback to the legacy file
    Files.writeString(paths.ociTrustPolicyFile(), "{");
    e = assertThrows(InvalidTrustPolicyException.class, () -> OciTrustPolicy.load(paths));
    assertThat(e.getMessage()).contains("trustpolicy.oci.json");
  }

  @Test
  void symlinkedPolicyFileIsRefused() throws Exception {
    Path real = tmp.resolve("real.json");
    Files.writeString(real, doc(statement("a", "[\"*\"]", "strict")));
    Files.createDirectories(tmp.resolve("cfg"));
    Files.createSymbolicLink(tmp.resolve("cfg").resolve("trustpolicy.oci.json"), real);
    PolicyException e =
        assertThrows(
            PolicyException.class, () -> OciTrustPolicy.load(NotationPaths.of(tmp.resolve("cfg"))));
    assertThat(e.getMessage()).contains("symbolic links are not supported");
    Files.createDirectories(tmp.resolve("dir.json"));
    assertThrows(PolicyException.class, () -> OciTrustPolicy.read(tmp.resolve("dir.json")));
    assertThrows(PolicyException.class, () -> OciTrustPolicy.read(tmp.resolve("missing.json")));
  }

  @Test
  void builders() throws Exception {
    OciTrustPolicyStatement st =
        OciTrustPolicyStatement.builder("wabbit")
            .registryScope("registry.acme-rockets.io/software/net-monitor")
            .signatureVerification(
                SignatureVerification.builder(VerificationLevel.STRICT)
                    .override(VerificationCheck.REVOCATION, CheckAction.SKIP)
                    .verifyTimestamp(VerifyTimestamp.AFTER_CERT_EXPIRY)
                    .build())
            .trustStore(TrustStoreRef.parse("ca:wabbit"))
            .trustStore(TrustStoreRef.parse("tsa:public"))
            .trustedIdentity("x509.subject: C=US, ST=WA, O=wabbit-networks.io")
            .build();
    OciTrustPolicy p = OciTrustPolicy.of(List.of(st));
    assertThat(p.statementFor("registry.acme-rockets.io/software/net-monitor@" + DIGEST))
        .isEqualTo(st);
    assertThat(st.toBuilder().build()).isEqualTo(st);
    assertThat(st.actions().isSkipped(VerificationCheck.REVOCATION)).isTrue();

    InvalidTrustPolicyException e =
        assertThrows(
            InvalidTrustPolicyException.class,
            () ->
                OciTrustPolicyStatement.builder("g")
                    .registryScope("*")
                    .signatureVerification(SignatureVerification.of(VerificationLevel.SKIP))
                    .build());
    assertThat(e.getMessage()).contains("\"g\"").contains("'*'");
    e =
        assertThrows(
            InvalidTrustPolicyException.class,
            () -> OciTrustPolicyStatement.builder("n").registryScope("a.io/r").build());
    assertThat(e.getMessage()).contains("signatureVerification");
    e = assertThrows(InvalidTrustPolicyException.class, () -> OciTrustPolicy.of(List.of(st, st)));
    assertThat(e.getMessage()).contains("same name \"wabbit\"");
    assertThrows(InvalidTrustPolicyException.class, () -> OciTrustPolicy.of(List.of()));
  }
}
