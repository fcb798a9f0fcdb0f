package dev.ocitrust.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ocitrust repo}: repository commands, as {@code oras repo}. */
@Command(
    name = "repo",
    mixinStandardHelpOptions = true,
    description = "Repository commands.",
    subcommands = {RepoTagsCommand.class})
final class RepoCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
