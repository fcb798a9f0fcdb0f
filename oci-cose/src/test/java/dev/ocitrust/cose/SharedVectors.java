package dev.ocitrust.cose;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/** Finds {@code <checkout>/../shared/vectors} by walking up from {@code user.dir}. */
final class SharedVectors {
  private SharedVectors() {}

  /** The vectors folder, if it is there. */
  static Optional<Path> find(String sub) {
    for (Path d = start(); d != null; d = d.getParent()) {
      Path candidate = d.resolve("shared").resolve("vectors").resolve(sub);
      if (Files.isDirectory(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** The vectors folder, or aborts the calling test with the reason. */
  static Path dir(String sub) {
    Optional<Path> dir = find(sub);
    if (dir.isPresent()) {
      return dir.get();
    }
    String reason = missing(sub) + "; skipping vector tests";
    System.out.println(reason);
    Assumptions.abort(reason);
    throw new AssertionError("unreachable");
  }

  /** Why {@link #find} came back empty. */
  static String missing(String sub) {
    return "shared/vectors/"
        + sub
        + " not found in any parent of "
        + start()
        + " (expected <checkout>/../shared/vectors)";
  }

  private static Path start() {
    return Path.of(System.getProperty("user.dir")).toAbsolutePath();
  }
}
