package dev.ocitrust.cli;

import dev.ocitrust.client.Credential;
import dev.ocitrust.client.CredentialsProvider;
import dev.ocitrust.client.DockerCredentials;
import dev.ocitrust.client.RegistryClient;
import dev.ocitrust.client.Timeouts;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * How every command reaches registries, the options oras users know: credentials ({@code -u/-p},
 * {@code --password-stdin}, {@code --registry-config}), TLS ({@code --ca-file}, {@code
 * --cert-file/--key-file}, {@code --insecure}), {@code --plain-http}, {@code --debug} and {@code
 * --no-progress}, {@code --chunk-size}, and the timeouts of {@link TimeoutOptions}. Mixed into
 * every command that talks to a registry.
 */
final class RegistryOptions {
  /** The largest password read from standard input. */
  static final int MAX_STDIN_PASSWORD = 64 * 1024;

  @Option(
      names = {"-u", "--username"},
      paramLabel = "USER",
      description = "registry user name (instead of the stored credentials)")
  @Nullable String username;

  @Option(
      names = {"-p", "--password"},
      paramLabel = "PASSWORD",
      description = "registry password or token (visible to other users: prefer --password-stdin)")
  @Nullable String password;

  @Option(names = "--password-stdin", description = "read the password from standard input")
  boolean passwordStdin;

  @Option(
      names = "--registry-config",
      paramLabel = "FILE",
      description =
          "credentials file (default: docker's config.json: $DOCKER_CONFIG/config.json or"
              + " ~/.docker/config.json, after $REGISTRY_AUTH_FILE and podman's auth.json)")
  @Nullable Path registryConfig;

  @Option(
      names = "--ca-file",
      paramLabel = "FILE",
      description =
          "PEM certificates of the registry's certificate authority (instead of the JDK's)")
  @Nullable Path caFile;

  @Option(
      names = "--cert-file",
      paramLabel = "FILE",
      description = "PEM client certificate (chain, leaf first) for registries that ask for one")
  @Nullable Path certFile;

  @Option(names = "--key-file", paramLabel = "FILE", description = "PEM private key of --cert-file")
  @Nullable Path keyFile;

  @Option(
      names = "--insecure",
      description = "INSECURE: do not verify the registry's TLS certificate nor its host name")
  boolean insecure;

  @Option(names = "--plain-http", description = "INSECURE: talk plain HTTP to the registry")
  boolean plainHttp;

  @Option(
      names = "--debug",
      description = "print HTTP requests and responses on stderr (credentials and tokens redacted)")
  boolean debug;

  @Option(names = "--no-progress", description = "no progress display for large transfers")
  boolean noProgress;

  @Mixin TimeoutOptions timeouts = new TimeoutOptions();

  @Option(
      names = "--chunk-size",
      paramLabel = "BYTES",
      description =
          "upload blobs in chunks of BYTES (up to 256 MiB), which resume after a broken"
              + " connection; 0, the default: one streamed PUT per blob, fastest")
  long chunkSize;

  @Mixin MirrorOptions mirrors;

  private boolean flagRead;
  private @Nullable CredentialLookups lookups;
  private Optional<Credential> flagged = Optional.empty();

  /** The credentials file {@code login} and {@code logout} write: the option's, else docker's. */
  Path configFile() {
    return registryConfig != null
        ? registryConfig
        : DockerConfigFile.defaultPath(System.getenv(), Path.of(System.getProperty("user.home")));
  }

  /** The registry clients of one command run, made with these options. The caller closes them. */
  TargetSpec.Clients clients() throws IOException {
    return clients(System.in, System.err, Terminal.stderrIsTerminal());
  }

