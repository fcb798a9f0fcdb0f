package dev.ocitrust.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** registries.conf v2 parsing, prefix matching and location rewriting, as containers/image does. */
class RegistryHostsTest {
  private static final String CONF =
      """
      unqualified-search-registries = ["example.com"]
      short-name-mode = "enforcing"

      [[registry]]
      prefix = "example.com/foo"
      insecure = false
      blocked = false
      location = "internal-registry-for-example.com/bar"

      [[registry.mirror]]
      location = "example-mirror-0.local/mirror-for-foo"

      [[registry.mirror]]
      location = "example-mirror-1.local/mirrors/foo"
      insecure = true
      pull-from-mirror = "digest-only"

      [[registry]]
      location = "registry.blocked.example"
      blocked = true

      [[registry]]
      prefix = "*.cdn.example"
      insecure = true

      [[registry.mirror]]
      location = "cache.local:5000/cdn"
      pull-from-mirror = "tag-only"

      [aliases]
      "app" = "example.com/foo/app"
      """;

  private static RegistryHosts hosts() throws IOException {
    return RegistryHosts.parse(CONF, "registries.conf");
  }

  @Test
  void mirrorsInOrderThenTheLocation() throws IOException {
    RegistryRoute route = hosts().route(Reference.parse("example.com/foo/image:latest"));
    assertThat(route.mirrors())
        .extracting(m -> m.reference().toString())
        .containsExactly(
            "example-mirror-0.local/mirror-for-foo/image:latest",
            "example-mirror-1.local/mirrors/foo/image:latest");
    assertThat(route.mirrors())
        .extracting(RegistryRoute.Mirror::pullFromMirror)
        .containsExactly(PullFromMirror.ALL, PullFromMirror.DIGEST_ONLY);
    assertThat(route.primary()).hasToString("internal-registry-for-example.com/bar/image:latest");
    assertThat(route.logical()).hasToString("example.com/foo/image:latest");
    assertThat(route.isDirect()).isFalse();
  }

  @Test
  void prefixMatchesOnlyAtASeparator() throws IOException {
    RegistryHosts hosts = hosts();
    assertThat(hosts.hostFor(Reference.parse("example.com/foobar/x:1"))).isEmpty();
    assertThat(hosts.hostFor(Reference.parse("example.com/foo:1"))).isPresent();
    assertThat(hosts.hostFor(Reference.parse("example.com/foo@sha256:" + "a".repeat(64))))
        .isPresent();
    RegistryRoute other = hosts.route(Reference.parse("example.com/other:1"));
    assertThat(other.isDirect()).isTrue();
  }

  @Test
  void theLongestPrefixWins() throws IOException {
    RegistryHosts hosts =
        RegistryHosts.parse(
            """
            [[registry]]
            prefix = "example.com"
            location = "a.example"
            [[registry]]
            prefix = "example.com/team/app"
            location = "b.example/app"
            """,
            "t");
    assertThat(hosts.route(Reference.parse("example.com/team/app:v1")).primary())
        .hasToString("b.example/app:v1");
    assertThat(hosts.route(Reference.parse("example.com/team/lib:v1")).primary())
        .hasToString("a.example/team/lib:v1");
  }

  @Test
  void wildcardsMatchSubdomainsOnly() throws IOException {
    RegistryHosts hosts = hosts();
    RegistryRoute route = hosts.route(Reference.parse("eu.cdn.example/app:v2"));
    assertThat(route.primary()).hasToString("eu.cdn.example/app:v2");
    assertThat(route.mirrors().get(0).reference()).hasToString("cache.local:5000/cdn/app:v2");
    assertThat(hosts.hostFor(Reference.parse("cdn.example/app:v2"))).isEmpty();
    assertThat(hosts.hostFor(Reference.parse("other.example/x.cdn.example:v2"))).isEmpty();
    assertThat(hosts.insecure("eu.cdn.example")).isTrue();
  }

  @Test
  void blockedReferencesAreRefused() throws IOException {
    assertThatThrownBy(() -> hosts().route(Reference.parse("registry.blocked.example/app:v1")))
        .isInstanceOf(BlockedRegistryException.class)
        .hasMessageContaining("registry.blocked.example/app:v1")
        .hasMessageContaining("prefix 'registry.blocked.example'");
  }

