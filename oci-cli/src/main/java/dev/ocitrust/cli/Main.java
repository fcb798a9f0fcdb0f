package dev.ocitrust.cli;

import java.util.Optional;
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
      AttachCommand.class,
      PurgeCommand.class,
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
    return new CommandLine(new Main())
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
