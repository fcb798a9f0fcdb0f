package dev.ocitrust.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table-driven tests of {@link Reference}. Every expected value is written out by hand from the
 * grammar; none is computed by the parser under test.
 */
class ReferenceTest {
  private static final String HEX =
      "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae";
  private static final String D = "sha256:" + HEX;
  private static final String D512 = "sha512:" + "0123456789abcdef".repeat(8);

  enum Mode {
    PARSE,
    STRICT
  }

  /**
   * One row: the input, the parser, and either the expected parts and canonical string or the
   * fragments the error message must contain.
   */
  record Case(
      Mode mode,
      String input,
      @Nullable String registry,
      @Nullable String repository,
      @Nullable String tag,
      @Nullable String digest,
      @Nullable String canonical,
      List<String> errorFragments) {

    boolean valid() {
      return errorFragments.isEmpty();
    }

    Reference run() {
      return mode == Mode.PARSE ? Reference.parse(input) : Reference.parseStrict(input);
    }

    @Override
    public String toString() {
      String shown = input.length() <= 60 ? input : input.substring(0, 57) + "...";
      return (mode == Mode.PARSE ? "parse" : "parseStrict")
          + " '"
          + shown.replace("\t", "\\t")
          + "' "
          + (valid() ? "-> " + (canonical.length() <= 60 ? canonical : "ok") : "fails");
    }
  }

  private static Case ok(
      String input,
      String registry,
      String repository,
      @Nullable String tag,
      @Nullable String digest,
      String canonical) {
    return new Case(Mode.PARSE, input, registry, repository, tag, digest, canonical, List.of());
  }

  /** A strict case: the canonical form is the input itself. */
  private static Case okStrict(
      String input,
      String registry,
      String repository,
      @Nullable String tag,
      @Nullable String digest) {
    return new Case(Mode.STRICT, input, registry, repository, tag, digest, input, List.of());
  }

  private static Case bad(String input, String... fragments) {
    return new Case(Mode.PARSE, input, null, null, null, null, null, List.of(fragments));
  }

  private static Case badStrict(String input, String... fragments) {
    return new Case(Mode.STRICT, input, null, null, null, null, null, List.of(fragments));
  }

