package dev.ocitrust.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one scope rule of every command: registries, layouts, and notation's --scope spelling. */
class ScopeOptionTest {
  @TempDir Path dir;

  private String scope(String target, boolean layout, String given) throws Exception {
    try (TargetSpec.Clients clients = new TargetSpec.Clients()) {
      return ScopeOption.scopeOf(
          TargetSpec.open(target, layout, true, clients, TargetSpec.Access.CREATE), given);
    }
  }

  @Test
  void aRegistryTargetsScopeIsHostAndRepositoryAndRefusesScope() throws Exception {
    assertThat(scope("localhost:5000/team/net-monitor:v1", false, null))
        .isEqualTo("localhost:5000/team/net-monitor");
    assertThat(scope("registry.example/net-monitor@sha256:" + "a".repeat(64), false, null))
        .isEqualTo("registry.example/net-monitor");
    assertThatThrownBy(() -> scope("localhost:5000/net-monitor:v1", false, "local/x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "--scope applies to --oci-layout targets only: the scope of"
                + " localhost:5000/net-monitor:v1 is localhost:5000/net-monitor");
  }

  @Test
  void aLayoutTakesNotationsSpellingOrABareName() throws Exception {
    String layout = dir.resolve("net-monitor") + ":v1";
    assertThat(scope(layout, true, null)).isEqualTo("local/net-monitor");
    assertThat(scope(layout, true, "local/x")).isEqualTo("local/x");
    assertThat(scope(layout, true, "x")).isEqualTo("local/x");
    assertThat(scope(layout, true, "registry.example/net-monitor"))
        .isEqualTo("registry.example/net-monitor");
    for (String bad : new String[] {"Local/X", "local/", "local/a b", "/x", "local/-x"}) {
      assertThatThrownBy(() -> scope(layout, true, bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("--scope \"" + bad + "\" is not a registry scope");
    }
  }

  @Test
  void aFolderNameWithCapitalsIsLowerCasedAndOneThatMakesNoScopeIsRefused() throws Exception {
    assertThat(scope(dir.resolve("NetMonitor") + ":v1", true, null)).isEqualTo("local/netmonitor");
    assertThat(scope(dir.resolve("Net.Monitor_2") + ":v1", true, null))
        .isEqualTo("local/net.monitor_2");
    String spaced = dir.resolve("my layout") + ":v1";
    assertThatThrownBy(() -> scope(spaced, true, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the folder name \"my layout\"")
        .hasMessageEndingWith("pass --scope local/NAME");
    assertThat(scope(spaced, true, "local/mine")).isEqualTo("local/mine");
  }
}
