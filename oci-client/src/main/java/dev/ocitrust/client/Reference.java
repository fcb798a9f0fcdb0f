package dev.ocitrust.client;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A reference to a repository, tag or manifest in an OCI registry, such as {@code
 * ghcr.io/org/app:v1.2@sha256:...}: a registry, a repository path, an optional tag and an optional
 * digest.
 *
 * <p>The grammar is that of {@code distribution/reference}, which Docker, containerd, oras and
 * notation share:
 *
 * <pre>
 * reference      := registry "/" repository [ ":" tag ] [ "@" digest ]
 * registry       := host [ ":" port ]
 * host           := domain-name | "[" ipv6 "]"       ; ipv6 is [a-fA-F0-9:]+, no zone
 * domain-name    := label ( "." label )*             ; also matches IPv4 and "localhost"
 * label          := [a-zA-Z0-9] | [a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]
 * port           := [0-9]+
 * repository     := component ( "/" component )*     ; at most 255 characters
 * component      := [a-z0-9]+ ( ( "." | "_" | "__" | "-"+ ) [a-z0-9]+ )*
 * tag            := [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}
 * digest         := "sha256:" 64 hex | "sha512:" 128 hex  ; see {@link Digest}
 * </pre>
 *
 * <p>There are two parsers:
 *
 * <ul>
 *   <li>{@link #parse} reads what people type, the way {@code docker pull} does: a reference whose
 *       first component is not a registry host gets {@code docker.io}, a one-component Docker Hub
 *       repository gets {@code library/}, {@code index.docker.io} becomes {@code docker.io}, and a
 *       reference with neither tag nor digest gets the tag {@code latest}. So {@code ubuntu} is
 *       {@code docker.io/library/ubuntu:latest}.
 *   <li>{@link #parseStrict} takes the reference exactly as written, for tools that must not guess:
 *       the registry is required, nothing is rewritten and no tag is added. A strict reference may
 *       name only a repository (e.g. to list its tags).
 * </ul>
 *
 * <p>The first component is a registry host when it contains {@code .} or {@code :} or is {@code
 * localhost}, as in {@code distribution/reference}. Two cases where that library is lenient are
 * refused here: a first component with upper-case letters is a (wrongly cased) repository
 * component, not a host; and a reference without {@code /} whose name is {@code localhost}, an IPv6
 * literal or a valid host name with a dot ({@code localhost:5000}, {@code [::1]:5000}, {@code
 * registry.example.com}) is a registry without a repository, never a Docker Hub image of that name.
 * As in {@code distribution/reference} v0.6, the 255-character limit applies to the repository path
 * (after {@code library/} is added), not to the registry; and {@link #parse} refuses a bare
 * 64-character hex string, which is an image ID, not a name.
 *
 * <p>A tag can be moved to other content at any time; only a digest pins content. Parsing checks
 * syntax only: it does not contact the registry or verify anything.
 *
 * <p>Immutable and thread-safe. Two references are equal when registry, repository, tag and digest
 * are equal as written (host names are not case-folded).
 *
 * <pre>{@code
 * Reference ref = Reference.parse("ubuntu");                 // docker.io/library/ubuntu:latest
 * Reference pinned = ref.withDigest(Digest.parse("sha256:..."));
 * String path = "/v2/" + pinned.repository() + "/manifests/" + pinned.manifestReference();
 * Reference exact = Reference.parseStrict("localhost:5000/app"); // no tag, nothing added
 * }</pre>
 */
public final class Reference {
  /** The registry {@link #parse} gives references that name none: Docker Hub. */
  public static final String DOCKER_HUB = "docker.io";

  /** The tag {@link #parse} gives references with neither tag nor digest. */
  public static final String DEFAULT_TAG = "latest";

  /** The maximum length of a repository path, not counting the registry. */
  public static final int MAX_REPOSITORY_LENGTH = 255;

  /** The maximum length of a tag. */
  public static final int MAX_TAG_LENGTH = 128;

  private static final String LEGACY_DOCKER_HUB = "index.docker.io";
  private static final String OFFICIAL_PREFIX = "library/";
  private static final String LOCALHOST = "localhost";
  private static final String GRAMMAR = "[registry/]repository[:tag][@digest]";

  private static final Pattern PATH_COMPONENT =
      Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
  private static final Pattern HOST_LABEL =
      Pattern.compile("[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?");
  private static final Pattern IPV6 = Pattern.compile("\\[[a-fA-F0-9:]+]");
  private static final Pattern PORT = Pattern.compile("[0-9]+");
  private static final Pattern IMAGE_ID = Pattern.compile("[a-f0-9]{64}");

  private final String registry;
  private final String repository;
  private final @Nullable String tag;
  private final @Nullable Digest digest;

  private Reference(
      String registry, String repository, @Nullable String tag, @Nullable Digest digest) {
    this.registry = registry;
    this.repository = repository;
    this.tag = tag;
    this.digest = digest;
  }

  /**
   * Parses a reference as {@code docker pull} does: {@code ubuntu} is {@code
   * docker.io/library/ubuntu:latest}, {@code user/app@sha256:...} is {@code
   * docker.io/user/app@sha256:...}. See the class documentation for the rules.
   *
   * @throws InvalidReferenceException naming the offending part
   * @throws NullPointerException if {@code reference} is null
   */
  public static Reference parse(String reference) {
    return parse(reference, true);
  }

  /**
   * Parses a fully qualified reference exactly as written: the registry is required, {@code
   * docker.io/ubuntu} stays {@code docker.io/ubuntu}, and a reference without tag or digest stays
   * without. {@code parseStrict(s).toString()} is {@code s}.
   *
   * @throws InvalidReferenceException naming the offending part, or if no registry is named
   */
  public static Reference parseStrict(String reference) {
    return parse(reference, false);
  }

  /**
   * The registry as written, {@code host[:port]}, e.g. {@code ghcr.io} or {@code [::1]:5000}.
   * Docker Hub is {@code docker.io}; the client maps it to the API host {@code
   * registry-1.docker.io}.
   */
  public String registry() {
    return registry;
  }

  /**
   * The repository path without the registry, e.g. {@code library/ubuntu}: the {@code <name>} of
   * the registry API's {@code /v2/<name>/...} paths.
   */
  public String repository() {
    return repository;
  }

  /** The tag, if any. */
  public Optional<String> tag() {
    return Optional.ofNullable(tag);
  }

  /** The digest, if any. */
  public Optional<Digest> digest() {
    return Optional.ofNullable(digest);
  }

  /** Registry and repository, {@code registry/repository}, without tag or digest. */
  public String name() {
    return registry + "/" + repository;
  }

  /**
   * The {@code <reference>} of {@code /v2/<name>/manifests/<reference>}: the digest if there is one
   * (it pins the content even when a tag is present too), else the tag.
   *
   * @throws IllegalStateException if this reference has neither tag nor digest (only {@link
   *     #parseStrict} gives such references; they name a repository, not a manifest)
   */
  public String manifestReference() {
    if (digest != null) {
      return digest.toString();
    }
    if (tag != null) {
      return tag;
    }
    throw new IllegalStateException(
        "reference '"
            + this
            + "' names a repository, not a manifest: it has neither tag nor digest");
  }

  /**
   * This reference with {@code tag} instead of its own; the digest is kept.
   *
   * @throws InvalidReferenceException if {@code tag} breaks the tag grammar
   */
  public Reference withTag(String tag) {
    Objects.requireNonNull(tag, "tag");
    checkTag(tag, name() + ":" + tag);
    return new Reference(registry, repository, tag, digest);
  }

  /** This reference with {@code digest} instead of its own; the tag is kept. */
  public Reference withDigest(Digest digest) {
    Objects.requireNonNull(digest, "digest");
    return new Reference(registry, repository, tag, digest);
  }

  /**
   * The short form Docker prints: without {@code docker.io/}, and without {@code library/} for
   * one-component official images. {@code docker.io/library/ubuntu:latest} prints as {@code
   * ubuntu:latest}, {@code ghcr.io/org/app:v1} as itself. For any reference from {@link #parse},
   * {@code parse(r.familiarString())} equals {@code r}.
   */
  public String familiarString() {
    String name = name();
    if (registry.equals(DOCKER_HUB)) {
      name = repository;
      if (repository.startsWith(OFFICIAL_PREFIX)
          && repository.indexOf('/', OFFICIAL_PREFIX.length()) < 0) {
        name = repository.substring(OFFICIAL_PREFIX.length());
      }
    }
    return name + suffix();
  }

  /** The canonical form, {@code registry/repository[:tag][@digest]}. */
  @Override
  public String toString() {
    return name() + suffix();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Reference r
        && registry.equals(r.registry)
        && repository.equals(r.repository)
        && Objects.equals(tag, r.tag)
        && Objects.equals(digest, r.digest);
  }

  @Override
  public int hashCode() {
    return Objects.hash(registry, repository, tag, digest);
  }

  private String suffix() {
    return (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
  }

  private static Reference parse(String s, boolean normalize) {
    Objects.requireNonNull(s, "reference");
    if (s.isEmpty()) {
      throw new InvalidReferenceException("empty reference: expected " + GRAMMAR);
    }
    checkCharacters(s);
    if (normalize && IMAGE_ID.matcher(s).matches()) {
      throw error(s, "is a 64-character hex image ID, not a reference; use name@sha256:<id>");
    }

    String rest = s;
    Digest digest = null;
    int at = s.indexOf('@');
    if (at >= 0) {
      digest = parseDigest(s.substring(at + 1), s);
      rest = s.substring(0, at);
    }

    String registry;
    String remainder;
    int slash = rest.indexOf('/');
    String first = slash < 0 ? rest : rest.substring(0, slash);
    if (slash < 0 && looksLikeRegistry(rest)) {
      throw error(s, "names a registry but no repository: expected registry/repository");
    } else if (slash >= 0 && isRegistry(first)) {
      registry = normalize && first.equals(LEGACY_DOCKER_HUB) ? DOCKER_HUB : first;
      remainder = rest.substring(slash + 1);
      checkRegistry(registry, s);
    } else if (normalize) {
      registry = DOCKER_HUB;
      remainder = rest;
    } else if (slash < 0) {
      throw error(
          s,
          "names no registry: expected registry/repository such as docker.io/library/ubuntu"
              + " (Reference.parse accepts short Docker Hub names)");
    } else {
      throw error(
          s,
          "names no registry: '"
              + clip(first)
              + "' is not a registry host"
              + " (a host contains '.' or ':' or is 'localhost')");
    }

    String path = remainder;
    String tag = null;
    int colon = remainder.indexOf(':', remainder.lastIndexOf('/') + 1);
    if (colon >= 0) {
      path = remainder.substring(0, colon);
      tag = remainder.substring(colon + 1);
    }
    if (path.isEmpty()) {
      throw error(s, "has no repository: expected " + GRAMMAR);
    }
    checkPath(path, s);
    if (normalize && registry.equals(DOCKER_HUB) && path.indexOf('/') < 0) {
      path = OFFICIAL_PREFIX + path;
    }
    if (path.length() > MAX_REPOSITORY_LENGTH) {
      throw invalid(
          "repository '%s' of '%s' is %d characters long: at most %d are allowed",
          clip(path), clip(s), path.length(), MAX_REPOSITORY_LENGTH);
    }
    if (tag != null) {
      checkTag(tag, s);
    } else if (normalize && digest == null) {
      tag = DEFAULT_TAG;
    }
    return new Reference(registry, path, tag, digest);
  }

  /** Whether a first component followed by '/' names a registry (splitDockerDomain's rule). */
  private static boolean isRegistry(String first) {
    return first.equals(LOCALHOST) || first.indexOf('.') >= 0 || first.indexOf(':') >= 0;
  }

  /**
   * Whether a reference without '/' is a bare registry: an IPv6 literal, {@code localhost}, or a
   * valid host name with a dot, such as {@code registry.example.com:5000}.
   */
  private static boolean looksLikeRegistry(String rest) {
    if (rest.startsWith("[")) {
      return true;
    }
    int colon = rest.indexOf(':');
    String name = colon < 0 ? rest : rest.substring(0, colon);
    if (name.equals(LOCALHOST)) {
      return true;
    }
    if (name.indexOf('.') < 0) {
      return false;
    }
    for (String label : name.split("\\.", -1)) {
      if (!HOST_LABEL.matcher(label).matches()) {
        return false;
      }
    }
    return true;
  }

  private static void checkCharacters(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || ".-_/:@[]".indexOf(c) >= 0;
      if (!ok) {
        String shown =
            c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format(Locale.ROOT, "U+%04X", (int) c);
        throw invalid("invalid character %s at index %d in reference '%s'", shown, i, clip(s));
      }
    }
  }

  private static Digest parseDigest(String text, String s) {
    if (text.isEmpty()) {
      throw error(s, "has an empty digest after '@'");
    }
    try {
      return Digest.parse(text);
    } catch (InvalidDigestException e) {
      throw new InvalidReferenceException(
          "invalid digest in '" + clip(s) + "': " + e.getMessage(), e);
    }
  }

  private static void checkRegistry(String registry, String s) {
    String host = registry;
    String port = null;
    if (registry.startsWith("[")) {
      int close = registry.indexOf(']');
      if (close < 0) {
        throw registryError(registry, s, "'[' without a closing ']'");
      }
      host = registry.substring(0, close + 1);
      if (!IPV6.matcher(host).matches()) {
        throw registryError(
            registry, s, "IPv6 address " + host + " may hold only hex digits and ':' (no zone)");
      }
      String after = registry.substring(close + 1);
      if (!after.isEmpty()) {
        if (after.charAt(0) != ':') {
          throw registryError(registry, s, "expected ':port' after ']', found '" + after + "'");
        }
        port = after.substring(1);
      }
    } else {
      int colon = registry.indexOf(':');
      if (colon >= 0) {
        host = registry.substring(0, colon);
        port = registry.substring(colon + 1);
      }
      if (host.isEmpty()) {
        throw registryError(
            registry, s, "no host before ':' (write IPv6 addresses in brackets, e.g. [::1]:5000)");
      }
      for (String label : host.split("\\.", -1)) {
        if (label.isEmpty()) {
          throw registryError(registry, s, "empty host label in '" + host + "'");
        }
        if (!HOST_LABEL.matcher(label).matches()) {
          throw registryError(
              registry, s, "host label '" + label + "' must be letters and digits, '-' inside");
        }
      }
    }
    if (port != null && !PORT.matcher(port).matches()) {
      String why = port.isEmpty() ? "empty port after ':'" : "port '" + port + "' is not a number";
      throw registryError(registry, s, why);
    }
  }

  private static void checkPath(String path, String s) {
    for (String component : path.split("/", -1)) {
      if (component.isEmpty()) {
        throw error(s, "has an empty repository path component in '" + clip(path) + "'");
      }
      if (!PATH_COMPONENT.matcher(component).matches()) {
        String lower = component.toLowerCase(Locale.ROOT);
        String why =
            !lower.equals(component) && PATH_COMPONENT.matcher(lower).matches()
                ? "must be lower case"
                : "expected lower-case letters and digits separated by '.', '_', '__' or '-'";
        throw invalid(
            "invalid repository path component '%s' in '%s': %s", clip(component), clip(s), why);
      }
    }
  }

  /**
   * Whether {@code tag} is a valid tag: 1 to {@value #MAX_TAG_LENGTH} letters, digits, {@code _},
   * {@code .} and {@code -}, not starting with {@code .} or {@code -}.
   */
  public static boolean isValidTag(String tag) {
    return !tag.isEmpty() && tag.length() <= MAX_TAG_LENGTH && TAG.matcher(tag).matches();
  }

  /** Checks {@code tag} against the tag grammar; {@code s} is the text it came from. */
  static void checkTag(String tag, String s) {
    if (tag.isEmpty()) {
      throw error(s, "has an empty tag after ':'");
    }
    if (tag.length() > MAX_TAG_LENGTH) {
      throw invalid(
          "tag '%s' in '%s' is %d characters long: at most %d are allowed",
          clip(tag), clip(s), tag.length(), MAX_TAG_LENGTH);
    }
    if (!TAG.matcher(tag).matches()) {
      throw invalid(
          "invalid tag '%s' in '%s': expected letters, digits, '_', '.' and '-',"
              + " not starting with '.' or '-'",
          clip(tag), clip(s));
    }
  }

  private static InvalidReferenceException registryError(String registry, String s, String why) {
    return invalid("invalid registry '%s' in '%s': %s", clip(registry), clip(s), why);
  }

  private static InvalidReferenceException error(String s, String what) {
    return invalid("reference '%s' %s", clip(s), what);
  }

  private static InvalidReferenceException invalid(String format, Object... args) {
    return new InvalidReferenceException(String.format(Locale.ROOT, format, args));
  }

  private static String clip(String s) {
    return Digest.clip(s);
  }
}
