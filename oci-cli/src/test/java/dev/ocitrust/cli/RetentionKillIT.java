package dev.ocitrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ocitrust.claims.ClaimIssuer;
import dev.ocitrust.claims.Deployment;
import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.ImageIndex;
import dev.ocitrust.client.ImageManifest;
import dev.ocitrust.client.Manifest;
import dev.ocitrust.client.MediaTypes;
import dev.ocitrust.client.OciLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A retention run killed part way ({@code SIGKILL}, nothing to clean up) leaves a layout in which
 * everything still named is there, and a second run finishes the job: the real {@code bin/ocitrust}
 * as a process, killed as soon as its first deletion shows in {@code index.json}.
 */
class RetentionKillIT {
  private static final int ARTIFACTS = 120;
  private static final int TRIES = 3;

  @TempDir Path dir;

  @Test
  void aKilledRetentionRunLeavesAConsistentLayoutThatTheNextRunFinishes() throws Exception {
    CliFixture f = new CliFixture(dir);
    Path retention =
        Files.writeString(
            dir.resolve("retention.json"),
            "{\"version\":\"1.0\",\"environment\":\"prod\",\"rules\":["
                + "{\"name\":\"archived\",\"keepAfterDeployment\":{\"period\":\"P365D\"}}]}");
    ClaimIssuer acme =
        ClaimIssuer.builder(f.acme.privateKey(), f.acme.chain(), CliFixture.ACME_ISS).build();
    boolean killedMidRun = false;
    StringBuilder outcomes = new StringBuilder();
    for (int attempt = 1; attempt <= TRIES; attempt++) {
      Path archive = dir.resolve("archive-" + attempt);
      OciLayout layout = OciLayout.open(archive);
      for (int i = 0; i < ARTIFACTS; i++) {
        TestImages.push(layout, "net-monitor-" + i, "v" + i);
        acme.deployed(
            layout,
            "v" + i,
            Deployment.open("prod", Instant.parse("2023-03-01T00:00:00Z"))
                .closedAt(Instant.parse("2024-06-30T00:00:00Z")));
      }
      int before = OciLayout.read(archive).index().size(); // the images and their claims
      Process purge =
          new ProcessBuilder(
                  Checkout.root().resolve("bin/ocitrust").toString(),
                  "purge",
                  "--retention",
                  retention.toString(),
                  "--oci-layout",
                  "--config",
                  f.config.toString(),
                  archive.toString())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("purge-" + attempt + ".log").toFile())
              .start();
      // kill it as soon as the first deletion shows in index.json (written atomically, so a
      // read sees the old or the new index), whatever the machine's speed
      boolean finished = false;
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
      while (!finished && System.nanoTime() < deadline) {
        if (OciLayout.read(archive).index().size() < before) {
          purge.destroyForcibly();
          break;
        }
        finished = purge.waitFor(5, TimeUnit.MILLISECONDS);
      }
      if (!finished) {
        purge.destroyForcibly();
        assertThat(purge.waitFor(30, TimeUnit.SECONDS)).isTrue();
      }
      int left = OciLayout.read(archive).index().size();
      outcomes.append(
          String.format(
              "try %d: %s, %d of %d index entries left; %s | ",
              attempt,
              finished ? "had finished" : "killed",
              left,
              before,
              Files.readString(dir.resolve("purge-" + attempt + ".log"))
                  .lines()
                  .findFirst()
                  .orElse("")));
      assertConsistent(archive);

      MainTest.Result again =
          MainTest.run(
              "purge",
              "--retention",
              retention.toString(),
              "--oci-layout",
              "--config",
              f.config.toString(),
              archive.toString());
      assertThat(again.status()).as(again.out() + again.err()).isZero();
      assertConsistent(archive);
      OciLayout after = OciLayout.read(archive);
      // what still carried its deployment record is gone; an artifact whose record the killed
      // run had already deleted has no verified claim left and is kept (retention.md says so)
      for (Descriptor d : after.index()) {
        assertThat(after.referrers(d, null)).as("%s still has claims", d.digest()).isEmpty();
      }
      if (!finished && left > 0 && left < before) {
        killedMidRun = true;
        break;
      }
    }
    assertThat(killedMidRun)
        .as("one of the kills landed while artifacts were being deleted: %s", outcomes)
        .isTrue();
  }

  /** Everything the index names, and everything that names, is in the layout. */
  private static void assertConsistent(Path dir) throws IOException {
    OciLayout l = OciLayout.read(dir);
    ArrayDeque<Descriptor> queue = new ArrayDeque<>(l.index());
    Set<String> seen = new HashSet<>();
    while (!queue.isEmpty()) {
      Descriptor d = queue.removeFirst();
      if (!seen.add(d.digest().toString())) {
        continue;
      }
      assertThat(l.exists(d)).as("%s is named but missing", d.digest()).isTrue();
      if (!MediaTypes.isManifest(d.mediaType())) {
        continue;
      }
      Manifest m = l.fetchManifest(d);
      if (m instanceof ImageManifest im) {
        queue.add(im.config());
        queue.addAll(im.layers());
      } else if (m instanceof ImageIndex ix) {
        queue.addAll(ix.manifests());
      }
      queue.addAll(l.referrers(d, null));
    }
  }
}
