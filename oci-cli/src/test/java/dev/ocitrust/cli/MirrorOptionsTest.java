package dev.ocitrust.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ocitrust.client.InvalidRegistriesConfException;
import dev.ocitrust.client.ReferrerSource;
import dev.ocitrust.client.RegistryClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code --registries-conf}, {@code --system-registries-conf}, {@code --referrer-source}, proxies.
 */
class MirrorOptionsTest {
  @TempDir Path home;

  private static MirrorOptions parse(String... args) {
    MirrorOptions o = new MirrorOptions();
    new CommandLine(o).parseArgs(args);
    return o;
  }

  @Test
  void nothingIsReadUnlessAsked() throws Exception {
    Path user = home.resolve(".config/containers/registries.conf");
    Files.createDirectories(user.getParent());
    Files.writeString(user, "[[registry]]\nlocation = \"a.example\"\nblocked = true\n");
    assertThat(parse().hosts(Map.of(), home).hosts()).isEmpty();
    assertThat(parse("--system-registries-conf").hosts(Map.of(), home).hosts()).hasSize(1);
    assertThat(parse("--registries-conf", user.toString()).hosts(Map.of(), home).hosts())
        .hasSize(1);
  }

  @Test
  void mistakesAreUsageErrors() {
    assertThatThrownBy(
            () ->
                parse("--registries-conf", "x.conf", "--system-registries-conf")
                    .hosts(Map.of(), home))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exclude each other");
    Path missing = home.resolve("missing.conf");
    assertThatThrownBy(
            () ->
                parse("--system-registries-conf")
                    .hosts(Map.of("CONTAINERS_REGISTRIES_CONF", missing.toString()), home))
        .isInstanceOf(InvalidRegistriesConfException.class)
        .hasMessageContaining(missing.toString());
    assertThatThrownBy(() -> parse("--referrer-source", "mirrors").referrerSource())
        .hasMessageContaining("primary-required, union or any-available");
  }

  @Test
  void referrerSourcesBySpelling() {
    assertThat(parse().referrerSource()).isEqualTo(ReferrerSource.PRIMARY_REQUIRED);
    assertThat(parse("--referrer-source", "union").referrerSource())
        .isEqualTo(ReferrerSource.UNION);
    assertThat(parse("--referrer-source", "any-available").referrerSource())
        .isEqualTo(ReferrerSource.ANY_AVAILABLE);
  }

  @Test
  void aBadProxyVariableFailsOnlyWhenARegistryIsReached() throws Exception {
    UnaryOperator<RegistryClient.Builder> settings =
        parse().settings(Map.of("HTTPS_PROXY", "https://proxy.example:3128"), home);
    assertThatThrownBy(() -> settings.apply(RegistryClient.builder()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("proxy environment: HTTPS_PROXY");
    UnaryOperator<RegistryClient.Builder> good =
        parse().settings(Map.of("HTTPS_PROXY", "proxy.example:3128", "NO_PROXY", ".corp"), home);
    try (RegistryClient client = good.apply(RegistryClient.builder()).build()) {
      assertThat(client.toString()).contains("https=http://proxy.example:3128");
    }
  }
}
