package dev.ocitrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 1 GiB blob is signed and verified by the real {@code bin/ocitrust} in a JVM whose heap is
 * capped at 64 MiB: both read the blob as a stream, so neither runs out of memory (a 1 GiB buffer
 * cannot exist in that heap), and the verification still sees a changed last byte. The file is
 * sparse, so it takes no disk. Not timed: the deadline only stops a hung process.
 */
class BlobStreamingIT {
  private static final long GIB = 1L << 30;

  @TempDir Path dir;

  private ProcessResult ocitrust(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>();
    command.add(Checkout.root().resolve("bin/ocitrust").toString());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("OCITRUST_JAVA_OPTS", "-Xmx64m");
    Path log = Files.createTempFile(dir, "ocitrust-", ".log");
    Process p = pb.redirectOutput(log.toFile()).start();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("bin/ocitrust " + String.join(" ", args) + " did not finish");
    }
    return new ProcessResult(p.exitValue(), Files.readString(log));
  }

  private record ProcessResult(int status, String output) {}

  @Test
  void aOneGibBlobSignsAndVerifiesInA64MibHeap() throws Exception {
    CliFixture f = new CliFixture(dir);
    Files.writeString(
        f.config.resolve("trustpolicy.blob.json"),
        "{\"version\":\"1.0\",\"trustPolicies\":[{\"name\":\"wabbit\",\"globalPolicy\":true,"
            + "\"signatureVerification\":{\"level\":\"strict\"},\"trustStores\":[\"ca:wabbit\"],"
            + "\"trustedIdentities\":[\"*\"]}]}");
    Path blob = dir.resolve("disk.img");
    try (RandomAccessFile raf = new RandomAccessFile(blob.toFile(), "rw")) {
      raf.setLength(GIB);
    }
    ProcessResult signed =
        ocitrust(
            "blob",
            "sign",
            "--key",
            f.wabbitKey.toString(),
            "--cert",
            f.wabbitCert.toString(),
            "--signature-directory",
            dir.toString(),
            blob.toString());
    assertThat(signed.status()).as(signed.output()).isZero();
    Path sig = dir.resolve("disk.img.cose.sig");

    ProcessResult verified =
        ocitrust(
            "blob",
            "verify",
            "--config",
            f.config.toString(),
            "--signature",
            sig.toString(),
            blob.toString());
    assertThat(verified.status()).as(verified.output()).isZero();
    assertThat(verified.output()).contains(", " + GIB + " bytes) verified");

    try (RandomAccessFile raf = new RandomAccessFile(blob.toFile(), "rw")) {
      raf.seek(GIB - 1);
      raf.write(1);
    }
    ProcessResult tampered =
        ocitrust(
            "blob",
            "verify",
            "--config",
            f.config.toString(),
            "--signature",
            sig.toString(),
            blob.toString());
    assertThat(tampered.status()).as(tampered.output()).isEqualTo(1);
    assertThat(tampered.output()).contains("digest mismatch").doesNotContain("OutOfMemoryError");
  }
}
