package dev.ocitrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The runnable jar that {@code bin/ocitrust} starts, as the package phase leaves it: picocli, which
 * every command loads, is Java 17 bytecode there, so that the JVM verifies it with the split
 * verifier and keeps it in the class-data sharing archive (picocli's published jar is Java 5
 * bytecode, which JDK 17 can do neither with; the build replaces it with picocli compiled from its
 * own sources). Other Java 5 classes in the jar are annotations that nothing loads at run time.
 */
class LauncherJarIT {
  private static final int JAVA_17 = 61;

  @Test
  void picocliInTheLauncherJarIsJava17Bytecode() throws IOException {
    Path jar = Checkout.root().resolve("oci-cli/target/ocitrust.jar");
    List<String> old = new ArrayList<>();
    int picocli = 0;
    try (JarFile file = new JarFile(jar.toFile())) {
      Enumeration<JarEntry> entries = file.entries();
      while (entries.hasMoreElements()) {
        JarEntry e = entries.nextElement();
        if (!e.getName().startsWith("picocli/") || !e.getName().endsWith(".class")) {
          continue;
        }
        picocli++;
        try (InputStream in = file.getInputStream(e)) {
          int major = majorVersion(in);
          if (major < JAVA_17) {
            old.add(e.getName() + " (class file version " + major + ")");
          }
        }
      }
    }
    assertThat(picocli).as("picocli classes in " + jar).isGreaterThan(100);
    assertThat(old).as("picocli classes older than Java 17 in " + jar).isEmpty();
  }

  private static int majorVersion(InputStream in) throws IOException {
    DataInputStream data = new DataInputStream(in);
    assertThat(data.readInt()).isEqualTo(0xCAFEBABE);
    data.readUnsignedShort(); // minor
    return data.readUnsignedShort();
  }
}
