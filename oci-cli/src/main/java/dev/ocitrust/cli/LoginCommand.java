package dev.ocitrust.cli;

import dev.ocitrust.client.Credential;
import dev.ocitrust.client.RegistryException;
import java.io.Console;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code ocitrust login}: checks a user name and password against a registry ({@code GET /v2/}, as
 * {@code docker login}) and stores them where docker and oras find them (see {@link
 * DockerConfigFile}).
 */
@Command(
    name = "login",
    mixinStandardHelpOptions = true,
    description = {
      "Log in to a registry: check the credentials, then store them in docker's config.json",
      "(or the credential helper it names: credHelpers, credsStore), where docker and oras find"
          + " them too.",
      "Without -p or --password-stdin it asks for the user name (unless -u gives it) and the"
          + " password on the terminal, without echo; off a terminal that is an error."
    })
final class LoginCommand implements Callable<Integer> {
  @Mixin RegistryOptions registry;

  @SuppressWarnings("NullAway.Init") // required: picocli sets it before call()
  @Parameters(index = "0", paramLabel = "REGISTRY", description = "host[:port] of the registry")
  String server;

  @Override
  public Integer call() throws Exception {
    String host = hostOf(server);
    if (registry.password == null && !registry.passwordStdin) {
      prompt(host, System.console());
    }
    Credential credential = registry.flagCredential(System.in).orElseThrow();
    String user = credential.username().orElseThrow();
    try (TargetSpec.Clients clients = registry.clients()) {
      try {
        clients.forRegistry(host, false).ping(host);
      } catch (RegistryException e) {
        if (e.statusCode() == 401 || e.statusCode() == 403) {
          throw new IOException(
              "login to " + host + " failed: the registry rejected the credentials of " + user, e);
        }
        throw e;
      }
    }
    DockerConfigFile config = new DockerConfigFile(registry.configFile());
    String where = config.store(host, credential);
    System.err.println("Stored the credentials of " + user + " for " + host + " in " + where);
    System.out.println("Login Succeeded");
    return 0;
  }

  /** {@code host[:port]} of {@code server}, which may be written as a URL. */
  static String hostOf(String server) {
    String s = server.trim();
    String lower = s.toLowerCase(Locale.ROOT);
    if (lower.startsWith("https://")) {
      s = s.substring(8);
    } else if (lower.startsWith("http://")) {
      s = s.substring(7);
    }
    int slash = s.indexOf('/');
    String host = slash >= 0 ? s.substring(0, slash) : s;
    if (host.isEmpty() || (slash >= 0 && !s.substring(slash).matches("/(v[12]/?)?"))) {
      throw new IllegalArgumentException(
          "'" + server + "' is not a registry: expected host[:port], e.g. localhost:5000");
    }
    return host.toLowerCase(Locale.ROOT);
  }

  /**
   * Asks for the user name (unless {@code -u} gave it) and the password, without echo, as oras
   * does; off a terminal ({@code console} null) a usage error that says to use {@code
   * --password-stdin}.
   */
  private void prompt(String host, @Nullable Console console) {
    if (console == null) {
      throw new IllegalArgumentException(
          "login to "
              + host
              + " needs a password and standard input is not a terminal: pass -u USER with"
              + " --password-stdin (or -p PASSWORD)");
    }
    if (registry.username == null) {
      String user = console.readLine("Username: ");
      if (user == null || user.isBlank()) {
        throw new IllegalArgumentException("login to " + host + ": no user name given");
      }
      registry.username = user.trim();
    }
    char[] secret = console.readPassword("Password: ");
    if (secret == null || secret.length == 0) {
      throw new IllegalArgumentException("login to " + host + ": no password given");
    }
    registry.password = new String(secret);
    java.util.Arrays.fill(secret, '\0');
  }
}
