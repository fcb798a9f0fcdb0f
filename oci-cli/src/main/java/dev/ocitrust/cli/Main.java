package dev.ocitrust.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

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
    subcommands = {
      PushCommand.class,
      PullCommand.class,
      ResolveCommand.class,
      TagCommand.class,
      ManifestCommand.class,
      RepoCommand.class,
      LoginCommand.class,
      LogoutCommand.class,
      DiscoverCommand.class,
      CopyCommand.class,
      SyncCommand.class,
      AttachCommand.class,
      PurgeCommand.class,
      ArchiveCommand.class,
      SignCommand.class,
      ClaimCommand.class,
      VerifyCommand.class,
      CompletionCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit status (for tests and embedding). */
  public static int run(String... args) {
    return commandLine(args)
        .setExecutionExceptionHandler(
            (e, cmd, parsed) -> {
              cmd.getErr().println("Error: " + describe(e));
              return e instanceof IllegalArgumentException ? 2 : 1;
            })
        .execute(args);
  }

  /**
   * The command line that runs {@code args}. When they start with the name of a subcommand (other
   * than {@code help} and {@code completion}, which need them all), only that one is modelled under
   * the top command: picocli builds each command's model by reflection on its annotations, and a
   * process that runs one command need not pay for all of them. Every other invocation (no
   * arguments, {@code --help}, {@code --version}, an unknown command) gets the full tree.
   */
  static CommandLine commandLine(String... args) {
    if (args.length > 0 && !args[0].equals("help") && !args[0].equals("completion")) {
      Command top = Main.class.getAnnotation(Command.class);
      for (Class<?> sub : top.subcommands()) {
        Command c = sub.getAnnotation(Command.class);
        if (c != null && c.name().equals(args[0])) {
          CommandLine line = new CommandLine(CommandSpec.wrapWithoutInspection(new Main()));
          line.getCommandSpec().name(top.name()).mixinStandardHelpOptions(true);
          line.getCommandSpec().versionProvider(new VersionProvider());
          return line.addSubcommand(c.name(), sub);
        }
      }
    }
    return new CommandLine(new Main());
  }

  /**
   * The message of {@code e} and of its causes, for one line on standard error; one without a
   * message is named by its type ({@link Throwable#toString()}).
   */
  static String describe(Throwable e) {
    StringBuilder sb = new StringBuilder(messageOf(e));
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      String message = messageOf(cause);
      if (!sb.toString().contains(message)) {
        sb.append(": ").append(message);
      }
    }
    return sb.toString();
  }

  private static String messageOf(Throwable e) {
    return e.getMessage() != null ? e.getMessage() : e.toString();
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
