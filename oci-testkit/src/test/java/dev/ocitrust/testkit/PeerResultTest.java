package dev.ocitrust.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeerResultTest {
  @Test
  void commandLineQuotesWhatTheShellWouldSplit() {
    PeerResult r =
        new PeerResult(
            List.of("/bin/oras", "push", "a b", "it's", "127.0.0.1:5000/x:v1"),
            1,
            "out",
            "err",
            Duration.ofMillis(12));
    assertThat(r.commandLine()).isEqualTo("/bin/oras push 'a b' 'it'\\''s' 127.0.0.1:5000/x:v1");
    assertThat(r.ok()).isFalse();
    assertThat(r.describe()).contains("exit 1 after 12 ms", "out", "err");
  }
}
