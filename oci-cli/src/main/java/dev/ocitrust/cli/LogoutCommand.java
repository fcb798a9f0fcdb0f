package dev.ocitrust.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ocitrust logout}: removes what {@code login} stored (see {@link DockerConfigFile}). */
@Command(
    name = "logout",
    mixinStandardHelpOptions = true,
    description =
        "Log out of a registry: remove its credentials from docker's config.json"
            + " (or its credential helper).")
final class LogoutCommand implements Callable<Integer> {
  @SuppressWarnings("NullAway.Init") // required: picocli sets it before call()
  @Parameters(index = "0", paramLabel = "REGISTRY", description = "host[:port] of the registry")
  String server;

  @Option(
      names = "--registry-config",
      paramLabel = "FILE",
      description =
          "credentials file (default: $DOCKER_CONFIG/config.json or ~/.docker/config.json)")
  @Nullable Path registryConfig;

  @Override
  public Integer call() throws Exception {
    String host = LoginCommand.hostOf(server);
    RegistryOptions options = new RegistryOptions();
    options.registryConfig = registryConfig;
    DockerConfigFile config = new DockerConfigFile(options.configFile());
    if (config.erase(host)) {
      System.out.println("Removed the credentials for " + host + " from " + config.file());
    } else {
      System.out.println("Not logged in to " + host + " (nothing in " + config.file() + ")");
    }
    return 0;
  }
}
