package dev.ocitrust.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The level table of the specification, overrides, and their rules. */
class VerificationActionsTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "strict,     enforce, enforce, enforce, enforce, enforce",
    "permissive, enforce, enforce, log,     log,     log",
    "audit,      enforce, log,     log,     log,     log",
    "skip,       skip,    skip,    skip,    skip,    skip"
  })
  void presetLevels(String level, String i, String a, String t, String e, String r) {
    VerificationActions actions =
        SignatureVerification.of(VerificationLevel.fromValue(level).orElseThrow()).actions();
    assertThat(actions.asMap())
        .containsExactly(
            Map.entry(VerificationCheck.INTEGRITY, CheckAction.fromValue(i).orElseThrow()),
            Map.entry(VerificationCheck.AUTHENTICITY, CheckAction.fromValue(a).orElseThrow()),
            Map.entry(
                VerificationCheck.AUTHENTIC_TIMESTAMP, CheckAction.fromValue(t).orElseThrow()),
            Map.entry(VerificationCheck.EXPIRY, CheckAction.fromValue(e).orElseThrow()),
            Map.entry(VerificationCheck.REVOCATION, CheckAction.fromValue(r).orElseThrow()));
    assertThat(actions.skipsVerification()).isEqualTo(level.equals("skip"));
  }

  @Test
  void overrideReplacesOneCell() {
    SignatureVerification sv =
        SignatureVerification.builder(VerificationLevel.AUDIT)
            .override(VerificationCheck.AUTHENTICITY, CheckAction.ENFORCE)
            .override(VerificationCheck.REVOCATION, CheckAction.SKIP)
            .build();
    VerificationActions a = sv.actions();
    assertThat(a.isEnforced(VerificationCheck.AUTHENTICITY)).isTrue();
    assertThat(a.isSkipped(VerificationCheck.REVOCATION)).isTrue();
    assertThat(a.action(VerificationCheck.EXPIRY)).isEqualTo(CheckAction.LOG);
    assertThat(a.level()).isEqualTo(VerificationLevel.AUDIT);
    assertThat(sv.toBuilder().build()).isEqualTo(sv);
    assertThat(sv.effectiveVerifyTimestamp()).isEqualTo(VerifyTimestamp.ALWAYS);
  }

  @Test
  void overrideRules() {
    assertThat(
            assertThrows(
                    IllegalArgumentException.class,
                    () ->
                        SignatureVerification.builder(VerificationLevel.STRICT)
                            .override(VerificationCheck.INTEGRITY, CheckAction.ENFORCE)
                            .build())
                .getMessage())
        .contains("\"integrity\"");
    for (VerificationCheck c :
        new VerificationCheck[] {
          VerificationCheck.AUTHENTICITY,
          VerificationCheck.AUTHENTIC_TIMESTAMP,
          VerificationCheck.EXPIRY
        }) {
      assertThat(
              assertThrows(
                      IllegalArgumentException.class,
                      () ->
                          SignatureVerification.builder(VerificationLevel.PERMISSIVE)
                              .override(c, CheckAction.SKIP)
                              .build())
                  .getMessage())
          .contains("\"" + c.value() + "\"")
          .contains("cannot be skipped");
    }
    assertThat(
            assertThrows(
                    IllegalArgumentException.class,
                    () ->
                        SignatureVerification.builder(VerificationLevel.SKIP)
                            .override(VerificationCheck.REVOCATION, CheckAction.LOG)
                            .build())
                .getMessage())
        .contains("\"skip\"");
  }

  @Test
  void documentOverrideErrorsNameStatementAndValue() {
    String base =
        "{\"version\":\"1.0\",\"trustPolicies\":[{\"name\":\"st\",\"registryScopes\":[\"a.io/r\"],"
            + "\"trustStores\":[\"ca:x\"],\"trustedIdentities\":[\"*\"],"
            + "\"signatureVerification\":%s}]}";
    String[][] cases = {
      {"{\"level\":\"strict\",\"override\":{\"integrity\":\"enforce\"}}", "\"integrity\""},
      {"{\"level\":\"strict\",\"override\":{\"signature\":\"log\"}}", "\"signature\""},
      {"{\"level\":\"strict\",\"override\":{\"expiry\":\"warn\"}}", "\"warn\""},
      {"{\"level\":\"skip\",\"override\":{\"revocation\":\"skip\"}}", "\"skip\""},
      {"{\"level\":\"Strict\"}", "\"Strict\""},
      {"{\"level\":\"\"}", "level is empty or missing"},
      {"{}", "level is empty or missing"},
      {"{\"level\":\"strict\",\"verifyTimestamp\":\"\"}", "verifyTimestamp must be"},
    };
    for (String[] c : cases) {
      InvalidTrustPolicyException e =
          assertThrows(
              InvalidTrustPolicyException.class,
              () -> OciTrustPolicy.parse(String.format(base, c[0])),
              c[0]);
      assertThat(e.getMessage()).as(c[0]).contains("\"st\"").contains(c[1]);
      assertThat(e.statementName()).contains("st");
    }
  }

  @Test
  void skipLevelWithEmptyOverrideMapIsAccepted() throws Exception {
    OciTrustPolicyStatement st =
        OciTrustPolicy.parse(
                "{\"version\":\"1.0\",\"trustPolicies\":[{\"name\":\"s\",\"registryScopes\":[\"a.io/r\"],"
                    + "\"signatureVerification\":{\"level\":\"skip\",\"override\":{}}}]}")
            .statements()
            .get(0);
    assertThat(st.actions().skipsVerification()).isTrue();
    assertThat(st.trustStores()).isEmpty();
    assertThat(st.trustedIdentities().isEmpty()).isTrue();
  }
}
