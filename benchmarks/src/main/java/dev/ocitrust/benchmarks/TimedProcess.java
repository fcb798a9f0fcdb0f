package dev.ocitrust.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One command run as a process under GNU {@code /usr/bin/time}: its wall time, CPU seconds (user
 * and system, children included) and peak resident memory. A command that fails or outlives its
 * deadline aborts the benchmark with its output.
 *
 * @param wall seconds from start to exit
 * @param cpu user plus system CPU seconds
 * @param rssMib peak resident set size in MiB
 * @param output what it wrote on standard output and standard error
 */
record TimedProcess(double wall, double cpu, double rssMib, String output) {
  private static final long DEADLINE_SECONDS = 600;

  /** Runs {@code command} with {@code env} added to this process's environment. */
  static TimedProcess run(List<String> command, Map<String, String> env) throws IOException {
    Path times = Files.createTempFile("ocitrust-bench-time", ".txt");
    Path log = Files.createTempFile("ocitrust-bench", ".log");
    try {
      List<String> timed =
          new ArrayList<>(List.of("/usr/bin/time", "-f", "%U %S %M", "-o", times.toString()));
      timed.addAll(command);
      ProcessBuilder pb =
          new ProcessBuilder(timed).redirectErrorStream(true).redirectOutput(log.toFile());
      pb.environment().putAll(env);
      long start = System.nanoTime();
      Process p = pb.start();
      try {
        if (!p.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new IOException("timed out after " + DEADLINE_SECONDS + " s: " + command);
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new IOException("interrupted: " + command, e);
      }
      double wall = (System.nanoTime() - start) / 1e9;
      String output = Files.readString(log);
      if (p.exitValue() != 0) {
        throw new IOException(
            "failed (" + p.exitValue() + "): " + String.join(" ", command) + "\n" + output);
      }
      String[] t =
          Files.readString(times).trim().lines().reduce((a, b) -> b).orElseThrow().split(" ", -1);
      return new TimedProcess(
          wall,
          Double.parseDouble(t[0]) + Double.parseDouble(t[1]),
          Long.parseLong(t[2]) / 1024.0,
          output);
    } finally {
      Files.deleteIfExists(times);
      Files.deleteIfExists(log);
    }
  }
}
