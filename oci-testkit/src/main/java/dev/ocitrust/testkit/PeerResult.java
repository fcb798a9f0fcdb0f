package dev.ocitrust.testkit;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a peer program run by {@link PeerCli} did: its command line, exit code and captured output.
 *
 * <p>Thread-safe: immutable.
 *
 * <pre>{@code
 * PeerResult r = PeerCli.of("crane").run("digest", host + "/repo:v1");
 * if (r.exitCode() != 0) { ... r.stderr() ... }
 * }</pre>
 *
 * @param command the program and its arguments
 * @param exitCode the exit code
 * @param stdout standard output (UTF-8)
 * @param stderr standard error (UTF-8)
 * @param elapsed wall time from start to exit
 */
public record PeerResult(
    List<String> command, int exitCode, String stdout, String stderr, Duration elapsed) {
  /** Copies the command. */
  public PeerResult {
    command = List.copyOf(command);
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(stderr, "stderr");
    Objects.requireNonNull(elapsed, "elapsed");
  }

  /** True when the exit code is 0. */
  public boolean ok() {
    return exitCode == 0;
  }

  /** The command line, arguments with spaces or quotes single-quoted, for messages. */
  public String commandLine() {
    return PeerCli.commandLine(command);
  }

  /** A multi-line description: command line, exit code, time, stdout, stderr. */
  public String describe() {
    return "$ "
        + commandLine()
        + "\nexit "
        + exitCode
        + " after "
        + elapsed.toMillis()
        + " ms\n--- stdout ---\n"
        + stdout
        + "\n--- stderr ---\n"
        + stderr;
  }
}
