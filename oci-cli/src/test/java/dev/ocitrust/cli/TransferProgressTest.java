package dev.ocitrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.Digest;
import dev.ocitrust.client.TransferListener.Direction;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TransferProgressTest {
  private static final long MIB = 1024 * 1024;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private final AtomicLong now = new AtomicLong(1_000_000_000L);

  private static Descriptor blob(long size, char c) {
    return Descriptor.of(
        "application/octet-stream", new Digest(Digest.SHA256, String.valueOf(c).repeat(64)), size);
  }

  private String shown() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void showsBytesRateAndTimeLeftForLargeBlobs() {
    TransferProgress p = new TransferProgress(err, now::get);
    Descriptor b = blob(100 * MIB, 'a');
    p.progress(b, Direction.UPLOAD, 0);
    now.addAndGet(2_000_000_000L);
    p.progress(b, Direction.UPLOAD, 40 * MIB);
    assertThat(shown()).endsWith("\rUploading 40.0 MiB / 100.0 MiB  20.0 MiB/s  ETA 3s");
    now.addAndGet(3_000_000_000L);
    p.progress(b, Direction.UPLOAD, 100 * MIB);
    p.close();
    assertThat(shown())
        .endsWith("Uploading 100.0 MiB / 100.0 MiB  20.0 MiB/s  ETA 0s" + System.lineSeparator());
  }

  @Test
  void redrawsAtMostFiveTimesASecond() {
    TransferProgress p = new TransferProgress(err, now::get);
    Descriptor b = blob(100 * MIB, 'b');
    for (int i = 0; i < 50; i++) {
      now.addAndGet(10_000_000L); // 10 ms
      p.progress(b, Direction.DOWNLOAD, i * MIB);
    }
    long redraws = shown().chars().filter(c -> c == '\r').count();
    assertThat(redraws).isBetween(2L, 4L);
    assertThat(shown()).contains("Downloading ");
  }

  @Test
  void smallBlobsAndNoneShowNothing() {
    TransferProgress p = new TransferProgress(err, now::get);
    p.progress(blob(TransferProgress.THRESHOLD - 1, 'c'), Direction.UPLOAD, 10);
    p.close();
    TransferProgress.none().progress(blob(100 * MIB, 'd'), Direction.UPLOAD, MIB);
    TransferProgress.none().close();
    assertThat(shown()).isEmpty();
  }

  @Test
  void unitsAndDurations() {
    assertThat(TransferProgress.size(512)).isEqualTo("512 B");
    assertThat(TransferProgress.size(1536)).isEqualTo("1.5 KiB");
    assertThat(TransferProgress.size(3L * 1024 * MIB)).isEqualTo("3.0 GiB");
    assertThat(TransferProgress.duration(59)).isEqualTo("59s");
    assertThat(TransferProgress.duration(185)).isEqualTo("3m05s");
    assertThat(TransferProgress.duration(3720)).isEqualTo("1h02m");
  }
}
