package dev.ocitrust.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code ocitrust completion bash|zsh}: the shell completion script picocli generates for every
 * command and option (the script loads bash completion into zsh itself).
 */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = {
      "Print a shell completion script for every command and option.",
      "bash: source <(ocitrust completion bash)   zsh: source <(ocitrust completion zsh)"
    })
final class CompletionCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @SuppressWarnings("NullAway.Init") // required: picocli sets it before call()
  @Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh")
  String shell;

  @Override
  public Integer call() {
    if (!shell.equals("bash") && !shell.equals("zsh")) {
      throw new IllegalArgumentException("unknown shell '" + shell + "': expected bash or zsh");
    }
    System.out.print(AutoComplete.bash("ocitrust", spec.root().commandLine()));
    return 0;
  }
}
