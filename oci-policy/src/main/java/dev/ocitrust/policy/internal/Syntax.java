package dev.ocitrust.policy.internal;

import java.util.regex.Pattern;

/** Grammar of trust-store names, registry scopes and digests as the trust policy uses them. */
public final class Syntax {
  /** A named store: {@code [a-zA-Z0-9_.-]+}. */
  private static final Pattern STORE_NAME = Pattern.compile("[a-zA-Z0-9_.-]+");

  /** A registry host with optional port, as in distribution/reference (as notation uses it). */
  private static final Pattern DOMAIN =
      Pattern.compile(
          "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])"
              + "(?:(?:\\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))+)?"
              + "(?::[0-9]+)?");

  /** A repository path: components joined by {@code /}, no tag, no digest. */
  private static final Pattern REPOSITORY =
      Pattern.compile(
          "[a-z0-9]+(?:(?:(?:[._]|__|[-]*)[a-z0-9]+)+)?"
              + "(?:(?:/[a-z0-9]+(?:(?:(?:[._]|__|[-]*)[a-z0-9]+)+)?)+)?");

  /** The OCI digest grammar of image-spec {@code descriptor.md}. */
  private static final Pattern DIGEST =
      Pattern.compile("[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+");

  private Syntax() {}

  /**
   * True if {@code name} is a valid named-store name: {@code [a-zA-Z0-9_.-]+}, except {@code .} and
   * {@code ..}, which match that pattern but name the store's parent directories.
   */
  public static boolean isStoreName(String name) {
    return STORE_NAME.matcher(name).matches() && !name.equals(".") && !name.equals("..");
  }

  /** True if {@code scope} (not {@code *}) is {@code domain/repository}. */
  public static boolean isRepositoryScope(String scope) {
    int slash = scope.indexOf('/');
    if (slash <= 0 || slash == scope.length() - 1) {
      return false;
    }
    return DOMAIN.matcher(scope.substring(0, slash)).matches()
        && REPOSITORY.matcher(scope.substring(slash + 1)).matches();
  }

  /** True if {@code digest} matches the generic OCI digest grammar {@code alg:encoded}. */
  public static boolean isDigest(String digest) {
    return DIGEST.matcher(digest).matches();
  }
}
