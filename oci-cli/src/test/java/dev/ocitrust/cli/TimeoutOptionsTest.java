package dev.ocitrust.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ocitrust.client.Timeouts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class TimeoutOptionsTest {
  private static Timeouts parse(String... args) {
    TimeoutOptions o = new TimeoutOptions();
    new CommandLine(o).parseArgs(args);
    return o.timeouts();
  }

  @Test
  void withoutOptionsTheDefaultsHold() {
    assertThat(parse()).isEqualTo(Timeouts.defaults());
  }

  @Test
  void eachOptionSetsItsLimit() {
    Timeouts t =
        parse(
            "--connect-timeout", "500ms",
            "--read-timeout", "2m",
            "--request-timeout", "0",
            "--min-rate", "65536",
            "--stall-period", "10s");
    assertThat(t.connect()).isEqualTo(Duration.ofMillis(500));
    assertThat(t.read()).isEqualTo(Duration.ofMinutes(2));
    assertThat(t.write()).isEqualTo(Duration.ofMinutes(2));
    assertThat(t.request()).isEqualTo(Duration.ZERO);
    assertThat(t.minRate()).isEqualTo(65536);
    assertThat(t.stallPeriod()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void badValuesNameTheOption() {
    assertThatThrownBy(() -> parse("--request-timeout", "30"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--request-timeout: expected a duration such as 500ms, 30s, 2m or 0, got '30'");
    assertThatThrownBy(() -> parse("--stall-period", "5ms"))
        .hasMessageStartingWith("--stall-period: expected 100ms or more");
    assertThatThrownBy(() -> parse("--min-rate", "-1")).hasMessageStartingWith("--min-rate");
  }

  @Test
  void aRegistryThatNeverAnswersFailsAtTheRequestDeadlineNamingTheHost() throws Exception {
    List<Socket> held = new CopyOnWriteArrayList<>();
    try (ServerSocket silent = new ServerSocket()) {
      silent.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      Thread t =
          new Thread(
              () -> {
                while (!silent.isClosed()) {
                  try {
                    held.add(silent.accept());
                  } catch (IOException e) {
                    return;
                  }
                }
              });
      t.setDaemon(true);
      t.start();
      String host = "127.0.0.1:" + silent.getLocalPort();
      long start = System.nanoTime();
      MainTest.Result r =
          MainTest.run("resolve", "--plain-http", "--request-timeout", "1s", host + "/repo:v1");
      assertThat(r.status()).isEqualTo(1);
      assertThat(r.err())
          .contains(host + ": HEAD http://" + host + "/v2/repo/manifests/v1")
          .endsWith("within the request deadline of 1 s" + System.lineSeparator());
      // the 1 s deadline, not four 60 s read timeouts (a loaded machine may add seconds)
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    } finally {
      for (Socket s : held) {
        s.close();
      }
    }
  }
}
