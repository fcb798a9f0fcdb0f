package dev.ocitrust.claims;

import static dev.ocitrust.claims.ClaimFixture.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The deployment claim's payload: strict parsing and its round trip. */
class DeploymentTest {
  private static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant TO = Instant.parse("2026-05-01T00:00:00Z");

  @Test
  void roundTripsOpenAndClosed() throws Exception {
    Deployment open = Deployment.open("prod", FROM);
    assertThat(new String(open.toJson(), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo("{\"environment\":\"prod\",\"from\":\"2026-01-01T00:00:00Z\"}");
    assertThat(Deployment.parse(open.toJson())).isEqualTo(open);
    Deployment closed = open.closedAt(TO);
    assertThat(Deployment.parse(closed.toJson())).isEqualTo(closed);
    assertThat(closed.to()).contains(TO);
  }

  @Test
  void isDeployedFromItsStartUntilItsEnd() {
    Deployment d = Deployment.open("prod", FROM).closedAt(TO);
    assertThat(d.isDeployedAt(FROM.minusSeconds(1))).isFalse();
    assertThat(d.isDeployedAt(FROM)).isTrue();
    assertThat(d.isDeployedAt(TO.minusSeconds(1))).isTrue();
    assertThat(d.isDeployedAt(TO)).isFalse();
    assertThat(Deployment.open("prod", FROM).isDeployedAt(Instant.MAX)).isTrue();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"environment\":\"prod\"}|from: is required",
        "{\"from\":\"2026-01-01T00:00:00Z\"}|environment: is required",
        "{\"environment\":\"prod\",\"from\":\"2026-01-01T00:00:00\"}|is not an RFC 3339 time",
        "{\"environment\":\"prod\",\"from\":\"2026-01-01T00:00:00Z\",\"to\":\"2025-01-01T00:00:00Z\"}"
            + "|to: 2025-01-01T00:00:00Z is before from",
        "{\"environment\":\"prod\",\"from\":\"2026-01-01T00:00:00Z\",\"cluster\":\"a\"}"
            + "|cluster: unknown property",
        "{\"environment\":\"prod\",\"From\":\"2026-01-01T00:00:00Z\"}|did you mean \"from\"",
        "{\"environment\":\"prod\",\"environment\":\"dev\",\"from\":\"2026-01-01T00:00:00Z\"}"
            + "|Duplicate field",
        "{\"environment\":\"pr od\",\"from\":\"2026-01-01T00:00:00Z\"}|is not a name",
        "{\"environment\":\"prod\",\"from\":\"2026-01-01T00:00:00Z\",\"to\":null}|to: must not be null",
        "{\"environment\":[\"prod\"],\"from\":\"2026-01-01T00:00:00Z\"}|expected a string",
        "[]|expected a JSON object",
      })
  void strictParsingNamesTheField(String json, String message) {
    assertThatThrownBy(() -> Deployment.parse(bytes(json)))
        .isInstanceOf(InvalidClaimException.class)
        .hasMessageStartingWith("deployment: ")
        .hasMessageContaining(message);
  }

  @Test
  void refusesAnEndBeforeItsStartAndABadEnvironment() {
    assertThatThrownBy(() -> new Deployment("prod", TO, Optional.of(FROM)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("before it began");
    assertThatThrownBy(() -> Deployment.open("", FROM))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theIssuerRefusesAMalformedPayloadBeforeSigning() throws Exception {
    ClaimFixture f = new ClaimFixture();
    dev.ocitrust.client.MemoryStore store = new dev.ocitrust.client.MemoryStore();
    ClaimFixture.image(store, "v1", "net-monitor v1");
    assertThatThrownBy(
            () ->
                f.acmeAt(FROM)
                    .issue(store, "v1", ClaimTypes.DEPLOYMENT, bytes("{\"environment\":\"prod\"}")))
        .isInstanceOf(InvalidClaimException.class);
    assertThat(store.referrers(store.resolve("v1"), null)).isEmpty();
  }
}
