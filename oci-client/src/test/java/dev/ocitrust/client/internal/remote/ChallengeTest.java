package dev.ocitrust.client.internal.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChallengeTest {
  @Test
  void parsesParametersInAnyOrderWithQuotedEscapes() {
    List<Challenge> c =
        Challenge.parse(
            "Bearer service=\"registry.docker.io\", scope=\"repository:a/b:pull repository:c:pull,push\","
                + "realm=\"https://auth.example/token?x=\\\"y\\\"\"");
    assertThat(c).hasSize(1);
    assertThat(c.get(0).scheme()).isEqualTo("bearer");
    assertThat(c.get(0).param("REALM")).isEqualTo("https://auth.example/token?x=\"y\"");
    assertThat(c.get(0).scopes()).containsExactly("repository:a/b:pull", "repository:c:pull,push");
  }

  @Test
  void parsesSeveralChallengesAndTokenValues() {
    List<Challenge> c = Challenge.parse("Basic realm=\"r\", Bearer realm=x,service=y");
    assertThat(c).extracting(Challenge::scheme).containsExactly("basic", "bearer");
    assertThat(c.get(1).param("service")).isEqualTo("y");
  }

  @Test
  void refusesMalformedHeaders() {
    for (String bad :
        List.of(
            "",
            "Bearer realm=\"open",
            "Bearer realm=\"a\" service=\"b\"",
            "Bearer realm=\"a\",realm=\"b\"",
            "Bearer =x",
            "Bearer realm=\"a\u0001\"")) {
      assertThatThrownBy(() -> Challenge.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("malformed WWW-Authenticate");
    }
  }
}
