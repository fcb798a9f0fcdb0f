package dev.ocitrust.policy.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
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
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new FileProblem("cannot access the trust policy " + file + ": " + e.getMessage(), e);
    }
    if (attrs.isSymbolicLink() || !attrs.isRegularFile()) {
      throw new FileProblem(
          "the trust policy " + file + " is not a regular file (symbolic links are not supported)");
    }
    if (attrs.size() > MAX_SIZE) {
      throw new FileProblem(
          "the trust policy " + file + " is " + attrs.size() + " bytes, more than " + MAX_SIZE);
    }
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      byte[] bytes = in.readNBytes((int) MAX_SIZE + 1);
      if (bytes.length > MAX_SIZE) {
        throw new FileProblem(
            "the trust policy " + file + " is larger than " + MAX_SIZE + " bytes");
      }
      return Optional.of(bytes);
    } catch (IOException e) {
      throw new FileProblem("cannot read the trust policy " + file + ": " + e.getMessage(), e);
    }
  }
}
