package dev.ocitrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ocitrust.client.Reference;
import java.nio.file.Path;
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
      TargetSpec spec = TargetSpec.open("localhost:5000/net-monitor:v1", false, true, clients);
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
          TargetSpec.open("localhost:5000/net-monitor@" + DIGEST, false, true, clients);
      assertThat(byDigest.reference()).contains(DIGEST);
      assertThat(byDigest.tag()).isEmpty();
      TargetSpec pinned =
          TargetSpec.open("localhost:5000/net-monitor:v1@" + DIGEST, false, true, clients);
      assertThat(pinned.reference()).contains(DIGEST);
      assertThat(pinned.tag()).isEmpty();
    }
  }

  @Test
  void aLayoutTakesATagOrADigestAfterTheDirectory() throws Exception {
    try (TargetSpec.Clients clients = new TargetSpec.Clients()) {
      TargetSpec tagged = TargetSpec.open(dir + ":v1", true, false, clients);
      assertThat(tagged.reference()).contains("v1");
      assertThat(tagged.tag()).contains("v1");
      assertThat(tagged.registryReference()).isEmpty();
      TargetSpec byDigest = TargetSpec.open(dir + "@" + DIGEST, true, false, clients);
      assertThat(byDigest.reference()).contains(DIGEST);
      assertThat(byDigest.tag()).isEmpty();
      assertThat(TargetSpec.open(dir.toString(), true, false, clients).reference()).isEmpty();
    }
  }
}