  static List<Case> table() {
    List<Case> t = new ArrayList<>();

    // --- parse: Docker Hub normalisation ---
    t.add(
        ok(
            "ubuntu",
            "docker.io",
            "library/ubuntu",
            "latest",
            null,
            "docker.io/library/ubuntu:latest"));
    t.add(
        ok(
            "ubuntu:22.04",
            "docker.io",
            "library/ubuntu",
            "22.04",
            null,
            "docker.io/library/ubuntu:22.04"));
    t.add(
        ok(
            "docker.io/library/ubuntu",
            "docker.io",
            "library/ubuntu",
            "latest",
            null,
            "docker.io/library/ubuntu:latest"));
    t.add(
        ok(
            "docker.io/ubuntu",
            "docker.io",
            "library/ubuntu",
            "latest",
            null,
            "docker.io/library/ubuntu:latest"));
    t.add(
        ok(
            "index.docker.io/foo",
            "docker.io",
            "library/foo",
            "latest",
            null,
            "docker.io/library/foo:latest"));
    t.add(
        ok(
            "index.docker.io/library/foo:1",
            "docker.io",
            "library/foo",
            "1",
            null,
            "docker.io/library/foo:1"));
    t.add(
        ok(
            "index.docker.io/user/app",
            "docker.io",
            "user/app",
            "latest",
            null,
            "docker.io/user/app:latest"));
    t.add(ok("user/app", "docker.io", "user/app", "latest", null, "docker.io/user/app:latest"));
    t.add(ok("a/b/c/d:tag", "docker.io", "a/b/c/d", "tag", null, "docker.io/a/b/c/d:tag"));
    t.add(
        ok(
            "docker.io/library/a/b",
            "docker.io",
            "library/a/b",
            "latest",
            null,
            "docker.io/library/a/b:latest"));
    t.add(
        ok(
            "library/ubuntu@" + D,
            "docker.io",
            "library/ubuntu",
            null,
            D,
            "docker.io/library/ubuntu@" + D));
    t.add(
        ok(
            "ubuntu:latest@" + D,
            "docker.io",
            "library/ubuntu",
            "latest",
            D,
            "docker.io/library/ubuntu:latest@" + D));
    t.add(
        ok("foo@" + D512, "docker.io", "library/foo", null, D512, "docker.io/library/foo@" + D512));
    t.add(
        ok(
            "docker.io:443/foo",
            "docker.io:443",
            "foo",
            "latest",
            null,
            "docker.io:443/foo:latest"));
    t.add(
        ok(
            "test_com/foo",
            "docker.io",
            "test_com/foo",
            "latest",
            null,
            "docker.io/test_com/foo:latest"));
    t.add(ok("foo:5000", "docker.io", "library/foo", "5000", null, "docker.io/library/foo:5000"));
    t.add(ok("0/1", "docker.io", "0/1", "latest", null, "docker.io/0/1:latest"));
    t.add(
        ok(
            "foo_bar.com:8080",
            "docker.io",
            "library/foo_bar.com",
            "8080",
            null,
            "docker.io/library/foo_bar.com:8080"));

    // --- parse: registries ---
    t.add(ok("localhost/foo", "localhost", "foo", "latest", null, "localhost/foo:latest"));
    t.add(
        ok(
            "localhost:5000/a/b:tag@" + D,
            "localhost:5000",
            "a/b",
            "tag",
            D,
            "localhost:5000/a/b:tag@" + D));
    t.add(ok("127.0.0.1:5000/x", "127.0.0.1:5000", "x", "latest", null, "127.0.0.1:5000/x:latest"));
    t.add(ok("192.168.1.1/repo", "192.168.1.1", "repo", "latest", null, "192.168.1.1/repo:latest"));
    t.add(ok("[::1]:5000/x", "[::1]:5000", "x", "latest", null, "[::1]:5000/x:latest"));
    t.add(
        ok(
            "[2001:db8::1]/repo:tag",
            "[2001:db8::1]",
            "repo",
            "tag",
            null,
            "[2001:db8::1]/repo:tag"));
    t.add(
        ok(
            "[2001:db8:1:2:3:4:5:6]:5000/repo@" + D,
            "[2001:db8:1:2:3:4:5:6]:5000",
            "repo",
            null,
            D,
            "[2001:db8:1:2:3:4:5:6]:5000/repo@" + D));
    t.add(
        ok(
            "[2001:DB8::]:5000/repo",
            "[2001:DB8::]:5000",
            "repo",
            "latest",
            null,
            "[2001:DB8::]:5000/repo:latest"));
    t.add(
        ok(
            "myregistry:5000/foo",
            "myregistry:5000",
            "foo",
            "latest",
            null,
            "myregistry:5000/foo:latest"));
    t.add(ok("example.com/foo", "example.com", "foo", "latest", null, "example.com/foo:latest"));
    t.add(ok("Example.COM/foo:bar", "Example.COM", "foo", "bar", null, "Example.COM/foo:bar"));
    t.add(
        ok(
            "sub-dom1.foo.com/bar/baz/quux:some-long-tag",
            "sub-dom1.foo.com",
            "bar/baz/quux",
            "some-long-tag",
            null,
            "sub-dom1.foo.com/bar/baz/quux:some-long-tag"));
    t.add(
        ok(
            "xn--n3h.com/myimage:xn--n3h.com",
            "xn--n3h.com",
            "myimage",
            "xn--n3h.com",
            null,
            "xn--n3h.com/myimage:xn--n3h.com"));
    t.add(
        ok(
            "b.gcr.io/test.example.com/my-app:test.example.com",
            "b.gcr.io",
            "test.example.com/my-app",
            "test.example.com",
            null,
            "b.gcr.io/test.example.com/my-app:test.example.com"));

    // --- parse: path components and tags ---
    t.add(
        ok(
            "foo__bar",
            "docker.io",
            "library/foo__bar",
            "latest",
            null,
            "docker.io/library/foo__bar:latest"));
    t.add(
        ok(
            "foo--bar",
            "docker.io",
            "library/foo--bar",
            "latest",
            null,
            "docker.io/library/foo--bar:latest"));
    t.add(
        ok(
            "foo-----bar",
            "docker.io",
            "library/foo-----bar",
            "latest",
            null,
            "docker.io/library/foo-----bar:latest"));
    t.add(
        ok(
            "foo_bar/a.b_c__d-e--f9",
            "docker.io",
            "foo_bar/a.b_c__d-e--f9",
            "latest",
            null,
            "docker.io/foo_bar/a.b_c__d-e--f9:latest"));
    t.add(
        ok(
            "lowercase:Uppercase",
            "docker.io",
            "library/lowercase",
            "Uppercase",
            null,
            "docker.io/library/lowercase:Uppercase"));
    t.add(ok("foo:_", "docker.io", "library/foo", "_", null, "docker.io/library/foo:_"));
    t.add(
        ok(
            "foo:A.b-C_1",
            "docker.io",
            "library/foo",
            "A.b-C_1",
            null,
            "docker.io/library/foo:A.b-C_1"));
    t.add(
        ok(
            "foo:" + "x".repeat(128),
            "docker.io",
            "library/foo",
            "x".repeat(128),
            null,
            "docker.io/library/foo:" + "x".repeat(128)));

    // --- parse: length limits (repository path only, after library/ is added) ---
    t.add(
        ok(
            "a/".repeat(127) + "a",
            "docker.io",
            "a/".repeat(127) + "a",
            "latest",
            null,
            "docker.io/" + "a/".repeat(127) + "a:latest"));
    t.add(
        ok(
            "a".repeat(247),
            "docker.io",
            "library/" + "a".repeat(247),
            "latest",
            null,
            "docker.io/library/" + "a".repeat(247) + ":latest"));
    t.add(
        ok(
            "example.com:5000/" + "b".repeat(255) + ":" + "t".repeat(128),
            "example.com:5000",
            "b".repeat(255),
            "t".repeat(128),
            null,
            "example.com:5000/" + "b".repeat(255) + ":" + "t".repeat(128)));
    t.add(bad("a/".repeat(127) + "ab", "is 256 characters long", "at most 255"));
    t.add(bad("a".repeat(248), "is 256 characters long", "at most 255"));
    t.add(bad("example.com/" + "b".repeat(256), "is 256 characters long"));

    // --- parse: invalid ---
    t.add(bad("", "empty reference"));
    t.add(
        bad(
            "UPPER/case",
            "invalid repository path component 'UPPER' in 'UPPER/case': must be lower case"));
    t.add(bad("Uppercase:tag", "component 'Uppercase'", "must be lower case"));
    t.add(bad("example.com/Foo/bar", "component 'Foo'", "must be lower case"));
    t.add(bad("LOCALHOST/foo", "component 'LOCALHOST'", "must be lower case"));
    t.add(bad("foo___bar", "invalid repository path component 'foo___bar'", "'__'"));
    t.add(bad("-foo", "invalid repository path component '-foo'"));
    t.add(bad("foo-", "invalid repository path component 'foo-'"));
    t.add(bad("foo..bar", "invalid repository path component 'foo..bar'"));
    t.add(bad("foo/_bar", "invalid repository path component '_bar'"));
    t.add(bad("foo/bar:tag/baz", "invalid repository path component 'bar:tag'"));
    t.add(bad("a//b", "empty repository path component"));
    t.add(bad("a/", "empty repository path component"));
    t.add(bad("example.com/foo/", "empty repository path component"));
    t.add(bad("foo:", "empty tag"));
    t.add(bad("foo:.tag", "invalid tag '.tag'"));
    t.add(bad("foo:-tag", "invalid tag '-tag'"));
    t.add(bad("name:tag:extra", "invalid tag 'tag:extra'"));
    t.add(bad("foo:" + "x".repeat(129), "is 129 characters long", "at most 128"));
    t.add(bad("foo@", "empty digest"));
    t.add(bad("foo@sha256:short", "invalid digest in 'foo@sha256:short'", "64"));
    t.add(bad("foo@md5:d41d8cd98f00b204e9800998ecf8427e", "unsupported digest algorithm 'md5'"));
    t.add(
        bad(
            "foo@sha256:" + HEX.toUpperCase(java.util.Locale.ROOT),
            "invalid digest",
            "lower-case hex"));
    t.add(bad("foo@" + D + "@" + D, "invalid digest"));
    t.add(bad("foo bar", "invalid character ' ' at index 3 in reference 'foo bar'"));
    t.add(bad(" ubuntu", "invalid character ' ' at index 0"));
    t.add(bad("ubuntu\t", "invalid character U+0009 at index 6"));
    t.add(bad("foo$bar", "invalid character '$' at index 3"));
    t.add(bad("\u00e9t\u00e9/foo", "invalid character U+00E9 at index 0"));
    t.add(bad("localhost:5000", "names a registry but no repository"));
    t.add(bad("example.com:5000", "names a registry but no repository"));
    t.add(bad("example.com", "names a registry but no repository"));
    t.add(bad("localhost", "names a registry but no repository"));
    t.add(bad("192.168.1.1:5000", "names a registry but no repository"));
    t.add(bad("test.com:tag", "names a registry but no repository"));
    t.add(bad("[::1]:5000", "names a registry but no repository"));
    t.add(bad("localhost:5000/", "has no repository"));
    t.add(bad(":justtag", "has no repository"));
    t.add(bad("@" + D, "has no repository"));
    t.add(bad(HEX, "64-character hex image ID"));
    t.add(bad("[fe80::1%eth0]:5000/repo", "invalid character '%' at index 8"));
    t.add(bad("[::1/foo", "invalid registry '[::1'", "closing ']'"));
    t.add(bad("[zz::1]/repo", "invalid registry '[zz::1]'", "only hex digits"));
    t.add(bad("[::1]x:5000/repo", "invalid registry '[::1]x:5000'", "expected ':port'"));
    t.add(
        bad(
            "example.com:port/foo",
            "invalid registry 'example.com:port'",
            "port 'port' is not a number"));
    t.add(bad("example.com:/foo", "invalid registry 'example.com:'", "empty port"));
    t.add(bad("example.com:80:80/foo", "port '80:80' is not a number"));
    t.add(bad("exa_mple.com/foo", "invalid registry 'exa_mple.com'", "host label 'exa_mple'"));
    t.add(bad("foo.bar_baz/qux", "invalid registry 'foo.bar_baz'", "host label 'bar_baz'"));
    t.add(bad("-example.com/foo", "host label '-example'"));
    t.add(bad("example..com/foo", "invalid registry 'example..com'", "empty host label"));
    t.add(bad("::1/foo", "invalid registry '::1'", "no host before ':'"));

    // --- parseStrict: exactly as written ---
    t.add(okStrict("docker.io/library/ubuntu", "docker.io", "library/ubuntu", null, null));
    t.add(okStrict("docker.io/ubuntu", "docker.io", "ubuntu", null, null));
    t.add(okStrict("index.docker.io/foo:1", "index.docker.io", "foo", "1", null));
    t.add(okStrict("localhost/foo", "localhost", "foo", null, null));
    t.add(okStrict("localhost:5000/a/b:tag@" + D, "localhost:5000", "a/b", "tag", D));
    t.add(okStrict("[::1]:5000/x", "[::1]:5000", "x", null, null));
    t.add(okStrict("[2001:db8::1]/repo:tag", "[2001:db8::1]", "repo", "tag", null));
    t.add(okStrict("ghcr.io/org/app@" + D512, "ghcr.io", "org/app", null, D512));
    t.add(okStrict("localhost/" + "a".repeat(255), "localhost", "a".repeat(255), null, null));
    t.add(
        okStrict(
            "example.com/" + "a/".repeat(127) + "a",
            "example.com",
            "a/".repeat(127) + "a",
            null,
            null));
    t.add(badStrict("localhost/" + "a".repeat(256), "is 256 characters long", "at most 255"));
    t.add(badStrict("ubuntu", "names no registry"));
    t.add(
        badStrict(
            "library/ubuntu:latest", "names no registry", "'library' is not a registry host"));
    t.add(badStrict("UPPER/case", "names no registry", "'UPPER' is not a registry host"));
    t.add(badStrict("example.com/UPPER", "component 'UPPER'", "must be lower case"));
    t.add(badStrict("localhost:5000", "names a registry but no repository"));
    t.add(badStrict("", "empty reference"));
    t.add(badStrict("ghcr.io/org/app:", "empty tag"));
    t.add(
        badStrict(
            "ghcr.io/org/app@md5:d41d8cd98f00b204e9800998ecf8427e",
            "unsupported digest algorithm 'md5'"));
    return t;
  }

