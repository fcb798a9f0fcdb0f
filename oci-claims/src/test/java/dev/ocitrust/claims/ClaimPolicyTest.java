package dev.ocitrust.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ocitrust.policy.PolicyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClaimPolicyTest {
  private static final String ISSUERS =
      "\"issuers\":[{\"name\":\"acme\",\"role\":\"consumer\",\"iss\":[\"https://acme.example\"],"
          + "\"trustStores\":[\"ca:acme\",\"tsa:public\"],\"trustedIdentities\":[\"*\"]},"
          + "{\"name\":\"wabbit\",\"role\":\"publisher\",\"iss\":[\"https://wabbit.example\"],"
          + "\"trustStores\":[\"ca:wabbit\"],"
          + "\"trustedIdentities\":[\"x509.subject: C=US, ST=WA, O=wabbit.example\"]}]";
  private static final String RULES =
      "\"rules\":[{\"name\":\"approved\",\"requireApproval\":{\"from\":[\"acme\",\"wabbit\"],"
          + "\"maxAge\":\"P30D\"}},"
          + "{\"name\":\"scanned\",\"requireClaim\":{\"contentType\":\"application/sarif+json\","
          + "\"from\":[\"acme\"],\"match\":\"all\",\"maxAge\":\"PT12H\"}},"
          + "{\"name\":\"not-rejected\",\"denyRejection\":{\"from\":[\"wabbit\",\"acme\"]}}]";

  private static String doc(String statement) {
    return "{\"version\":\"1.0\",\"claimPolicies\":[" + statement + "]}";
  }

  private static String statement(String name, String scopes, String envs, String extra) {
    return "{\"name\":\""
        + name
        + "\",\"registryScopes\":["
        + scopes
        + "],\"environments\":["
        + envs
        + "],"
        + ISSUERS
        + ","
        + RULES
        + extra
        + "}";
  }

  private static final String FULL =
      doc(
          statement(
              "acme-prod",
              "\"registry.acme.example/net-monitor\"",
              "\"prod\"",
              ",\"precedence\":[\"acme\",\"wabbit\"],\"mode\":\"audit\",\"exceptions\":[{\"rule\":"
                  + "\"scanned\",\"digest\":\"sha256:"
                  + "a".repeat(64)
                  + "\",\"until\":"
                  + "\"2026-12-31T00:00:00Z\",\"reason\":\"scanner down\"}]"));

  @Test
  void aFullDocumentParses() throws Exception {
    ClaimPolicy p = ClaimPolicy.parse(FULL);
    ClaimPolicyStatement s = p.statementFor("registry.acme.example/net-monitor", "prod");
    assertThat(s.name()).isEqualTo("acme-prod");
    assertThat(s.mode()).isEqualTo(EnforcementMode.AUDIT);
    assertThat(s.precedence()).containsExactly("acme", "wabbit");
    assertThat(s.issuer("acme").orElseThrow().trustStores()).hasSize(2);
    assertThat(s.issuerOf("https://wabbit.example").map(TrustedIssuer::name)).contains("wabbit");
    assertThat(s.rules()).hasSize(3);
    ClaimRule.RequireApproval approved = (ClaimRule.RequireApproval) s.rules().get(0);
    assertThat(approved.match()).isEqualTo(Quantifier.ANY);
    assertThat(approved.maxAge()).contains(Duration.ofDays(30));
    ClaimRule.RequireClaim scanned = (ClaimRule.RequireClaim) s.rules().get(1);
    assertThat(scanned.match()).isEqualTo(Quantifier.ALL);
    assertThat(scanned.maxAge()).contains(Duration.ofHours(12));
    assertThat(s.contentTypes())
        .containsExactlyInAnyOrder(ClaimTypes.APPROVAL, "application/sarif+json");
    assertThat(s.waivers().get(0).reason()).contains("scanner down");
  }

  @Test
  void theDefaultPrecedencePutsConsumersFirst() throws Exception {
    String publisherFirst =
        doc(
            "{\"name\":\"s\",\"registryScopes\":[\"*\"],\"environments\":[\"prod\"],"
                + "\"issuers\":[{\"name\":\"wabbit\",\"role\":\"publisher\",\"iss\":[\"https://w\"],"
                + "\"trustStores\":[\"ca:w\"],\"trustedIdentities\":[\"*\"]},"
                + "{\"name\":\"acme\",\"role\":\"consumer\",\"iss\":[\"https://a\"],"
                + "\"trustStores\":[\"ca:a\"],\"trustedIdentities\":[\"*\"]}],"
                + "\"rules\":[{\"name\":\"r\",\"denyRejection\":{\"from\":[\"wabbit\"]}}]}");
    ClaimPolicyStatement s = ClaimPolicy.parse(publisherFirst).statements().get(0);
    assertThat(s.precedence()).containsExactly("acme", "wabbit");
    assertThat(s.mode()).isEqualTo(EnforcementMode.ENFORCE);
  }

  @Test
  void selectionPrefersTheExactScopeThenTheWildcard() throws Exception {
    ClaimPolicy p =
        ClaimPolicy.parse(
            "{\"version\":\"1.0\",\"claimPolicies\":["
                + statement("exact", "\"registry.example/app\"", "\"prod\"", "")
                + ","
                + statement("global", "\"*\"", "\"*\"", "")
                + "]}");
    assertThat(p.statementFor("registry.example/app", "prod").name()).isEqualTo("exact");
    assertThat(p.statementFor("registry.example/app", "staging").name()).isEqualTo("global");
    assertThat(p.statementFor("local/layout", "prod").name()).isEqualTo("global");
    assertThatThrownBy(() -> p.statementFor("registry.example/app:v1", "prod"))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("is not valid");
    assertThatThrownBy(() -> p.statementFor("registry.example/app", "pr od"))
        .isInstanceOf(PolicyException.class);
  }

  @Test
  void overlappingStatementsAreRejected() {
    assertThatThrownBy(
            () ->
                ClaimPolicy.parse(
                    "{\"version\":\"1.0\",\"claimPolicies\":["
                        + statement("a", "\"*\"", "\"prod\"", "")
                        + ","
                        + statement("b", "\"*\"", "\"*\"", "")
                        + "]}"))
        .isInstanceOf(InvalidClaimPolicyException.class)
        .hasMessageContaining("claim policy statement \"b\"")
        .hasMessageContaining("already governed by statement \"a\"");
  }

  @Test
  void aPolicyIsReadFromAFileAndAMissingOneIsNamed(@TempDir Path dir) throws Exception {
    Path file = dir.resolve(ClaimPolicy.FILE_NAME);
    Files.writeString(file, FULL);
    assertThat(ClaimPolicy.read(file).statements()).hasSize(1);
    assertThatThrownBy(() -> ClaimPolicy.read(dir.resolve("nope.json")))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("nope.json does not exist");
    assertThatThrownBy(() -> ClaimPolicy.read(dir)).hasMessageContaining("is not a regular file");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "unknown top-level property|\"version\":\"1.0\"|\"version\":\"1.0\",\"extra\":1|extra: unknown property",
        "mis-cased property|\"registryScopes\"|\"RegistryScopes\"|did you mean \"registryScopes\"",
        "duplicate key|\"mode\":\"audit\"|\"mode\":\"audit\",\"mode\":\"enforce\"|Duplicate field 'mode'",
        "wrong type|[\"prod\"]|\"prod\"|environments: expected an array of strings, found string",
        "null value|\"mode\":\"audit\"|\"mode\":null|mode: must not be null",
        "unsupported version|\"version\":\"1.0\"|\"version\":\"2.0\"|unsupported version \"2.0\"",
        "unknown mode|\"mode\":\"audit\"|\"mode\":\"warn\"|mode: expected \"enforce\" or \"audit\"",
        "unknown issuer in a rule|[\"wabbit\",\"acme\"]|[\"wabbit\",\"mallory\"]|names the unknown issuer \"mallory\"",
        "incomplete precedence|\"precedence\":[\"acme\",\"wabbit\"]|\"precedence\":[\"acme\"]|precedence: must name every issuer",
        "invalid scope|\"registry.acme.example/net-monitor\"|\"registry.acme.example/Net-Monitor:v1\"|registryScopes: \"registry.acme.example/Net-Monitor:v1\" is not a registry scope",
        "wildcard with others|[\"prod\"]|[\"prod\",\"*\"]|environments: the wildcard '*' cannot be used with other values",
        "bad trust store|\"ca:wabbit\"|\"wabbit\"|trustStores: malformed trust store value \"wabbit\"",
        "only a tsa store|\"trustStores\":[\"ca:wabbit\"]|\"trustStores\":[\"tsa:wabbit\"]|needs a ca or signingAuthority trust store",
        "bad identity|\"x509.subject: C=US, ST=WA, O=wabbit.example\"|\"x509.subject: O=wabbit.example\"|trustedIdentities:",
        "bad duration|\"PT12H\"|\"12 hours\"|maxAge: \"12 hours\" is not an ISO 8601 duration",
        "bad content type|\"application/sarif+json\"|\"sarif\"|contentType: \"sarif\" is not a claim content type",
        "two rule kinds|\"denyRejection\":{\"from\":[\"wabbit\",\"acme\"]}|\"denyRejection\":{\"from\":[\"acme\"]},\"requireApproval\":{\"from\":[\"acme\"]}|must have exactly one of",
        "unknown exception rule|\"rule\":\"scanned\"|\"rule\":\"nope\"|exceptions: the rule \"nope\" does not exist",
        "bad exception time|\"2026-12-31T00:00:00Z\"|\"2026-12-31\"|until: \"2026-12-31\" is not an RFC 3339 time",
        "iss of two issuers|\"https://wabbit.example\"|\"https://acme.example\"|belongs to both \"acme\" and \"wabbit\"",
        "repeated environment|[\"prod\"]|[\"prod\",\"prod\"]|\"prod\" is listed twice",
      })
  void everyErrorNamesTheStatementAndTheProperty(
      String what, String from, String to, String message) {
    assertThat(FULL).contains(from);
    String broken =
        FULL.replaceFirst(
            java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to));
    assertThatThrownBy(() -> ClaimPolicy.parse(broken))
        .as(what)
        .isInstanceOf(InvalidClaimPolicyException.class)
        .hasMessageContaining(message)
        .satisfies(
            e -> {
              boolean documentLevel = message.contains("version") || message.startsWith("extra");
              if (!documentLevel && !message.contains("Duplicate")) {
                assertThat(e.getMessage()).contains("claim policy statement \"acme-prod\"");
              }
            });
  }

  @Test
  void aStatementBuiltInCodeIsCheckedToo() {
    assertThatThrownBy(
            () ->
                ClaimPolicyStatement.builder("s")
                    .registryScopes(List.of("*"))
                    .environments(List.of("prod"))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("issuers: at least one issuer is required");
    assertThatThrownBy(
            () -> new ClaimRule.RequireApproval("r", List.of(), Quantifier.ANY, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
