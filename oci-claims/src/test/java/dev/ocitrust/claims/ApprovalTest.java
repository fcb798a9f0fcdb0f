package dev.ocitrust.claims;

import static dev.ocitrust.claims.ClaimFixture.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApprovalTest {
  @org.junit.jupiter.api.Test
  void roundTripsThroughItsJson() throws Exception {
    Approval a =
        new Approval(
            List.of("prod", "staging"),
            Approval.Decision.REJECTED,
            Optional.of(Instant.parse("2027-01-01T00:00:00.999Z")),
            Optional.of("CVE-2026-1"));
    String json = new String(a.toJson(), StandardCharsets.UTF_8);
    assertThat(json)
        .isEqualTo(
            "{\"environments\":[\"prod\",\"staging\"],\"decision\":\"rejected\","
                + "\"validUntil\":\"2027-01-01T00:00:00Z\",\"reason\":\"CVE-2026-1\"}");
    assertThat(Approval.parse(a.toJson())).isEqualTo(a);
    assertThat(Approval.parse(bytes("{\"decision\":\"approved\",\"environments\":[\"prod\"]}")))
        .isEqualTo(Approval.approved("prod"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "unknown field|{\"environments\":[\"prod\"],\"decision\":\"approved\",\"note\":1}|note: unknown property",
        "duplicate key|{\"environments\":[\"prod\"],\"decision\":\"approved\",\"decision\":\"rejected\"}|Duplicate field",
        "wrong type|{\"environments\":\"prod\",\"decision\":\"approved\"}|environments: expected an array",
        "no environment|{\"environments\":[],\"decision\":\"approved\"}|environments: must not be empty",
        "bad environment|{\"environments\":[\"pr od\"],\"decision\":\"approved\"}|is not a name",
        "unknown decision|{\"environments\":[\"prod\"],\"decision\":\"maybe\"}|decision: expected",
        "no decision|{\"environments\":[\"prod\"]}|decision: is required",
        "local time|{\"environments\":[\"prod\"],\"decision\":\"approved\",\"validUntil\":\"2027-01-01T00:00\"}|validUntil:",
        "not an object|[1]|expected a JSON object",
        "trailing data|{\"environments\":[\"prod\"],\"decision\":\"approved\"} {}|not valid JSON",
        "null|{\"environments\":[\"prod\"],\"decision\":null}|decision: must not be null",
        "case|{\"Environments\":[\"prod\"],\"decision\":\"approved\"}|did you mean \"environments\"",
      })
  void aMalformedApprovalNamesTheField(String what, String json, String message) {
    assertThatThrownBy(() -> Approval.parse(bytes(json)))
        .as(what)
        .isInstanceOf(InvalidClaimException.class)
        .hasMessageContaining(message);
  }

  @org.junit.jupiter.api.Test
  void anOversizedApprovalIsRefusedUnread() {
    byte[] big = new byte[Approval.MAX_BYTES + 1];
    assertThatThrownBy(() -> Approval.parse(big)).hasMessageContaining("more than");
  }
}
