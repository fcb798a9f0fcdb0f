package dev.ocitrust.policy.internal;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The names of detached (blob) signature files, {@code <file>.<format>.sig} (the Notary Project
 * signing workflow): {@code cose} for COSE envelopes, {@code jws} for JWS envelopes. The format of
 * a signature file is read from its name, as notation does.
 */
public final class BlobSignatureFiles {
  /** The extension of a COSE signature file. */
  public static final String COSE = "cose";

  /** The extension of a JWS signature file. */
  public static final String JWS = "jws";

  private BlobSignatureFiles() {}

  /** {@code <blob's file name>.<format>.sig}. */
  public static String name(Path blob, String format) {
    Path name = blob.getFileName();
    if (name == null) {
      throw new IllegalArgumentException(blob + " has no file name");
    }
    return name + "." + format + ".sig";
  }

  /**
   * The format named by {@code signature}'s file name ({@code cose} or {@code jws}, in any case, as
   * notation reads it), if any.
   */
  public static Optional<String> format(Path signature) {
    Path name = signature.getFileName();
    String n = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
    for (String format : new String[] {COSE, JWS}) {
      if (n.endsWith("." + format + ".sig") && n.length() > format.length() + 5) {
        return Optional.of(format);
      }
    }
    return Optional.empty();
  }
}
