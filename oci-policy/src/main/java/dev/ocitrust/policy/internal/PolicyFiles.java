package dev.ocitrust.policy.internal;

import java.nio.file.Path;
import java.util.Optional;

/** Reads trust-policy files as notation does: regular files only, symbolic links refused. */
public final class PolicyFiles {
  /** Policies larger than this are refused (a policy is a few kilobytes). */
  public static final long MAX_SIZE = 4L * 1024 * 1024;

  private PolicyFiles() {}

  /** A refusal or I/O failure with a message naming the file. */
  public static final class FileProblem extends Exception {
    private static final long serialVersionUID = 1L;

    FileProblem(String message, Throwable cause) {
      super(message, cause);
    }

    FileProblem(String message) {
      super(message);
    }
  }

  /**
   * Reads {@code file}, or returns empty if it does not exist.
   *
   * @throws FileProblem if it is a directory, a link or another non-regular file, is too large, or
   *     cannot be read
   */
  public static Optional<byte[]> readIfExists(Path file) throws FileProblem {
    try {
      return Optional.of(BoundedFiles.read(file, (int) MAX_SIZE));
    } catch (BoundedFiles.Refused e) {
      return switch (e.reason()) {
        case MISSING -> Optional.empty();
        case INACCESSIBLE ->
            throw new FileProblem(
                "cannot access the trust policy " + file + ": " + e.failure().getMessage(),
                e.failure());
        case SYMBOLIC_LINK, DIRECTORY, NOT_REGULAR ->
            throw new FileProblem(
                "the trust policy "
                    + file
                    + " is not a regular file (symbolic links are not supported)");
        case TOO_LARGE ->
            throw new FileProblem(
                "the trust policy " + file + " is " + e.size() + " bytes, more than " + MAX_SIZE);
        case GREW ->
            throw new FileProblem(
                "the trust policy " + file + " is larger than " + MAX_SIZE + " bytes");
        case UNREADABLE ->
            throw new FileProblem(
                "cannot read the trust policy " + file + ": " + e.failure().getMessage(),
                e.failure());
      };
    }
  }
}
