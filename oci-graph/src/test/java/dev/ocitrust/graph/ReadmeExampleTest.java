package dev.ocitrust.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.ImageManifest;
import dev.ocitrust.client.MemoryStore;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The copy example of oci-graph's README, as written there, on two memory stores. */
class ReadmeExampleTest {
  @Test
  void copiesEverythingButTheInternalReferrers() throws Exception {
    MemoryStore source = new MemoryStore();
    MemoryStore destination = new MemoryStore();
    ImageManifest image = Fixtures.image(source, "net-monitor");
    source.tag(image.descriptor(), "v1");
    Descriptor sbom =
        Fixtures.referrer(source, image.descriptor(), "application/spdx+json", "{}").descriptor();
    Fixtures.referrer(
        source,
        image.descriptor(),
        "application/vnd.wabbit.test-report+json",
        "{}",
        Map.of("visibility", "internal"));

    // README: graph-copy
    try (GraphCopier copier = GraphCopier.create()) {
      CopyResult r =
          copier.copy(
              source,
              "v1",
              destination,
              CopyOptions.builder()
                  .referrerDepth(DiscoveryOptions.UNLIMITED) // like oras copy -r
                  .filter(ReferrerFilter.annotationEquals("visibility", "internal").negate())
                  .tag("v1") // set last, only on success
                  .build());
      System.out.print(
          GraphRenderer.tree(RenderOptions.builder().allAnnotations().build()).render(r.graph()));
    }
    // END README

    assertThat(destination.resolve("v1").digest()).isEqualTo(image.descriptor().digest());
    assertThat(destination.referrers(image.descriptor(), null))
        .extracting(Descriptor::digest)
        .containsExactly(sbom.digest());
  }
}
