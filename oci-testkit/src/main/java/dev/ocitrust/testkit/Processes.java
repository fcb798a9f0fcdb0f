package dev.ocitrust.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/** Process and file chores shared by the test kit (package-private; stateless). */
final class Processes {
  private Processes() {}

  /**
   * Stops {@code process} and the descendants it has now: SIGTERM, a bounded wait, then SIGKILL.
   * Only these PIDs are signalled.
   */
  static void stop(Process process, Duration grace) {
    List<ProcessHandle> descendants = process.descendants().collect(Collectors.toList());
    process.destroy();
    descendants.forEach(ProcessHandle::destroy);
    if (!waitFor(process, grace)) {
      process.destroyForcibly();
      waitFor(process, Duration.ofSeconds(5));
    }
    for (ProcessHandle child : descendants) {
      if (child.isAlive()) {
        child.destroyForcibly();
      }
    }
    awaitExit(descendants, Duration.ofSeconds(5));
  }

  /** Kills {@code process} and its current descendants at once (SIGKILL), then waits a bit. */
  static void kill(Process process) {
    List<ProcessHandle> descendants = process.descendants().collect(Collectors.toList());
    process.destroyForcibly();
    descendants.forEach(ProcessHandle::destroyForcibly);
    waitFor(process, Duration.ofSeconds(5));
    awaitExit(descendants, Duration.ofSeconds(5));
  }

  /** Waits, bounded, until none of {@code handles} is alive any more. */
  static void awaitExit(List<ProcessHandle> handles, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (ProcessHandle handle : handles) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      try {
        handle.onExit().get(left, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (ExecutionException | TimeoutException e) {
        return;
      }
    }
  }

  static boolean waitFor(Process process, Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    }
  }

  /** The file's text (UTF-8, malformed bytes replaced), or "" when it does not exist. */
  static String read(Path file) {
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return "";
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** The last {@code lines} lines of {@code text}. */
  static String tail(String text, int lines) {
    String[] all = text.split("\n", -1);
    int from = Math.max(0, all.length - lines);
    return String.join("\n", java.util.Arrays.asList(all).subList(from, all.length));
  }

  /** Deletes {@code dir} and everything in it; missing is fine. */
  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.deleteIfExists(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
            if (e != null) {
              throw e;
            }
            Files.deleteIfExists(d);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
