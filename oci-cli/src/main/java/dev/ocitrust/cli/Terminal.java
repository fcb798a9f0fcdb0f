package dev.ocitrust.cli;

/**
 * Whether standard error is a terminal. Java 17 cannot ask that of one stream, so the launcher
 * ({@code bin/ocitrust}) tests it ({@code [ -t 2 ]}) and passes {@code OCITRUST_STDERR_TTY=1} or
 * {@code 0}; run any other way, standard error counts as no terminal (no progress display).
 */
final class Terminal {
  /** The variable the launcher sets. */
  static final String STDERR_TTY = "OCITRUST_STDERR_TTY";

  private Terminal() {}

  static boolean stderrIsTerminal() {
    return "1".equals(System.getenv(STDERR_TTY));
  }
}
