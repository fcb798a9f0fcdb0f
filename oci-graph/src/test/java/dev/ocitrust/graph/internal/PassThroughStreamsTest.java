package dev.ocitrust.graph.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ocitrust.client.ContentVerificationException;
import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.internal.VerifiedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The copy's stream wrappers answer for the verifying stream they pass through. */
class PassThroughStreamsTest {
  private static final byte[] CONTENT = "a layer".getBytes(StandardCharsets.UTF_8);
  private static final Descriptor D = Descriptor.of("application/octet-stream", CONTENT);

  @Test
  void wrappersOfAVerifyingStreamVerifyItsDescriptorOnly() throws IOException {
    AtomicInteger opened = new AtomicInteger();
    AtomicLong counted = new AtomicLong();
    LazyInputStream lazy =
        new LazyInputStream(
            () -> {
              opened.incrementAndGet();
              return new CountingInputStream(
                  new VerifiedInputStream(new ByteArrayInputStream(CONTENT), D, "test"),
                  counted::addAndGet);
            });
    assertThat(opened).hasValue(0);
    Descriptor other = Descriptor.of("application/octet-stream", new byte[] {1});
    assertThat(lazy.verifiesFromStart(other)).isFalse();
    assertThat(lazy.verifiesFromStart(D)).isTrue();
    assertThat(opened).hasValue(1);
    assertThat(lazy.readAllBytes()).isEqualTo(CONTENT);
    assertThat(counted).hasValue(CONTENT.length);
    assertThat(lazy.verifiesFromStart(D)).isFalse(); // read already
  }

  @Test
  void wrappersOfAPlainStreamDoNotClaimToVerify() throws IOException {
    LazyInputStream lazy = new LazyInputStream(() -> new ByteArrayInputStream(CONTENT));
    assertThat(lazy.verifiesFromStart(D)).isFalse();
    CountingInputStream counting =
        new CountingInputStream(new ByteArrayInputStream(CONTENT), n -> {});
    assertThat(counting.verifiesFromStart(D)).isFalse();
  }

  @Test
  void wrongContentStillFailsThroughTheWrappers() {
    byte[] tampered = CONTENT.clone();
    tampered[0] ^= 1;
    CountingInputStream counting =
        new CountingInputStream(
            new VerifiedInputStream(new ByteArrayInputStream(tampered), D, "test"), n -> {});
    assertThatThrownBy(counting::readAllBytes).isInstanceOf(ContentVerificationException.class);
  }
}
