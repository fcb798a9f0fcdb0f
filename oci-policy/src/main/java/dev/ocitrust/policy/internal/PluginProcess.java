package dev.ocitrust.policy.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one plugin command as notation does: {@code <executable> <command>}, the request on stdin,
 * the answer on stdout (exit 0) or an error on stderr (exit 1). Every run has a deadline after
 * which the process is killed, and stdout and stderr are each read up to a cap, past which the
 * process is killed too, so a hung or babbling plugin can neither block nor exhaust the caller.
 *
 * <p>Thread-safe: stateless; each run uses its own three short-lived threads (stdin, stdout,
 * stderr), so a plugin that does not read its input cannot dead-lock against a full pipe.
 */
public final class PluginProcess {
  private PluginProcess() {}

  /** How a run ended. */
  public enum Ending {
    /** The process exited by itself ({@link Outcome#exitCode()}). */
    EXITED,
    /** The deadline passed and the process was killed. */
    TIMED_OUT,
    /** stdout or stderr went past the cap and the process was killed. */
    TOO_MUCH_OUTPUT
  }

  /** What a run gave back. */
  public static final class Outcome {
    private final Ending ending;
    private final int exitCode;
    private final byte[] stdout;
    private final byte[] stderr;

    Outcome(Ending ending, int exitCode, byte[] stdout, byte[] stderr) {
      this.ending = ending;
      this.exitCode = exitCode;
      this.stdout = stdout;
      this.stderr = stderr;
    }

    /** How the run ended. */
    public Ending ending() {
      return ending;
    }

    /** The exit code ({@code -1} if the process was killed at the deadline). */
    public int exitCode() {
      return exitCode;
    }

    /** What the process wrote to stdout (a copy). */
    public byte[] stdout() {
      return stdout.clone();
    }

    /** What the process wrote to stderr (a copy). */
    public byte[] stderr() {
      return stderr.clone();
    }
  }

  /**
   * Runs {@code executable command} with {@code stdin} as input.
   *
   * @param environment extra environment variables (merged over the caller's)
   * @throws IOException if the process cannot be started
   * @throws InterruptedException if the calling thread is interrupted (the process is killed)
   */
  public static Outcome run(
      Path executable,
      String command,
      byte[] stdin,
      Map<String, String> environment,
      Duration timeout,
      int maxOutputBytes)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(List.of(executable.toString(), command));
    pb.environment().putAll(environment);
    Process process = pb.start();
    AtomicBoolean overflow = new AtomicBoolean();
    Capture out = new Capture(process.getInputStream(), maxOutputBytes, overflow, process);
    Capture err = new Capture(process.getErrorStream(), maxOutputBytes, overflow, process);
    Thread writer =
        daemon(
            () -> {
              try (OutputStream in = process.getOutputStream()) {
                in.write(stdin);
              } catch (IOException e) {
                // the plugin closed its stdin early; its exit code and output say the rest
              }
            },
            "plugin-stdin");
    Thread outReader = daemon(out, "plugin-stdout");
    Thread errReader = daemon(err, "plugin-stderr");
    boolean exited;
    try {
      exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      kill(process);
      throw e;
    }
    if (!exited) {
      kill(process);
    }
    writer.join(1000);
    outReader.join(1000);
    errReader.join(1000);
    Ending ending =
        overflow.get() ? Ending.TOO_MUCH_OUTPUT : exited ? Ending.EXITED : Ending.TIMED_OUT;
    return new Outcome(ending, exited ? process.exitValue() : -1, out.bytes(), err.bytes());
  }

  private static void kill(Process process) throws InterruptedException {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    process.waitFor(5, TimeUnit.SECONDS);
  }

  private static Thread daemon(Runnable body, String name) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  /** Reads one stream up to the cap; past it, flags the overflow and kills the process. */
  private static final class Capture implements Runnable {
    private final InputStream in;
    private final int max;
    private final AtomicBoolean overflow;
    private final Process process;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    Capture(InputStream in, int max, AtomicBoolean overflow, Process process) {
      this.in = in;
      this.max = max;
      this.overflow = overflow;
      this.process = process;
    }

    @Override
    public void run() {
      byte[] chunk = new byte[8192];
      try (in) {
        int n;
        while ((n = in.read(chunk)) > 0) {
          synchronized (buffer) {
            if (buffer.size() + n > max) {
              overflow.set(true);
              process.descendants().forEach(ProcessHandle::destroyForcibly);
              process.destroyForcibly();
              return;
            }
            buffer.write(chunk, 0, n);
          }
        }
      } catch (IOException e) {
        // the process was killed while we read: the ending says why
      }
    }

    byte[] bytes() {
      synchronized (buffer) {
        return buffer.toByteArray();
      }
    }
  }
}
