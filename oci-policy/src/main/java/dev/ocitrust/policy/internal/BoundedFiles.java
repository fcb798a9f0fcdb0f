package dev.ocitrust.policy.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import org.jspecify.annotations.Nullable;

/**
 * Reads a small regular file without following symbolic links and never more than a limit, even if
 * the file grows between the size check and the read. Callers word the refusals themselves, from
 * {@link Refused#reason()}.
 */
public final class BoundedFiles {
  private BoundedFiles() {}

  /** Why a file was not read. */
  public enum Reason {
    /** It does not exist. */
    MISSING,
    /** Its attributes cannot be read. */
    INACCESSIBLE,
    /** It is a symbolic link. */
    SYMBOLIC_LINK,
    /** It is a directory. */
    DIRECTORY,
    /** It is neither a regular file nor a directory nor a link. */
    NOT_REGULAR,
    /** Its size is over the limit ({@link Refused#size()}). */
    TOO_LARGE,
    /** It grew past the limit while it was read. */
    GREW,
    /** Reading it failed. */
    UNREADABLE
  }

  /** A file that was not read; the cause is the I/O failure, if there was one. */
  public static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    private final Reason reason;
    private final long size;

    Refused(Reason reason, long size, @Nullable IOException cause) {
      super(reason + (cause == null ? "" : ": " + cause.getMessage()), cause);
      this.reason = reason;
      this.size = size;
    }

    /** Why. */
    public Reason reason() {
      return reason;
    }

    /** The I/O failure ({@link Reason#INACCESSIBLE}, {@link Reason#UNREADABLE}), else this. */
    public Throwable failure() {
      Throwable cause = getCause();
      return cause == null ? this : cause;
    }

    /** The size the file had when it was looked at, or -1 if it was not. */
    public long size() {
      return size;
    }
  }

  /**
   * The bytes of {@code file}, at most {@code max}.
   *
   * @throws Refused if it is missing, not a regular file (links are not followed), larger than
   *     {@code max}, or cannot be read
   * @throws IllegalArgumentException if {@code max} is negative or {@link Integer#MAX_VALUE}
   */
  public static byte[] read(Path file, int max) throws Refused {
    if (max < 0 || max == Integer.MAX_VALUE) {
      throw new IllegalArgumentException("max must be in [0, Integer.MAX_VALUE), found " + max);
    }
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      throw new Refused(Reason.MISSING, -1, e);
    } catch (IOException e) {
      throw new Refused(Reason.INACCESSIBLE, -1, e);
    }
    if (attrs.isSymbolicLink()) {
      throw new Refused(Reason.SYMBOLIC_LINK, attrs.size(), null);
    }
    if (attrs.isDirectory()) {
      throw new Refused(Reason.DIRECTORY, attrs.size(), null);
    }
    if (!attrs.isRegularFile()) {
      throw new Refused(Reason.NOT_REGULAR, attrs.size(), null);
    }
    if (attrs.size() > max) {
      throw new Refused(Reason.TOO_LARGE, attrs.size(), null);
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      bytes = in.readNBytes(max + 1);
    } catch (IOException e) {
      throw new Refused(Reason.UNREADABLE, attrs.size(), e);
    }
    if (bytes.length > max) {
      throw new Refused(Reason.GREW, bytes.length, null);
    }
    return bytes;
  }
}
