package dev.ocitrust.graph.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class YamlTest {
  @Test
  void quotesLikeYamlV3() {
    assertThat(Yaml.scalar("pass")).isEqualTo("pass");
    assertThat(Yaml.scalar("io.cncf.notary.x509chain.thumbprint#S256"))
        .isEqualTo("io.cncf.notary.x509chain.thumbprint#S256");
    assertThat(Yaml.scalar("2026-11-28T01:10:33Z")).isEqualTo("\"2026-11-28T01:10:33Z\"");
    assertThat(Yaml.scalar("[\"f53b\"]")).isEqualTo("'[\"f53b\"]'");
    assertThat(Yaml.scalar("it's: here")).isEqualTo("'it''s: here'");
    assertThat(Yaml.scalar("42")).isEqualTo("\"42\"");
    assertThat(Yaml.scalar("1.5e3")).isEqualTo("\"1.5e3\"");
    assertThat(Yaml.scalar("true")).isEqualTo("\"true\"");
    assertThat(Yaml.scalar("yes")).isEqualTo("\"yes\"");
    assertThat(Yaml.scalar("")).isEqualTo("\"\"");
    assertThat(Yaml.scalar("a\nb")).isEqualTo("\"a\\nb\"");
    assertThat(Yaml.scalar("-x")).isEqualTo("-x");
    assertThat(Yaml.scalar("- x")).isEqualTo("'- x'");
    assertThat(Yaml.scalar("hello world")).isEqualTo("hello world");
  }
}
