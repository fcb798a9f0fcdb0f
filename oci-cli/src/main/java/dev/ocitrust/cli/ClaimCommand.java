package dev.ocitrust.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ocitrust claim}: signed claims about artifacts (add, approve, lifecycle, list, deployed,
 * deployments).
 */
@Command(
    name = "claim",
    mixinStandardHelpOptions = true,
    synopsisSubcommandLabel = "COMMAND",
    description = {
      "Sign, attach and list claims about an artifact (scans, evidence, approvals, lifecycle notices).",
      "A claim is a SCITT signed statement about the artifact's digest, attached as a referrer."
    },
    subcommands = {
      ClaimAddCommand.class,
      ClaimApproveCommand.class,
      ClaimLifecycleCommand.class,
      ClaimListCommand.class,
      ClaimDeployedCommand.class,
      ClaimDeploymentsCommand.class
    })
final class ClaimCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(),
        "Missing command: add, approve, lifecycle, list, deployed or deployments");
  }
}
