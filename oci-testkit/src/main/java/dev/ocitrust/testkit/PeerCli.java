package dev.ocitrust.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Runs a peer program (oras, crane, skopeo, notation, ...) found by {@link Peers#require(String)}:
 * arguments, environment overrides, working folder, standard input, and a timeout (default 120 s)
 * after which the process and its descendants are killed and the run fails. Output goes to
 * temporary files (never pipes, so a chatty or orphaned child cannot block the test) and is
 * returned in a {@link PeerResult}. Standard input is empty unless {@link #withInput(byte[])}.
 *
 * <p>Thread-safe: immutable; each {@code with*} method returns a new instance.
 *
 * <pre>{@code
 * PeerCli oras = PeerCli.of("oras").withDirectory(dir);
 * oras.runOk("push", "--plain-http", registry.host() + "/repo:v1", "file.txt");
 * String digest = PeerCli.of("crane").runOk("digest", registry.host() + "/repo:v1").stdout().strip();
 * }</pre>
 */
public final class PeerCli {
  /** The default timeout of one run. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

  private final Path executable;
  private final Map<String, @Nullable String> env;
  private final @Nullable Path directory;
  private final Duration timeout;
  private final byte[] input;

  private PeerCli(
      Path executable,
      Map<String, @Nullable String> env,
      @Nullable Path directory,
      Duration timeout,
      byte[] input) {
    this.executable = executable;
    this.env = env;
    this.directory = directory;
    this.timeout = timeout;
    this.input = input;
  }

  /**
   * The peer program {@code name}; skips the calling test when it is missing, or fails it under
   * {@code CI=true}.
   */
  public static PeerCli of(String name) {
    return new PeerCli(Peers.require(name), Map.of(), null, DEFAULT_TIMEOUT, new byte[0]);
  }

  /** The program at {@code executable} (no lookup). */
  public static PeerCli at(Path executable) {
    return new PeerCli(
        Objects.requireNonNull(executable, "executable"),
        Map.of(),
        null,
        DEFAULT_TIMEOUT,
        new byte[0]);
  }

  /** The resolved executable. */
  public Path executable() {
    return executable;
  }

  /** Sets environment variable {@code name} for the runs (the rest is inherited). */
  public PeerCli withEnv(String name, String value) {
    Map<String, @Nullable String> copy = new LinkedHashMap<>(env);
    copy.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    return new PeerCli(executable, Collections.unmodifiableMap(copy), directory, timeout, input);
  }

  /** Removes inherited environment variable {@code name} for the runs. */
  public PeerCli withoutEnv(String name) {
    Map<String, @Nullable String> copy = new LinkedHashMap<>(env);
    copy.put(Objects.requireNonNull(name, "name"), null);
    return new PeerCli(executable, Collections.unmodifiableMap(copy), directory, timeout, input);
  }

  /** Runs in {@code dir} (default: this JVM's working folder). */
  public PeerCli withDirectory(Path dir) {
    return new PeerCli(executable, env, Objects.requireNonNull(dir, "dir"), timeout, input);
  }

  /** Kills the process tree and fails the run after {@code limit} (default 120 s). */
  public PeerCli withTimeout(Duration limit) {
    if (limit.isNegative() || limit.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, found " + limit);
    }
    return new PeerCli(executable, env, directory, limit, input);
  }

  /** Feeds {@code bytes} to standard input (e.g. for {@code --password-stdin}). */
  public PeerCli withInput(byte[] bytes) {
    return new PeerCli(executable, env, directory, timeout, bytes.clone());
  }

  /**
   * Runs the program with {@code args} and returns what it did, whatever its exit code.
   *
   * @throws AssertionError when it cannot start or outlives the timeout (its tree is killed)
   */
  public PeerResult run(String... args) {
    return run(Arrays.asList(args));
  }

  /** As {@link #run(String...)}. */
  public PeerResult run(List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(executable.toString());
    command.addAll(args);
    Path scratch;
    try {
      scratch = Files.createTempDirectory("ocitrust-peer-");
    } catch (IOException e) {
      throw new UncheckedIOException("no temporary folder for the output of " + executable, e);
    }
    try {
      return runIn(command, scratch);
    } finally {
      try {
        Processes.deleteTree(scratch);
      } catch (IOException e) {
        // leftover temp files do not change the result
      }
    }
  }

  /**
   * Runs the program and checks that it exited with 0.
   *
   * @throws AssertionError with command line and output when the exit code is not 0
   */
  public PeerResult runOk(String... args) {
    PeerResult result = run(args);
    if (!result.ok()) {
      throw new AssertionError("peer command failed:\n" + result.describe());
    }
    return result;
  }

  private PeerResult runIn(List<String> command, Path scratch) {
    Path out = scratch.resolve("stdout");
    Path err = scratch.resolve("stderr");
    Path in = scratch.resolve("stdin");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .redirectInput(in.toFile());
    if (directory != null) {
      builder.directory(directory.toFile());
    }
    env.forEach(
        (name, value) -> {
          if (value == null) {
            builder.environment().remove(name);
          } else {
            builder.environment().put(name, value);
          }
        });
    long started = System.nanoTime();
    Process process;
    try {
      Files.write(in, input);
      process = builder.start();
    } catch (IOException e) {
      throw new AssertionError("cannot start " + commandLine(command) + ": " + e, e);
    }
    boolean exited = Processes.waitFor(process, timeout);
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    if (!exited) {
      Processes.kill(process);
      throw new AssertionError(
          "peer command timed out after "
              + timeout
              + " and was killed (with its children):\n$ "
              + commandLine(command)
              + "\n--- stdout ---\n"
              + Processes.read(out)
              + "\n--- stderr ---\n"
              + Processes.read(err));
    }
    return new PeerResult(
        command, process.exitValue(), Processes.read(out), Processes.read(err), elapsed);
  }

  static String commandLine(List<String> command) {
    StringBuilder line = new StringBuilder();
    for (String word : command) {
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(PLAIN.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'");
    }
    return line.toString();
  }

  @Override
  public String toString() {
    return "PeerCli[" + executable + ", timeout " + timeout + "]";
  }
}
