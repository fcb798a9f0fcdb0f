package dev.ocitrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MainTest {
  @Test
  void versionPrintsTheNameAndExitsZero() {
    Result r = run("--version");
    assertThat(r.status).isZero();
    assertThat(r.out).startsWith("ocitrust ").contains("Java ");
  }

  @Test
  void helpDescribesTheCommand() {
    Result r = run("--help");
    assertThat(r.status).isZero();
    assertThat(r.out).contains("Usage: ocitrust").contains("--version");
  }

  @Test
  void anUnknownOptionIsAUsageError() {
    Result r = run("--no-such-option");
    assertThat(r.status).isEqualTo(2);
    assertThat(r.err).contains("Unknown option: '--no-such-option'");
  }

  @Test
  void anErrorWithoutAMessageIsNamedByItsType() {
    assertThat(Main.describe(new NullPointerException()))
        .isEqualTo("java.lang.NullPointerException");
    assertThat(
            Main.describe(
                new IllegalStateException("copy failed", new java.io.IOException((String) null))))
        .isEqualTo("copy failed: java.io.IOException");
    assertThat(
            Main.describe(
                new java.io.IOException(
                    "fetch failed", new java.io.IOException("connection reset"))))
        .isEqualTo("fetch failed: connection reset");
  }

  record Result(int status, String out, String err) {}

  static Result run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int status = Main.run(args);
      return new Result(
          status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }
}
