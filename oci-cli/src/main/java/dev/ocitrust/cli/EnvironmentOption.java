package dev.ocitrust.cli;

import dev.ocitrust.claims.Approval;
import picocli.CommandLine.Option;

/**
 * {@code --environment ENV}, required: the environment a deployment record or decision is about.
 */
final class EnvironmentOption {
  @Option(
      names = "--environment",
      required = true,
      paramLabel = "ENV",
      description = "the environment, e.g. prod")
  String environment = "";

  /**
   * The environment name.
   *
   * @throws IllegalArgumentException (a usage error) if it is not a name
   */
  String name() {
    if (!Approval.isEnvironmentName(environment)) {
      throw new IllegalArgumentException(
          "--environment \"" + environment + "\" is not a name of [A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    }
    return environment;
  }
}
