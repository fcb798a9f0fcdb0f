package dev.ocitrust.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ocitrust transparency}: the local SCITT transparency service. */
@Command(
    name = "transparency",
    mixinStandardHelpOptions = true,
    synopsisSubcommandLabel = "COMMAND",
    description = {
      "A small SCITT transparency service (RFC 9162 log, COSE receipts, SCRAPI) for tests and local"
          + " development; production users register with their real service."
    },
    subcommands = {TransparencyServeCommand.class})
final class TransparencyCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: serve");
  }
}
