package dev.ocitrust.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DigestTest {
  // sha256("foo") and sha512("foo") as printed by sha256sum / sha512sum.
  private static final String FOO_256 =
      "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae";
  private static final String FOO_512 =
      "f7fbba6e0636f890e56fbbf3283e524c6fa3204ae298382d624741d0dc6638326e282c41be5e4254d8820772c5518a2c5a8c0c7f7eda19594a7eb539453e1ed7";

  @Test
  void parsesAndComputes() {
    Digest d = Digest.parse("sha256:" + FOO_256);
    assertThat(d.algorithm()).isEqualTo("sha256");
    assertThat(d.encoded()).isEqualTo(FOO_256);
    assertThat(Digest.sha256("foo")).isEqualTo(d);
    assertThat(d.toString()).isEqualTo("sha256:" + FOO_256);
    assertThat(Digest.of("sha512", "foo".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .isEqualTo(Digest.parse("sha512:" + FOO_512));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''|expected algorithm:encoded",
        "sha256|expected algorithm:encoded",
        "sha256:|expected algorithm:encoded",
        ":abc|expected algorithm:encoded",
        "SHA256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae|invalid digest algorithm",
        "sha256:2C26B46B68FFC68FF99B453C1D30413413422D706483BFA0F98A5E886266E7AE|64 lower-case hex",
        "sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7a|64 lower-case hex",
        "sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7aee|64 lower-case hex",
        "sha512:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae|128 lower-case hex",
        "md5:acbd18db4cc2f85cedef654fccc4a4d8|unsupported digest algorithm 'md5'",
        "sha256:2c26b46b68ffc68ff99b453c1d304134 13422d706483bfa0f98a5e886266e7a|invalid encoded part",
        "sha256+b64u:LCa0a2j_xo_5m0U8HTBBNBNCLXBkg7-g-YpeiGJm564|unsupported digest algorithm",
      })
  void rejectsBadDigestsNamingThePart(String input, String message) {
    assertThatThrownBy(() -> Digest.parse(input))
        .isInstanceOf(InvalidDigestException.class)
        .hasMessageContaining(message);
  }
}
