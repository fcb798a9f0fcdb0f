package dev.ocitrust.cose;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Subject identifiers for SCITT statements about OCI artifacts: a package URL that names the
 * artifact by repository name and digest, independent of the registry it is stored in, so a claim
 * stays valid when the artifact is copied.
 *
 * <p>Thread-safe: stateless.
 *
 * <pre>{@code
 * String sub = ScittSubjects.ociPackageUrl("net-monitor", "sha256:" + hex);
 * // pkg:oci/net-monitor@sha256:<hex>
 * }</pre>
 */
public final class ScittSubjects {
  private static final Pattern NAME = Pattern.compile("[a-z0-9]+(?:[._-][a-z0-9]+)*");
  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
  private static final Pattern PURL =
      Pattern.compile(
          "pkg:oci/([a-z0-9]+(?:[._-][a-z0-9]+)*)@(sha256|sha512)(?::|%3[Aa])([0-9a-f]+)"
              + "(?:\\?[^#]*)?(?:#.*)?");

  private ScittSubjects() {}

  /**
   * {@code pkg:oci/<name>@sha256:<hex>}. {@code name} is the last path component of the repository
   * (a full repository path is accepted and reduced to it), lower-cased.
   *
   * @throws IllegalArgumentException if the name or the digest is malformed
   */
  public static String ociPackageUrl(String repository, String digest) {
    String name = repository.substring(repository.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("invalid OCI repository name \"" + repository + "\"");
    }
    if (!DIGEST.matcher(digest).matches()) {
      throw new IllegalArgumentException("expected sha256:<64 lower-case hex>, found " + digest);
    }
    return "pkg:oci/" + name + "@" + digest;
  }

  /**
   * The digest a {@code pkg:oci} package URL names, {@code algorithm:hex}: {@code
   * pkg:oci/<name>@sha256:<hex>}, the version's colon written plainly or percent-encoded ({@code
   * %3A}, as the purl specification's examples write it), with optional qualifiers and subpath.
   * Empty when {@code sub} is not such a URL or the digest has the wrong length.
   */
  public static Optional<String> ociDigest(String sub) {
    Matcher m = PURL.matcher(sub);
    if (!m.matches()) {
      return Optional.empty();
    }
    String algorithm = m.group(2);
    String hex = m.group(3);
    int expected = algorithm.equals("sha256") ? 64 : 128;
    return hex.length() == expected ? Optional.of(algorithm + ":" + hex) : Optional.empty();
  }
}
