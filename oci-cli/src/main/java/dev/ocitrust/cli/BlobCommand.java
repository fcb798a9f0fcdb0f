package dev.ocitrust.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ocitrust blob}: detached Notary Project signatures of files (sign, verify). */
@Command(
    name = "blob",
    mixinStandardHelpOptions = true,
    synopsisSubcommandLabel = "COMMAND",
    description = {
      "Sign and verify files outside registries with detached Notary Project signatures"
          + " (<file>.cose.sig), as notation blob sign and notation blob verify do.",
      "Verification reads trustpolicy.blob.json and truststore/ in notation's configuration."
    },
    subcommands = {BlobSignCommand.class, BlobVerifyCommand.class})
final class BlobCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: sign or verify");
  }
}
