package dev.ocitrust.cose;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Finds {@code <checkout>/../shared/vectors} by walking up from {@code user.dir}. */
final class SharedVectors {
  private SharedVectors() {}

  /** The vectors folder, or aborts the calling test with the reason. */
  static Path dir(String sub) {
    Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    for (Path d = start; d != null; d = d.getParent()) {
      Path candidate = d.resolve("shared").resolve("vectors").resolve(sub);
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    String reason = "shared/vectors/" + sub + " not found in any parent of " + start
        + " (expected <checkout>/../shared/vectors); skipping vector tests";
    System.out.println(reason);
    Assumptions.abort(reason);
    throw new AssertionError("unreachable");
  }
}
