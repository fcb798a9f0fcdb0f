package dev.ocitrust.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ocitrust} command: push, attach, sign, copy and verify supply-chain artifacts in OCI
 * registries and OCI image layouts.
 *
 * <pre>{@code
 * ocitrust --version
 * ocitrust --help
 * }</pre>
 */
@Command(
    name = "ocitrust",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Signed supply-chain artifacts through OCI registries and OCI image layouts.",
    subcommands = {CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit status (for tests and embedding). */
  public static int run(String... args) {
    return new CommandLine(new Main()).execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
