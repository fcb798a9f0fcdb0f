package dev.ocitrust.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ocitrust receipt}: COSE Receipts (RFC 9942) from transparency services. */
@Command(
    name = "receipt",
    mixinStandardHelpOptions = true,
    synopsisSubcommandLabel = "COMMAND",
    description = "Check COSE Receipts (RFC 9942) of transparency services, offline.",
    subcommands = {ReceiptVerifyCommand.class})
final class ReceiptCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: verify");
  }
}
