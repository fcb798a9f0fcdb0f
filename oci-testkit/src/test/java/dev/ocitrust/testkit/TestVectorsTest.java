package dev.ocitrust.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

class TestVectorsTest {
  @TempDir Path root;

  @Test
  void aPresentFolderIsReturned() throws Exception {
    Path notary = Files.createDirectories(root.resolve("notary"));
    assertThat(TestVectors.require(root, "notary", false)).isEqualTo(notary);
    assertThat(TestVectors.require(root, "notary", true)).isEqualTo(notary);
  }

  @Test
  void aMissingFolderSkipsTheTestAndSaysWhichFolderWasLookedFor() {
    assertThatThrownBy(() -> TestVectors.require(root, "notary", false))
        .isInstanceOf(TestAbortedException.class)
        .hasMessageStartingWith("skipped: test vectors ")
        .hasMessageContaining(root.resolve("notary").toString())
        .hasMessageContaining("are missing");
  }

  @Test
  void aMissingFolderFailsUnderCi() {
    assertThatThrownBy(() -> TestVectors.require(root, "notary", true))
        .isInstanceOf(AssertionError.class)
        .isNotInstanceOf(TestAbortedException.class)
        .hasMessageContaining("CI=true")
        .hasMessageContaining(root.resolve("notary").toString());
  }

  @Test
  void aFileIsNotAFolder() throws Exception {
    Files.writeString(root.resolve("notary"), "not a folder");
    assertThatThrownBy(() -> TestVectors.require(root, "notary", false))
        .isInstanceOf(TestAbortedException.class);
  }

  @Test
  void theBuildPointsTheTestsAtTheFolderBesideTheCheckout() {
    Path expected =
        Path.of(System.getProperty("user.dir"))
            .toAbsolutePath()
            .getParent()
            .getParent()
            .resolve("shared/vectors")
            .normalize();
    Assumptions.assumeTrue(
        System.getenv("OCITRUST_VECTORS") == null, "OCITRUST_VECTORS names another folder");
    assertThat(TestVectors.root()).isEqualTo(expected);
  }
}
