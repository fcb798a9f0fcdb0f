package dev.ocitrust.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The root of this checkout, for tests that read what lives beside the modules (README files,
 * {@code examples/}, {@code bin/}): the system property {@code ocitrust.checkout} that the build
 * sets, else the parent of the working folder (Maven runs a module's tests in the module).
 */
final class Checkout {
  private Checkout() {}

  static Path root() {
    String property = System.getProperty("ocitrust.checkout");
    Path root =
        (property != null ? Path.of(property) : Path.of("").toAbsolutePath().getParent())
            .toAbsolutePath()
            .normalize();
    if (!Files.isRegularFile(root.resolve("pom.xml"))
        || !Files.isDirectory(root.resolve("oci-cli"))) {
      throw new IllegalStateException(
          "not the ocitrust checkout (no pom.xml and oci-cli/ there): " + root);
    }
    return root;
  }
}
