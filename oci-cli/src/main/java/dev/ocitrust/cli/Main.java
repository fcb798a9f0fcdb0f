package dev.ocitrust.cli;

import java.util.Optional;
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
      ReplicateCommand.class,
      AttachCommand.class,
      PurgeCommand.class,
      ArchiveCommand.class,
      SignCommand.class,
      BlobCommand.class,
      ClaimCommand.class,
      VerifyCommand.class,
      ReceiptCommand.class,
      TransparencyCommand.class,
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
              Optional<CredentialLookups> lookups =
                  registryOptions(cmd.getCommandSpec()).flatMap(RegistryOptions::lookups);
              cmd.getErr().println("Error: " + ErrorMessage.of(e, lookups));
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
    return ErrorMessage.describe(e);
  }

  /** The {@code RegistryOptions} mixed into {@code spec}, directly or through another mixin. */
  static Optional<RegistryOptions> registryOptions(CommandLine.Model.CommandSpec spec) {
    for (CommandLine.Model.CommandSpec mixin : spec.mixins().values()) {
      if (mixin.userObject() instanceof RegistryOptions options) {
        return Optional.of(options);
      }
      Optional<RegistryOptions> nested = registryOptions(mixin);
      if (nested.isPresent()) {
        return nested;
      }
    }
    return Optional.empty();
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
