package dev.ocitrust.cli;

import dev.ocitrust.client.OciException;
import dev.ocitrust.client.OciLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Opens an OCI image layout the way a command needs it: reading never writes (nor makes a folder),
 * updating needs an existing layout, creating makes one only in a missing or empty folder. A folder
 * that is not a layout is an error that says so, whatever the command.
 */
final class LayoutAccess {
  private LayoutAccess() {}

  /** Opens {@code folder} for {@code access}. */
  static OciLayout open(Path folder, TargetSpec.Access access) throws IOException {
    return switch (access) {
      case READ -> OciLayout.read(folder);
      case UPDATE -> {
        OciLayout.read(folder); // exists and is a layout: checked before anything is written
        yield OciLayout.open(folder);
      }
      case CREATE -> create(folder);
    };
  }

  private static OciLayout create(Path folder) throws IOException {
    if (Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)
        && !Files.exists(folder.resolve("oci-layout"), LinkOption.NOFOLLOW_LINKS)
        && !isEmpty(folder)) {
      throw new OciException(
          folder.toAbsolutePath().normalize()
              + " is not an OCI image layout (it has no oci-layout file) and is not empty:"
              + " name a new or empty folder, or a layout");
    }
    return OciLayout.open(folder);
  }

  private static boolean isEmpty(Path folder) throws IOException {
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.findAny().isEmpty();
    }
  }
}
