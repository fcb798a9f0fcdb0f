package dev.ocitrust.cose;

import java.util.Locale;
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
}
