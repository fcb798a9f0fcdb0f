package dev.ocitrust.testkit;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the peer programs (docker-registry, skopeo, oras, notation, notation-go-blob, crane,
 * htpasswd, tinyproxy) that the {@code *IT} tests drive.
 *
 * <p>A peer that is missing makes the calling test skip with the reason, except under {@code
 * CI=true}, where it fails the test: CI must never go green by skipping the tests against real
 * peers. Searched: {@code $OCITRUST_PEERS} (a folder), then each folder on {@code PATH}.
 *
 * <p>Thread-safe: stateless.
 *
 * <pre>{@code
 * Path oras = Peers.require("oras");
 * }</pre>
 */
public final class Peers {
  private Peers() {}

  /** True when running under CI ({@code CI=true}), where a missing peer is a failure. */
  public static boolean underCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /** The executable named {@code name}, if found. */
  public static Optional<Path> find(String name) {
    String extra = System.getenv("OCITRUST_PEERS");
    String path = System.getenv("PATH");
    StringBuilder dirs = new StringBuilder();
    if (extra != null && !extra.isBlank()) {
      dirs.append(extra).append(File.pathSeparator);
    }
    if (path != null) {
      dirs.append(path);
    }
    for (String dir : dirs.toString().split(File.pathSeparator, -1)) {
      if (dir.isBlank()) {
        continue;
      }
      Path candidate = Path.of(dir, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * The executable named {@code name}; skips the calling test when it is missing, or fails it under
   * {@code CI=true}.
   */
  public static Path require(String name) {
    Optional<Path> found = find(name);
    if (found.isPresent()) {
      return found.get();
    }
    String reason =
        name
            + " is not installed (run scripts/install-peers.sh and put the folder it prints on PATH)";
    if (underCi()) {
      throw new AssertionError("CI=true and " + reason);
    }
    Assumptions.abort(reason);
    throw new AssertionError("unreachable");
  }
}
