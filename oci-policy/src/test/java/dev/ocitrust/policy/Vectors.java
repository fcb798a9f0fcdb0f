package dev.ocitrust.policy;

import static org.junit.jupiter.api.Assumptions.abort;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Locates the Notary Project test vectors in the {@code shared/vectors/notary} folder that sits
 * next to the checkout (never copied into the project). Tests that need them abort when absent.
 */
final class Vectors {
  private Vectors() {}

  /** {@code .../shared/vectors/notary}, or aborts the calling test. */
  static Path notary() {
    Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      Path candidate = d.resolve("shared").resolve("vectors").resolve("notary");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    String reason =
        "the Notary Project vectors (shared/vectors/notary next to the checkout) are not present"
            + " above "
            + dir
            + "; these tests check ocitrust against notation's own test data";
    System.out.println(reason);
    return abort(reason);
  }

  static Path file(String first, String... more) {
    Path p = notary().resolve(first);
    for (String m : more) {
      p = p.resolve(m);
    }
    return p;
  }

  static byte[] bytes(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static X509Certificate certificate(String fileName) throws Exception {
    List<X509Certificate> certs =
        dev.ocitrust.policy.internal.CertificateFiles.parse(bytes(file("x509", fileName)));
    return certs.get(0);
  }
}
