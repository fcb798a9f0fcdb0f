package dev.ocitrust.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Runs a docker credential helper ({@code docker-credential-NAME store|erase}) with a deadline, its
 * input on standard input and its output read from a file (never a pipe a hung helper could block).
 * Secrets are never part of a message.
 */
final class CredentialHelper {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final int MAX_OUTPUT = 64 * 1024;

  /** What the helper did: its exit status and (the start of) its output. */
  record Result(int exit, String output) {}

  private final String name;
  private final Duration timeout;

  CredentialHelper(String name, Duration timeout) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("invalid credential helper name '" + name + "'");
    }
    this.name = name;
    this.timeout = timeout;
  }

  /** The helper's command, {@code docker-credential-NAME}. */
  String command() {
    return "docker-credential-" + name;
  }

  /** Runs {@code action} with {@code input} on standard input. */
  Result run(String action, String input) throws IOException {
    Path out = Files.createTempFile("ocitrust-helper", ".out");
    try {
      Process process;
      try {
        process =
            new ProcessBuilder(command(), action)
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
      } catch (IOException e) {
        throw new IOException(
            "credential helper "
                + command()
                + " cannot be run (is it on the PATH?): "
                + e.getMessage(),
            e);
      }
      try {
        try (OutputStream stdin = process.getOutputStream()) {
          stdin.write(input.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
          // a helper that does not read its input fails below with its exit status
        }
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          throw new IOException(
              "credential helper " + command() + " " + action + " did not finish in " + timeout);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("interrupted while running " + command());
      } finally {
        process.destroyForcibly();
      }
      try (InputStream in = Files.newInputStream(out)) {
        return new Result(
            process.exitValue(),
            new String(in.readNBytes(MAX_OUTPUT), StandardCharsets.UTF_8).trim());
      }
    } finally {
      Files.deleteIfExists(out);
    }
  }
}