  @Test
  void insecureIsPerHost() throws IOException {
    RegistryHosts hosts = hosts();
    assertThat(hosts.insecure("example-mirror-1.local")).isTrue();
    assertThat(hosts.insecure("example-mirror-0.local")).isFalse();
    assertThat(hosts.insecure("internal-registry-for-example.com")).isFalse();
  }

  @Test
  void mirrorByDigestOnlyAppliesToEveryMirror() throws IOException {
    RegistryHosts hosts =
        RegistryHosts.parse(
            """
            [[registry]]
            location = "example.com"
            mirror-by-digest-only = true
            [[registry.mirror]]
            location = "m.example"
            """,
            "t");
    assertThat(hosts.hosts().get(0).mirrors().get(0).pullFromMirror())
        .isEqualTo(PullFromMirror.DIGEST_ONLY);
  }

  @Test
  void mistakesAreErrorsNamingFileAndTable() {
    Map<String, String> bad =
        Map.of(
            "[[registry]]\nlocation = \"a.example\"\nblockd = true\n",
            "unknown key 'blockd'",
            "[registries.search]\nregistries = [\"a\"]\n",
            "version 1 file",
            "[[registry]]\ninsecure = true\n",
            "neither prefix nor location",
            "[[registry]]\nlocation = \"https://a.example\"\n",
            "without a scheme",
            "[[registry]]\nlocation = \"a.example\"\nblocked = \"yes\"\n",
            "must be true or false",
            "[[registry]]\nlocation = \"a.example\"\n[[registry.mirror]]\ninsecure = true\n",
            "needs a location",
            "[[registry]]\nlocation = \"a\"\nmirror-by-digest-only = true\n[[registry.mirror]]\n"
                + "location = \"m\"\npull-from-mirror = \"all\"\n",
            "exclude each other",
            "[[registry]]\nlocation = \"a\"\n[[registry.mirror]]\nlocation = \"m\"\n"
                + "pull-from-mirror = \"some\"\n",
            "digest-only",
            "[[registry]]\nprefix = \"*.a.example\"\nlocation = \"b.example\"\n",
            "cannot have a location",
            "[[registry]\n",
            "not valid TOML");
    bad.forEach(
        (toml, message) ->
            assertThatThrownBy(() -> RegistryHosts.parse(toml, "my.conf"))
                .as(toml)
                .isInstanceOf(InvalidRegistriesConfException.class)
                .hasMessageStartingWith("my.conf: ")
                .hasMessageContaining(message));
  }

  @Test
  void loadsAFileAndNamesAMissingOne(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("registries.conf");
    Files.writeString(file, CONF);
    assertThat(RegistryHosts.load(file).hosts()).hasSize(3);
    assertThatThrownBy(() -> RegistryHosts.load(dir.resolve("none.conf")))
        .isInstanceOf(InvalidRegistriesConfException.class)
        .hasMessageContaining("none.conf");
  }

  @Test
  void theStandardLocationIsTheVariableFirst(@TempDir Path home) throws IOException {
    assertThat(
            RegistryHosts.standardLocation(
                Map.of(RegistryHosts.CONF_VARIABLE, "/x/registries.conf"), home))
        .contains(Path.of("/x/registries.conf"));
    Path user = home.resolve(".config/containers/registries.conf");
    Files.createDirectories(user.getParent());
    Files.writeString(user, "");
    assertThat(RegistryHosts.standardLocation(Map.of(), home)).contains(user);
  }

  @Test
  void aBuilderMakesTheSameAsTheFile() throws IOException {
    RegistryHosts built =
        RegistryHosts.builder()
            .host(
                RegistryHost.builder("example.com/foo")
                    .location("internal-registry-for-example.com/bar")
                    .mirror(RegistryMirror.of("example-mirror-0.local/mirror-for-foo"))
                    .mirror(
                        new RegistryMirror(
                            "example-mirror-1.local/mirrors/foo", true, PullFromMirror.DIGEST_ONLY))
                    .build())
            .build();
    Reference ref = Reference.parse("example.com/foo/image:latest");
    assertThat(built.route(ref)).isEqualTo(hosts().route(ref));
    assertThatThrownBy(
            () -> built.toBuilder().host(RegistryHost.builder("example.com/foo").build()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(List.of(PullFromMirror.values()))
        .allSatisfy(p -> assertThat(PullFromMirror.of(p.text())).isEqualTo(p));
  }
}