  static Stream<Case> validCases() {
    return table().stream().filter(Case::valid);
  }

  @Test
  void tableIsLargeAndMixed() {
    List<Case> t = table();
    assertThat(t).hasSizeGreaterThanOrEqualTo(60);
    assertThat(t.stream().filter(Case::valid).count()).isGreaterThanOrEqualTo(30);
    assertThat(t.stream().filter(c -> !c.valid()).count()).isGreaterThanOrEqualTo(30);
    assertThat(t.stream().map(c -> c.mode() + c.input()).distinct().count()).isEqualTo(t.size());
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("table")
  void parsesAsTheGrammarSays(Case c) {
    if (!c.valid()) {
      assertThatThrownBy(c::run)
          .isInstanceOf(InvalidReferenceException.class)
          .isInstanceOf(IllegalArgumentException.class)
          .satisfies(e -> assertThat(e.getMessage()).contains(c.errorFragments()));
      return;
    }
    Reference r = c.run();
    assertThat(r.registry()).isEqualTo(c.registry());
    assertThat(r.repository()).isEqualTo(c.repository());
    assertThat(r.tag()).isEqualTo(Optional.ofNullable(c.tag()));
    assertThat(r.digest().map(Digest::toString)).isEqualTo(Optional.ofNullable(c.digest()));
    assertThat(r.toString()).isEqualTo(c.canonical());
    assertThat(r.name()).isEqualTo(c.registry() + "/" + c.repository());
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("validCases")
  void roundTripsThroughItsCanonicalForm(Case c) {
    Reference r = c.run();
    assertThat(Reference.parseStrict(r.toString())).isEqualTo(r);
    assertThat(Reference.parseStrict(r.toString()).toString()).isEqualTo(r.toString());
    if (c.mode() == Mode.PARSE) {
      assertThat(Reference.parse(r.toString())).isEqualTo(r).hasSameHashCodeAs(r);
      assertThat(Reference.parse(r.familiarString())).isEqualTo(r);
    }
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource({
    "ubuntu, ubuntu:latest",
    "docker.io/library/ubuntu:22.04, ubuntu:22.04",
    "index.docker.io/user/app, user/app:latest",
    "docker.io/library/a/b, library/a/b:latest",
    "docker.io:443/foo, docker.io:443/foo:latest",
    "localhost:5000/foo, localhost:5000/foo:latest",
    "ghcr.io/library/foo, ghcr.io/library/foo:latest",
  })
  void familiarStringDropsOnlyDockerHubDefaults(String input, String familiar) {
    assertThat(Reference.parse(input).familiarString()).isEqualTo(familiar);
  }

  @Test
  void familiarStringKeepsTheDigest() {
    assertThat(Reference.parse("ubuntu@" + D).familiarString()).isEqualTo("ubuntu@" + D);
    assertThat(Reference.parseStrict("docker.io/library/ubuntu").familiarString())
        .isEqualTo("ubuntu");
  }

  @Test
  void parseAndParseStrictAgreeOnCanonicalReferences() {
    assertThat(Reference.parse("ubuntu"))
        .isEqualTo(Reference.parseStrict("docker.io/library/ubuntu:latest"))
        .hasSameHashCodeAs(Reference.parseStrict("docker.io/library/ubuntu:latest"));
    assertThat(Reference.parse("ubuntu")).isNotEqualTo(Reference.parse("ubuntu:22.04"));
    assertThat(Reference.parse("ubuntu")).isNotEqualTo(Reference.parse("ubuntu:latest@" + D));
    assertThat(Reference.parseStrict("docker.io/ubuntu"))
        .isNotEqualTo(Reference.parse("docker.io/ubuntu"));
    assertThat(Reference.parse("ubuntu")).isNotEqualTo("docker.io/library/ubuntu:latest");
  }

  @Test
  void manifestReferencePrefersTheDigest() {
    assertThat(Reference.parse("ubuntu").manifestReference()).isEqualTo("latest");
    assertThat(Reference.parse("ubuntu:22.04").manifestReference()).isEqualTo("22.04");
    assertThat(Reference.parse("ubuntu@" + D).manifestReference()).isEqualTo(D);
    assertThat(Reference.parse("ubuntu:22.04@" + D).manifestReference()).isEqualTo(D);
  }

  @Test
  void manifestReferenceOfABareRepositoryIsAnError() {
    Reference repo = Reference.parseStrict("ghcr.io/org/app");
    assertThat(repo.tag()).isEmpty();
    assertThat(repo.digest()).isEmpty();
    assertThatThrownBy(repo::manifestReference)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ghcr.io/org/app")
        .hasMessageContaining("neither tag nor digest");
  }

  @Test
  void withTagAndWithDigestReplaceOnlyTheirPart() {
    Reference base = Reference.parseStrict("ghcr.io/org/app");
    Digest d = Digest.parse(D);

    Reference tagged = base.withTag("v1");
    assertThat(tagged.toString()).isEqualTo("ghcr.io/org/app:v1");
    assertThat(base.toString()).isEqualTo("ghcr.io/org/app");

    Reference pinned = tagged.withDigest(d);
    assertThat(pinned.toString()).isEqualTo("ghcr.io/org/app:v1@" + D);
    assertThat(pinned.withTag("v2").toString()).isEqualTo("ghcr.io/org/app:v2@" + D);
    assertThat(base.withDigest(d).toString()).isEqualTo("ghcr.io/org/app@" + D);
    assertThat(pinned).isEqualTo(Reference.parseStrict("ghcr.io/org/app:v1@" + D));
  }

  @Test
  void withTagValidatesTheTag() {
    Reference base = Reference.parse("ubuntu");
    assertThatThrownBy(() -> base.withTag("-bad"))
        .isInstanceOf(InvalidReferenceException.class)
        .hasMessageContaining("invalid tag '-bad'");
    assertThatThrownBy(() -> base.withTag(""))
        .isInstanceOf(InvalidReferenceException.class)
        .hasMessageContaining("empty tag");
    assertThatThrownBy(() -> base.withTag("x".repeat(129)))
        .isInstanceOf(InvalidReferenceException.class)
        .hasMessageContaining("129 characters");
    assertThat(base.withTag("x".repeat(128)).tag()).contains("x".repeat(128));
  }

  @Test
  void digestErrorsKeepTheirCause() {
    assertThatThrownBy(() -> Reference.parse("foo@sha256:short"))
        .isInstanceOf(InvalidReferenceException.class)
        .hasCauseInstanceOf(InvalidDigestException.class);
  }

  @Test
  void nullIsAProgrammerError() {
    assertThatThrownBy(() -> Reference.parse(nullString()))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Reference.parseStrict(nullString()))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void longInputsAreClippedInMessages() {
    String input = "a".repeat(300);
    assertThatThrownBy(() -> Reference.parse(input))
        .isInstanceOf(InvalidReferenceException.class)
        .hasMessageContaining("is 308 characters long")
        .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(300));
  }

  /** Null where the API forbids it, as a careless caller might pass. */
  private static @Nullable String nullString() {
    return null;
  }
}
