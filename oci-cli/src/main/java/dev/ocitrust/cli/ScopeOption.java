package dev.ocitrust.cli;

import dev.ocitrust.client.OciLayout;
import dev.ocitrust.client.Reference;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * {@code --scope}: the registry scope that selects the trust policy and claim policy statements, as
 * notation spells it. One rule for every command:
 *
 * <ul>
 *   <li>a registry target's scope is its {@code host[:port]/repository}; {@code --scope} is refused
 *       there (notation too takes it for OCI layouts only);
 *   <li>an OCI layout's scope is {@code --scope} as written when it holds a {@code /} ({@code
 *       local/net-monitor}, notation's spelling), {@code local/<name>} for a bare {@code name};
 *   <li>without {@code --scope}, {@code local/<folder name>}, lower-cased (a scope is lower-case);
 *       a folder name that still makes no valid scope is refused with a message to pass {@code
 *       --scope}.
 * </ul>
 */
final class ScopeOption {
  /** A registry host with optional port, as the trust policy's scope grammar has it. */
  private static final Pattern HOST =
      Pattern.compile(
          "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])"
              + "(?:\\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*"
              + "(?::[0-9]+)?");

  /** Repository path components joined by {@code /}. */
  private static final Pattern PATH =
      Pattern.compile(
          "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");

  private static final String NAME_RULE =
      "lower-case letters and digits, separated by '.', '_' or '-'";

  @Option(
      names = "--scope",
      paramLabel = "SCOPE",
      description = {
        "with --oci-layout: the registry scope of the policies, as notation spells it:"
            + " local/NAME (a bare NAME means local/NAME)",
        "(default: local/<the layout's folder name in lower case>)"
      })
  @Nullable String scope;

  /** The scope of {@code spec} under this option. */
  String of(TargetSpec spec) {
    return scopeOf(spec, scope);
  }

  /**
   * The scope of {@code spec}, given {@code --scope} (or null).
   *
   * @throws IllegalArgumentException (a usage error) naming what to pass instead
   */
  static String scopeOf(TargetSpec spec, @Nullable String given) {
    if (spec.registryReference().isPresent()) {
      Reference ref = spec.registryReference().get();
      String scope = ref.registry() + "/" + ref.repository();
      if (given != null) {
        throw new IllegalArgumentException(
            "--scope applies to --oci-layout targets only: the scope of "
                + spec.display()
                + " is "
                + scope);
      }
      return scope;
    }
    if (given != null) {
      String scope = given.contains("/") ? given : "local/" + given;
      if (!isScope(scope)) {
        throw new IllegalArgumentException(
            "--scope \""
                + given
                + "\" is not a registry scope: expected local/NAME (NAME of "
                + NAME_RULE
                + ") or host/repository");
      }
      return scope;
    }
    if (!(spec.target() instanceof OciLayout layout)) {
      throw new IllegalStateException(spec.display() + " is neither a registry nor a layout");
    }
    Path name = layout.root().toAbsolutePath().normalize().getFileName();
    String folder = name == null ? "" : name.toString();
    String scope = "local/" + folder.toLowerCase(Locale.ROOT);
    if (!isScope(scope)) {
      throw new IllegalArgumentException(
          "the folder name \""
              + folder
              + "\" of "
              + spec.display()
              + " makes no registry scope local/NAME (NAME of "
              + NAME_RULE
              + "): pass --scope local/NAME");
    }
    return scope;
  }

  /** Whether {@code scope} is {@code host/repository} (which {@code local/NAME} is). */
  static boolean isScope(String scope) {
    int slash = scope.indexOf('/');
    return slash > 0
        && HOST.matcher(scope.substring(0, slash)).matches()
        && PATH.matcher(scope.substring(slash + 1)).matches();
  }
}
