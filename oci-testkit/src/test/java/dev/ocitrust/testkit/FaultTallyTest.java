package dev.ocitrust.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ocitrust.testkit.FaultTally.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaultTallyTest {
  @TempDir Path dir;

  @Test
  void anErrorIsTypedOnlyWhenOfTheTypeAndNamingEverythingAsked() {
    Throwable named =
        FaultTally.thrownBy(
            () -> {
              throw new IOException("127.0.0.1:5000: connection refused");
            });
    assertThat(FaultTally.typedError(named, IOException.class, "127.0.0.1:5000"))
        .isEqualTo(Outcome.TYPED_ERROR);
    assertThat(FaultTally.typedError(named, IOException.class, "127.0.0.1:5000", "proxy"))
        .isEqualTo(Outcome.UNTYPED_ERROR);
    assertThat(FaultTally.typedError(named, java.io.FileNotFoundException.class))
        .isEqualTo(Outcome.UNTYPED_ERROR);
    Throwable none = FaultTally.thrownBy(() -> {});
    assertThat(none).isNull();
    assertThat(FaultTally.typedError(none, IOException.class)).isEqualTo(Outcome.UNTYPED_ERROR);
  }

  @Test
  void lossIsCountedFromWhatWasSentAndWhatIsHeld() {
    byte[] sent = "sent".getBytes(StandardCharsets.UTF_8);
    assertThat(FaultTally.bytesLost(sent, sent.clone())).isZero();
    assertThat(FaultTally.bytesLost(sent, "sen".getBytes(StandardCharsets.UTF_8))).isEqualTo(4);
    assertThat(FaultTally.bytesLost(sent, null)).isEqualTo(4);
    assertThat(FaultTally.missing(List.of("a", "b", "c"), List.of("c", "a", "x"))).isEqualTo(1);
    assertThat(FaultTally.missing(List.of("a"), List.of("a"))).isZero();
  }

  @Test
  void recordsAppendOneLinePerFault() throws IOException {
    Path file = dir.resolve("tally.tsv");
    String old = System.getProperty("ocitrust.faultTally");
    System.setProperty("ocitrust.faultTally", file.toString());
    try {
      FaultTally.record(getClass(), "cut", Outcome.SURVIVED, 0);
      FaultTally.record(getClass(), "stall", Outcome.TYPED_ERROR, 3);
    } finally {
      if (old == null) {
        System.clearProperty("ocitrust.faultTally");
      } else {
        System.setProperty("ocitrust.faultTally", old);
      }
    }
    assertThat(Files.readAllLines(file))
        .containsExactly(
            "FaultTallyTest\tcut\tSURVIVED\t0", "FaultTallyTest\tstall\tTYPED_ERROR\t3");
    assertThatThrownBy(() -> FaultTally.record(getClass(), "two\nlines", Outcome.SURVIVED, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
