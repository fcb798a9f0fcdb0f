package dev.ocitrust.policy;

import dev.ocitrust.testkit.TestVectors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The Notary Project test vectors ({@code notary} of the shared vectors beside the checkout, never
 * copied into the project): files and certificates by name.
 */
final class Vectors {
  private Vectors() {}

  /** The notary vector folder, or skips the calling test (fails it under CI=true). */
  static Path notary() {
    return TestVectors.require("notary");
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
