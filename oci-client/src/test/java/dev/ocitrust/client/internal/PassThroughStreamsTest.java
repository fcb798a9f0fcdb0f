package dev.ocitrust.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ocitrust.client.ContentVerificationException;
import dev.ocitrust.client.Descriptor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The copy's stream wrappers hand over the verifying stream they pass through, and only that. */
class PassThroughStreamsTest {
  private static final byte[] CONTENT = "a layer".getBytes(StandardCharsets.UTF_8);
  private static final Descriptor D = Descriptor.of("application/octet-stream", CONTENT);

  @Test
  void onlyThisPackagesFinalStreamsAreVerifiedContent() {
    assertThat(VerifiedContent.class.isSealed()).isTrue();
    assertThat(VerifiedContent.class.getPermittedSubclasses())
        .containsExactlyInAnyOrder(
            VerifiedInputStream.class, CountingInputStream.class, LazyInputStream.class)
        .allSatisfy(c -> assertThat(Modifier.isFinal(c.getModifiers())).isTrue());
    // nor can one be made at run time
    assertThatThrownBy(
            () ->
                Proxy.newProxyInstance(
                    getClass().getClassLoader(),
                    new Class<?>[] {VerifiedContent.class},
                    (proxy, method, args) -> new ByteArrayInputStream(CONTENT)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aStoreHashesAWrappedFetchOnceThroughTheWrappers() throws IOException {
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
    assertThat(lazy.handOver(other)).isNull();
    assertThat(opened).hasValue(1);
    InputStream handed = VerifiedContent.verifying(lazy, D, "store");
    // the fetch's own verifier, moved out from under the wrappers: no second hash on top
    assertThat(handed).isInstanceOf(CountingInputStream.class);
    assertThat(opened).hasValue(1);
    assertThat(handed.readAllBytes()).isEqualTo(CONTENT);
    assertThat(counted).hasValue(CONTENT.length);
    // what was handed over can be handed over once only, and read no more
    assertThat(lazy.handOver(D)).isNull();
    assertThatThrownBy(lazy::read).isInstanceOf(IOException.class);
    lazy.close();
  }

  @Test
  void aStreamReadFromAlreadyIsVerifiedAgain() throws IOException {
    VerifiedInputStream fetched =
        new VerifiedInputStream(new ByteArrayInputStream(CONTENT), D, "test");
    assertThat(fetched.read()).isEqualTo(CONTENT[0]);
    assertThat(fetched.handOver(D)).isNull();
    InputStream verifying = VerifiedContent.verifying(fetched, D, "store");
    assertThat(verifying).isNotSameAs(fetched).isInstanceOf(VerifiedInputStream.class);
    assertThatThrownBy(verifying::readAllBytes).isInstanceOf(ContentVerificationException.class);
  }

  @Test
  void wrappersOfAPlainStreamAreNotHandedOver() throws IOException {
    LazyInputStream lazy = new LazyInputStream(() -> new ByteArrayInputStream(CONTENT));
    assertThat(lazy.handOver(D)).isNull();
    CountingInputStream counting =
        new CountingInputStream(new ByteArrayInputStream(CONTENT), n -> {});
    assertThat(counting.handOver(D)).isNull();
    assertThat(counting.readAllBytes()).isEqualTo(CONTENT); // still readable: nothing handed over
  }

  @Test
  void wrongContentStillFailsThroughTheWrappers() throws IOException {
    byte[] tampered = CONTENT.clone();
    tampered[0] ^= 1;
    CountingInputStream counting =
        new CountingInputStream(
            new VerifiedInputStream(new ByteArrayInputStream(tampered), D, "test"), n -> {});
    InputStream handed = VerifiedContent.verifying(counting, D, "store");
    assertThat(handed).isNotSameAs(counting);
    assertThatThrownBy(handed::readAllBytes).isInstanceOf(ContentVerificationException.class);
  }
}
