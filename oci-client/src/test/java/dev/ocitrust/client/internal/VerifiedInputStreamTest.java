package dev.ocitrust.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ocitrust.client.ContentVerificationException;
import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.Digest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class VerifiedInputStreamTest {
  private static final byte[] CONTENT = "hello, verified world".getBytes(StandardCharsets.UTF_8);
  private static final Descriptor GOOD = Descriptor.of("application/octet-stream", CONTENT);

  /** One way of reading a stream to its end; returns how many bytes the caller received. */
  interface ReadPath {
    long readAll(InputStream in, ByteArrayOutputStream sink) throws IOException;
  }

  static Stream<Arguments> readPaths() {
    return Stream.of(
        Arguments.of(
            "read()",
            (ReadPath)
                (in, sink) -> {
                  int b;
                  while ((b = in.read()) >= 0) {
                    sink.write(b);
                  }
                  return sink.size();
                }),
        Arguments.of(
            "read(byte[])",
            (ReadPath)
                (in, sink) -> {
                  byte[] buffer = new byte[5];
                  int n;
                  while ((n = in.read(buffer)) >= 0) {
                    sink.write(buffer, 0, n);
                  }
                  return sink.size();
                }),
        Arguments.of(
            "read(byte[], off, len)",
            (ReadPath)
                (in, sink) -> {
                  byte[] buffer = new byte[64];
                  int n;
                  while ((n = in.read(buffer, 3, 7)) >= 0) {
                    sink.write(buffer, 3, n);
                  }
                  return sink.size();
                }),
        Arguments.of("skip", (ReadPath) (in, sink) -> in.skip(Long.MAX_VALUE)),
        Arguments.of("transferTo", (ReadPath) (in, sink) -> in.transferTo(sink)),
        Arguments.of(
            "readAllBytes",
            (ReadPath)
                (in, sink) -> {
                  sink.write(in.readAllBytes());
                  return sink.size();
                }),
        Arguments.of(
            "readNBytes",
            (ReadPath)
                (in, sink) -> {
                  sink.write(in.readNBytes(1000));
                  return sink.size();
                }));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("readPaths")
  void goodContentReadsCompletely(String name, ReadPath path) throws IOException {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    try (InputStream in = open(CONTENT, GOOD)) {
      assertThat(path.readAll(in, sink)).isEqualTo(CONTENT.length);
      assertThat(in.read()).isEqualTo(-1);
    }
    if (!name.equals("skip")) {
      assertThat(sink.toByteArray()).isEqualTo(CONTENT);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("readPaths")
  void wrongDigestFailsBeforeTheLastByte(String name, ReadPath path) {
    byte[] tampered = CONTENT.clone();
    tampered[tampered.length - 1] ^= 1;
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    assertThatThrownBy(() -> path.readAll(open(tampered, GOOD), sink))
        .isInstanceOf(ContentVerificationException.class)
        .hasMessageContaining("does not match digest " + GOOD.digest());
    assertThat(sink.size()).isLessThan(CONTENT.length);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("readPaths")
  void longerContentFailsBeforeTheLastByte(String name, ReadPath path) {
    byte[] longer =
        (new String(CONTENT, StandardCharsets.UTF_8) + "!").getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    assertThatThrownBy(() -> path.readAll(open(longer, GOOD), sink))
        .isInstanceOf(ContentVerificationException.class)
        .hasMessageContaining("longer than its descriptor");
    assertThat(sink.size()).isLessThan(CONTENT.length);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("readPaths")
  void shorterContentFails(String name, ReadPath path) {
    byte[] shorter = java.util.Arrays.copyOf(CONTENT, CONTENT.length - 1);
    assertThatThrownBy(() -> path.readAll(open(shorter, GOOD), new ByteArrayOutputStream()))
        .isInstanceOf(ContentVerificationException.class)
        .hasMessageContaining("ended after " + shorter.length);
  }

  @Test
  void emptyContentIsVerifiedToo() throws IOException {
    Descriptor empty = Descriptor.of("application/octet-stream", new byte[0]);
    try (InputStream in = open(new byte[0], empty)) {
      assertThat(in.read()).isEqualTo(-1);
    }
    assertThatThrownBy(() -> open(new byte[] {1}, empty).read())
        .isInstanceOf(ContentVerificationException.class);
    Descriptor wrongEmpty = Descriptor.of("application/octet-stream", Digest.sha256(CONTENT), 0);
    assertThatThrownBy(() -> open(new byte[0], wrongEmpty).readAllBytes())
        .isInstanceOf(ContentVerificationException.class);
  }

  @Test
  void aFailureIsSticky() throws IOException {
    byte[] tampered = CONTENT.clone();
    tampered[0] ^= 1;
    InputStream in = open(tampered, GOOD);
    assertThatThrownBy(in::readAllBytes).isInstanceOf(ContentVerificationException.class);
    assertThatThrownBy(in::read).isInstanceOf(ContentVerificationException.class);
  }

  @Test
  void sha512IsVerified() throws IOException {
    Descriptor d512 =
        Descriptor.of(
            "application/octet-stream", Digest.of(Digest.SHA512, CONTENT), CONTENT.length);
    assertThat(open(CONTENT, d512).readAllBytes()).isEqualTo(CONTENT);
    byte[] tampered = CONTENT.clone();
    tampered[3] ^= 1;
    assertThatThrownBy(() -> open(tampered, d512).readAllBytes())
        .isInstanceOf(ContentVerificationException.class);
  }

  private static InputStream open(byte[] actual, Descriptor expected) {
    return new VerifiedInputStream(new ByteArrayInputStream(actual), expected, "test");
  }
}
