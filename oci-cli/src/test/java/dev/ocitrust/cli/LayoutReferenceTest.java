package dev.ocitrust.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ocitrust.client.Digest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code DIR[:TAG|@DIGEST]}, parsed from the right. */
class LayoutReferenceTest {
  private static final String DIGEST =
      "sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae";

  @Test
  void aTagOrADigestFollowsTheLastComponent() {
    assertThat(LayoutReference.parse("/x/L:v1"))
        .isEqualTo(new LayoutReference(Path.of("/x/L"), java.util.Optional.of("v1"), none()));
    assertThat(LayoutReference.parse("/x/L@" + DIGEST).digest()).contains(Digest.parse(DIGEST));
    assertThat(LayoutReference.parse("/x/L@" + DIGEST).folder()).isEqualTo(Path.of("/x/L"));
    assertThat(LayoutReference.parse("/x/L").tag()).isEmpty();
    assertThat(LayoutReference.parse("/x/L").digest()).isEmpty();
  }

  @Test
  void foldersHigherUpMayHoldAnAtOrAColon() {
    LayoutReference r = LayoutReference.parse("/x/at@dir/L:v1");
    assertThat(r.folder()).isEqualTo(Path.of("/x/at@dir/L"));
    assertThat(r.tag()).contains("v1");
    assertThat(LayoutReference.parse("/x/a:b/L").folder()).isEqualTo(Path.of("/x/a:b/L"));
    assertThat(LayoutReference.parse("/x/at@dir/L@" + DIGEST).folder())
        .isEqualTo(Path.of("/x/at@dir/L"));
    assertThat(LayoutReference.parse("at@dir:v1").folder()).isEqualTo(Path.of("at@dir"));
  }

  @Test
  void whatFollowsAnAtMustBeADigest() {
    assertThatThrownBy(() -> LayoutReference.parse("/x/L@garbage"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'garbage' after '@' is not a digest");
    assertThatThrownBy(() -> LayoutReference.parse("/x/L@sha256:abc"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("/x/L@sha256:abc");
    assertThatThrownBy(() -> LayoutReference.parse(":v1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no layout folder");
  }

  private static java.util.Optional<Digest> none() {
    return java.util.Optional.empty();
  }
}
