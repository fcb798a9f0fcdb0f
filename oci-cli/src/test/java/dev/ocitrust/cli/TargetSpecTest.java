package dev.ocitrust.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ocitrust.client.NotFoundException;
import dev.ocitrust.client.OciException;
import dev.ocitrust.client.OciLayout;
import dev.ocitrust.client.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@link TargetSpec} reads registry references and layout directories. */
class TargetSpecTest {
  private static final String DIGEST =
      "sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae";

  @TempDir Path dir;

  @Test
  void aRegistryTagIsTheReferenceAndTheTag() throws Exception {
    try (TargetSpec.Clients clients = new TargetSpec.Clients()) {
      TargetSpec spec =
          TargetSpec.open(
              "localhost:5000/net-monitor:v1", false, true, clients, TargetSpec.Access.READ);
      assertThat(spec.reference()).contains("v1");
      assertThat(spec.tag()).contains("v1");
      assertThat(spec.registryReference())
          .contains(Reference.parse("localhost:5000/net-monitor:v1"));
      assertThat(spec.display()).isEqualTo("localhost:5000/net-monitor:v1");
    }
  }

  @Test
  void aRegistryDigestIsTheReferenceAndPinsAnyTag() throws Exception {
    try (TargetSpec.Clients clients = new TargetSpec.Clients()) {
      TargetSpec byDigest =
          TargetSpec.open(
              "localhost:5000/net-monitor@" + DIGEST, false, true, clients, TargetSpec.Access.READ);
      assertThat(byDigest.reference()).contains(DIGEST);
      assertThat(byDigest.tag()).isEmpty();
      TargetSpec pinned =
          TargetSpec.open(
              "localhost:5000/net-monitor:v1@" + DIGEST,
              false,
              true,
              clients,
              TargetSpec.Access.READ);
      assertThat(pinned.reference()).contains(DIGEST);
      assertThat(pinned.tag()).isEmpty();
    }
  }

  @Test
  void aLayoutTakesATagOrADigestAfterTheDirectory() throws Exception {
    try (TargetSpec.Clients clients = new TargetSpec.Clients()) {
      TargetSpec tagged =
          TargetSpec.open(dir + ":v1", true, false, clients, TargetSpec.Access.CREATE);
      assertThat(tagged.reference()).contains("v1");
      assertThat(tagged.tag()).contains("v1");
      assertThat(tagged.registryReference()).isEmpty();
      TargetSpec byDigest =
          TargetSpec.open(dir + "@" + DIGEST, true, false, clients, TargetSpec.Access.READ);
      assertThat(byDigest.reference()).contains(DIGEST);
      assertThat(byDigest.tag()).isEmpty();
      assertThat(
              TargetSpec.open(dir.toString(), true, false, clients, TargetSpec.Access.READ)
                  .reference())
          .isEmpty();
    }
  }

  @Test
  void readingAMissingLayoutMakesNothing() throws Exception {
    Path missing = dir.resolve("missing");
    try (TargetSpec.Clients clients = new TargetSpec.Clients()) {
      assertThatThrownBy(
              () -> TargetSpec.open(missing + ":v1", true, false, clients, TargetSpec.Access.READ))
          .isInstanceOf(NotFoundException.class)
          .hasMessageContaining("no such OCI image layout");
      assertThatThrownBy(
              () ->
                  TargetSpec.open(missing + ":v1", true, false, clients, TargetSpec.Access.UPDATE))
          .isInstanceOf(NotFoundException.class);
    }
    assertThat(missing).doesNotExist();
  }

  @Test
  void aFolderThatIsNotALayoutIsAnErrorThatSaysSoAndStaysAsItWas() throws Exception {
    Path plain = Files.createDirectories(dir.resolve("plain"));
    Files.writeString(plain.resolve("notes.txt"), "hello");
    try (TargetSpec.Clients clients = new TargetSpec.Clients()) {
      for (TargetSpec.Access access : TargetSpec.Access.values()) {
        assertThatThrownBy(() -> TargetSpec.open(plain + ":v1", true, false, clients, access))
            .as(access.toString())
            .isInstanceOf(OciException.class)
            .hasMessageContaining(plain + " is not an OCI image layout");
      }
    }
    try (Stream<Path> files = Files.list(plain)) {
      assertThat(files).containsExactly(plain.resolve("notes.txt"));
    }
  }

  @Test
  void aNewLayoutIsMadeOnlyToCreate() throws Exception {
    try (TargetSpec.Clients clients = new TargetSpec.Clients()) {
      TargetSpec.open(dir.resolve("new") + ":v1", true, false, clients, TargetSpec.Access.CREATE);
    }
    assertThat(dir.resolve("new/oci-layout")).isRegularFile();
    assertThat(dir.resolve("new/index.json")).isRegularFile();
  }

  @Test
  void aLayoutPathWithAnAtIsReadFromTheRight() throws Exception {
    Path folder = dir.resolve("at@dir").resolve("L");
    try (TargetSpec.Clients clients = new TargetSpec.Clients()) {
      TargetSpec spec =
          TargetSpec.open(folder + ":v1", true, false, clients, TargetSpec.Access.CREATE);
      assertThat(spec.reference()).contains("v1");
      assertThat(((OciLayout) spec.target()).root()).isEqualTo(folder);
    }
    assertThat(folder.resolve("oci-layout")).isRegularFile();
    assertThat(dir.resolve("at")).doesNotExist();
  }
}
