package dev.ocitrust.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ocitrust manifest}: manifest commands, as {@code oras manifest}. */
@Command(
    name = "manifest",
    mixinStandardHelpOptions = true,
    description = "Manifest commands.",
    subcommands = {ManifestFetchCommand.class})
final class ManifestCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
