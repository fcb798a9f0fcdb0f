package dev.ocitrust.cli;

import dev.ocitrust.client.MediaTypes;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A {@code FILE[:MEDIATYPE]} argument, as oras writes them: the media type is what follows the last
 * {@code :} when that holds a {@code /}; it must be a valid media type (RFC 6838), and the file a
 * regular file (not a folder, device or pipe).
 *
 * @param file the file
 * @param mediaType its media type, {@code fallback} when none is written
 */
record FileArgument(Path file, String mediaType) {
  /** Parses {@code arg}; {@code fallback} is the media type when none is written. */
  static FileArgument parse(String arg, String fallback) {
    int colon = arg.lastIndexOf(':');
    boolean typed = colon > 0 && arg.indexOf('/', colon) > 0;
    String path = typed ? arg.substring(0, colon) : arg;
    String mediaType = typed ? arg.substring(colon + 1) : fallback;
    if (!MediaTypes.isValid(mediaType)) {
      throw new IllegalArgumentException(
          "'" + arg + "': '" + mediaType + "' is not a media type (type/subtype, RFC 6838)");
    }
    Path file = Path.of(path);
    if (!Files.exists(file)) {
      throw new IllegalArgumentException(file + " does not exist");
    }
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(file + " is not a regular file");
    }
    return new FileArgument(file, mediaType);
  }
}
