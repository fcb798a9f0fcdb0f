package dev.ocitrust.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

class TimeoutsTest {
  @Test
  void theDefaultsAreTheDocumentedOnes() {
    Timeouts d = Timeouts.defaults();
    assertThat(d.connect()).isEqualTo(Duration.ofSeconds(15));
    assertThat(d.read()).isEqualTo(Duration.ofSeconds(60));
    assertThat(d.write()).isEqualTo(Duration.ofSeconds(60));
    assertThat(d.request()).isEqualTo(Duration.ofMinutes(2));
    assertThat(d.minRate()).isEqualTo(1024);
    assertThat(d.stallPeriod()).isEqualTo(Duration.ofSeconds(30));
    assertThat(d.stallRule()).isTrue();
    assertThat(Timeouts.none().stallRule()).isFalse();
    assertThat(d.toBuilder().build()).isEqualTo(d).hasSameHashCodeAs(d);
  }

  @Test
  void badLimitsAreRefused() {
    assertThatThrownBy(() -> Timeouts.builder().read(Duration.ofSeconds(-1)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("negative");
    assertThatThrownBy(() -> Timeouts.builder().minRate(-1, Duration.ofSeconds(1)).build())
        .hasMessageContaining("minRate");
    assertThatThrownBy(() -> Timeouts.builder().minRate(1, Duration.ofMillis(10)).build())
        .hasMessageContaining("100 ms");
  }

  @Test
  void aClientSaysWhichLimitsAreInForce() {
    // README: timeouts
    Timeouts limits =
        Timeouts.builder()
            .connect(Duration.ofSeconds(5))
            .request(Duration.ofSeconds(30)) // each request, all its retries included
            .minRate(64 * 1024, Duration.ofSeconds(10)) // a blob under 64 KiB/s for 10 s fails
            .build();
    try (RegistryClient client =
        RegistryClient.builder()
            .timeouts(limits)
            .chunkSize(8 * 1024 * 1024) // chunked uploads resume after a broken connection
            .build()) {
      System.out.println(client.timeouts());
    }
    // END README
    try (RegistryClient client = RegistryClient.builder().timeouts(limits).build()) {
      assertThat(client.timeouts()).isEqualTo(limits);
    }
    // an injected OkHttp client keeps its own socket timeouts unless timeouts are set
    OkHttpClient own = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(7)).build();
    try (RegistryClient client = RegistryClient.builder().okHttpClient(own).build()) {
      assertThat(client.timeouts().read()).isEqualTo(Duration.ofSeconds(7));
      assertThat(client.timeouts().request()).isEqualTo(Duration.ofMinutes(2));
    }
    try (RegistryClient client =
        RegistryClient.builder().okHttpClient(own).timeouts(limits).build()) {
      assertThat(client.timeouts().read()).isEqualTo(Duration.ofSeconds(60));
    }
  }
}