  /**
   * As {@link #clients()}, reading {@code --password-stdin} from {@code stdin} and writing
   * warnings, debug lines and progress to {@code err}.
   */
  TargetSpec.Clients clients(InputStream stdin, PrintStream err, boolean terminal)
      throws IOException {
    UnaryOperator<RegistryClient.Builder> hosts =
        mirrors.settings(System.getenv(), Path.of(System.getProperty("user.home")));
    CredentialsProvider credentials = credentials(stdin);
    TlsFiles.Tls tls = TlsFiles.of(caFile, certFile, keyFile, insecure);
    Timeouts limits = timeouts.timeouts();
    if (chunkSize < 0 || chunkSize > 256L * 1024 * 1024) {
      throw new IllegalArgumentException(
          "--chunk-size: expected 0 to 268435456 bytes, got " + chunkSize);
    }
    if (insecure) {
      err.println(
          "Warning: --insecure: TLS certificates and host names are not verified; anyone on the"
              + " network path can read and change this traffic");
    }
    TransferProgress progress =
        !noProgress && terminal ? new TransferProgress(err) : TransferProgress.none();
    Supplier<RegistryClient.Builder> builders =
        () -> {
          RegistryClient.Builder b =
              hosts.apply(
                  RegistryClient.builder().credentials(credentials).transferListener(progress));
          tls.applyTo(b);
          b.timeouts(limits).chunkSize(chunkSize);
          if (debug) {
            b.httpLogger(line -> err.println("debug: " + line));
          }
          return b;
        };
    return new TargetSpec.Clients(builders, plainHttp, progress);
  }

  /**
   * The credentials: {@code -u} with {@code -p} or {@code --password-stdin} for every registry this
   * run talks to, else the credentials file(s).
   */
  CredentialsProvider credentials(InputStream stdin) {
    Optional<Credential> given = flagCredential(stdin);
    CredentialLookups made;
    if (given.isPresent()) {
      Credential c = given.get();
      made = new CredentialLookups(registry -> Optional.of(c), "--username/--password");
    } else {
      DockerCredentials files =
          registryConfig != null
              ? DockerCredentials.fromFiles(List.of(registryConfig))
              : DockerCredentials.fromEnvironment();
      made =
          new CredentialLookups(
              files,
              files.files().stream().map(Path::toString).collect(Collectors.joining(" or ")));
    }
    lookups = made;
    return made;
  }

  /** The credentials this run looked up, once {@link #clients} made them (for error messages). */
  Optional<CredentialLookups> lookups() {
    return Optional.ofNullable(lookups);
  }

  /**
   * The credential of {@code -u}, {@code -p} and {@code --password-stdin}, if given; standard input
   * is read once per run.
   */
  Optional<Credential> flagCredential(InputStream stdin) {
    if (!flagRead) {
      flagged = readFlagCredential(stdin);
      flagRead = true;
    }
    return flagged;
  }

  private Optional<Credential> readFlagCredential(InputStream stdin) {
    if (password != null && passwordStdin) {
      throw new IllegalArgumentException("--password and --password-stdin exclude each other");
    }
    String secret = passwordStdin ? readPassword(stdin) : password;
    if (username == null) {
      if (secret != null) {
        throw new IllegalArgumentException(
            (passwordStdin ? "--password-stdin" : "--password") + " needs --username");
      }
      return Optional.empty();
    }
    if (secret == null) {
      throw new IllegalArgumentException(
          "--username needs --password or --password-stdin (or use the stored credentials: omit"
              + " --username)");
    }
    return Optional.of(Credential.basic(username, secret));
  }

  /** The password on {@code stdin}: all of it, without the line ends at its end. */
  static String readPassword(InputStream stdin) {
    byte[] bytes;
    try {
      bytes = stdin.readNBytes(MAX_STDIN_PASSWORD + 1);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "--password-stdin: standard input cannot be read: " + e, e);
    }
    if (bytes.length > MAX_STDIN_PASSWORD) {
      throw new IllegalArgumentException(
          "--password-stdin: more than " + MAX_STDIN_PASSWORD + " bytes on standard input");
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    int end = text.length();
    while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
      end--;
    }
    if (end == 0) {
      throw new IllegalArgumentException("--password-stdin: standard input holds no password");
    }
    return text.substring(0, end);
  }
}
