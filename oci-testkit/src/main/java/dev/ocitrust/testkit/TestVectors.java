package dev.ocitrust.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the shared test vectors: data taken from public repositories (COSE WG examples, notation's
 * envelopes, trust stores and policies, SCITT statements and receipts, Merkle proofs), kept in a
 * folder {@code shared/vectors} beside the checkout and never copied into it.
 *
 * <p>A test that needs a vector folder which is not there is skipped, with a reason naming the
 * folder that was looked for; under {@code CI=true} it fails instead, so that CI never goes green
 * by skipping the vector tests. The folder is {@code $OCITRUST_VECTORS} when set, else the system
 * property {@code ocitrust.vectors} (the build sets it to {@code ../shared/vectors} beside the
 * checkout), else {@code ../shared/vectors} beside the first parent of the working directory that
 * holds {@code mvnw}.
 *
 * <p>Thread-safe: stateless.
 *
 * <pre>{@code
 * Path notary = TestVectors.require("notary");
 * byte[] envelope = Files.readAllBytes(notary.resolve("cose/cose_signature.sig"));
 * }</pre>
 */
public final class TestVectors {
  private TestVectors() {}

  /**
   * The vector folder {@code name} (for example {@code notary}); skips the calling test when it is
   * missing, or fails it under {@code CI=true}.
   */
  public static Path require(String name) {
    return require(root(), name, Peers.underCi());
  }

  /**
   * The vector folder {@code name} below {@code root}: skips the calling test with the reason when
   * it is missing, or fails it when {@code failWhenMissing}.
   */
  public static Path require(Path root, String name, boolean failWhenMissing) {
    Path dir = root.resolve(name);
    if (Files.isDirectory(dir)) {
      return dir;
    }
    String reason =
        "test vectors "
            + dir
            + " are missing (the shared vectors beside the checkout, see README 'Test vectors')";
    if (failWhenMissing) {
      throw new AssertionError("CI=true and " + reason);
    }
    Assumptions.abort("skipped: " + reason);
    throw new AssertionError("unreachable");
  }

  /** The vector folder {@code name}, if it is there. */
  public static Optional<Path> find(String name) {
    Path dir = root().resolve(name);
    return Files.isDirectory(dir) ? Optional.of(dir) : Optional.empty();
  }

  /** Where the vector folders are looked for. */
  public static Path root() {
    String env = System.getenv("OCITRUST_VECTORS");
    if (env != null && !env.isBlank()) {
      return Path.of(env).toAbsolutePath().normalize();
    }
    String property = System.getProperty("ocitrust.vectors");
    if (property != null && !property.isBlank()) {
      return Path.of(property).toAbsolutePath().normalize();
    }
    Path cwd = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    Path checkout = checkout(cwd);
    Path base = checkout != null && checkout.getParent() != null ? checkout.getParent() : cwd;
    return base.resolve("shared").resolve("vectors").normalize();
  }

  private static @Nullable Path checkout(Path from) {
    for (Path d = from; d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("mvnw"))) {
        return d;
      }
    }
    return null;
  }
}
