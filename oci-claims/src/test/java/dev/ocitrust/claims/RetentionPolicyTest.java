package dev.ocitrust.claims;

import static dev.ocitrust.claims.ClaimFixture.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The retention policy document, read strictly. */
class RetentionPolicyTest {
  static final String FULL =
      "{\"version\":\"1.0\",\"environment\":\"prod\",\"rules\":["
          + "{\"name\":\"deployed\",\"keepWhileDeployed\":{}},"
          + "{\"name\":\"eol\",\"keepUntilEndOfLife\":{\"period\":\"P90D\"}},"
          + "{\"name\":\"archived\",\"keepAfterDeployment\":{\"period\":\"P365D\"}},"
          + "{\"name\":\"newest\",\"keepNewest\":{\"count\":3}}]}";

  @Test
  void readsEveryRule() throws Exception {
    RetentionPolicy p = RetentionPolicy.parse(bytes(FULL), "retention.json");
    assertThat(p.environment()).isEqualTo("prod");
    assertThat(p.rules())
        .containsExactly(
            new RetentionRule(
                "deployed", RetentionRule.Kind.KEEP_WHILE_DEPLOYED, java.util.Optional.empty(), 0),
            new RetentionRule(
                "eol",
                RetentionRule.Kind.KEEP_UNTIL_END_OF_LIFE,
                java.util.Optional.of(Duration.ofDays(90)),
                0),
            new RetentionRule(
                "archived",
                RetentionRule.Kind.KEEP_AFTER_DEPLOYMENT,
                java.util.Optional.of(Duration.ofDays(365)),
                0),
            new RetentionRule(
                "newest", RetentionRule.Kind.KEEP_NEWEST, java.util.Optional.empty(), 3));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"version\":\"2.0\",\"environment\":\"prod\",\"rules\":[]}|version: expected \"1.0\"",
        "{\"version\":\"1.0\",\"rules\":[{\"name\":\"a\",\"keepWhileDeployed\":{}}]}"
            + "|environment: is required",
        "{\"version\":\"1.0\",\"environment\":\"prod\",\"rules\":[]}|rules: must not be empty",
        "{\"version\":\"1.0\",\"environment\":\"prod\",\"rules\":[{\"name\":\"a\"}]}"
            + "|rules[0].name: rule \"a\" needs exactly one of",
        "{\"version\":\"1.0\",\"environment\":\"prod\",\"rules\":[{\"name\":\"a\","
            + "\"keepWhileDeployed\":{},\"keepNewest\":{\"count\":1}}]}|found 2",
        "{\"version\":\"1.0\",\"environment\":\"prod\",\"rules\":[{\"name\":\"a\","
            + "\"keepNewest\":{\"count\":0}}]}|rules[0].keepNewest.count: expected a whole number",
        "{\"version\":\"1.0\",\"environment\":\"prod\",\"rules\":[{\"name\":\"a\","
            + "\"keepNewest\":{\"count\":\"3\"}}]}|rules[0].keepNewest.count: expected a whole number",
        "{\"version\":\"1.0\",\"environment\":\"prod\",\"rules\":[{\"name\":\"a\","
            + "\"keepUntilEndOfLife\":{}}]}|rules[0].keepUntilEndOfLife.period: is required",
        "{\"version\":\"1.0\",\"environment\":\"prod\",\"rules\":[{\"name\":\"a\","
            + "\"keepAfterDeployment\":{\"period\":\"90 days\"}}]}|is not an ISO 8601 duration",
        "{\"version\":\"1.0\",\"environment\":\"prod\",\"rules\":[{\"name\":\"a\","
            + "\"keepWhileDeployed\":{\"environment\":\"dev\"}}]}"
            + "|rules[0].keepWhileDeployed.environment: unknown property",
        "{\"version\":\"1.0\",\"environment\":\"prod\",\"rules\":[{\"name\":\"a\","
            + "\"keepwhiledeployed\":{}}]}|did you mean \"keepWhileDeployed\"",
        "{\"version\":\"1.0\",\"environment\":\"prod\",\"rules\":[{\"name\":\"a\",\"keepWhileDeployed\":{}},"
            + "{\"name\":\"a\",\"keepWhileDeployed\":{}}]}|rules[1].name: \"a\" names another rule",
        "{\"version\":\"1.0\",\"environment\":null,\"rules\":[]}|environment: must not be null",
        "{\"version\":\"1.0\",\"version\":\"1.0\"}|Duplicate field",
        "{\"version\":\"1.0\",\"environment\":\"prod\",\"rules\":[],\"tags\":[]}|tags: unknown property",
      })
  void strictReadingNamesThePath(String json, String message) {
    assertThatThrownBy(() -> RetentionPolicy.parse(bytes(json), "retention.json"))
        .isInstanceOf(InvalidRetentionPolicyException.class)
        .hasMessageStartingWith("retention.json: ")
        .hasMessageContaining(message);
  }
}
