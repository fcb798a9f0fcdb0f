package dev.ocitrust.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GraphLimitsTest {

  @Test
  void eachWitherChangesOnlyItsLimit() {
    GraphLimits l = GraphLimits.DEFAULTS.withMaxNodes(4).withMaxDepth(3).withMaxManifestBytes(100);
    assertThat(l).isEqualTo(new GraphLimits(4, 3, 100));
    assertThat(GraphLimits.DEFAULTS).isEqualTo(new GraphLimits(10_000, 32, 256L * 1024 * 1024));
  }

  @Test
  void limitsBelowOneAreRefusedNamingTheLimit() {
    assertThatThrownBy(() -> GraphLimits.DEFAULTS.withMaxNodes(0)).hasMessageContaining("maxNodes");
    assertThatThrownBy(() -> GraphLimits.DEFAULTS.withMaxDepth(0)).hasMessageContaining("maxDepth");
    assertThatThrownBy(() -> GraphLimits.DEFAULTS.withMaxManifestBytes(0))
        .hasMessageContaining("maxManifestBytes");
  }

  @Test
  void copyAndPurgeTakeTheSameValueAsDiscovery() {
    GraphLimits small = GraphLimits.DEFAULTS.withMaxNodes(7);
    assertThat(CopyOptions.builder().limits(small).build().limits()).isSameAs(small);
    assertThat(DiscoveryOptions.builder().limits(small).build().limits()).isSameAs(small);
    assertThat(DiscoveryOptions.defaults().limits()).isEqualTo(GraphLimits.DEFAULTS);
  }
}
