package dev.ocitrust.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fault proxy in front of a loopback echo server: each fault at exactly its byte. */
class FaultProxyTest {
  private ServerSocket echo;
  private FaultProxy proxy;

  /** What the echo server received, per connection, once each connection ended. */
  private final java.util.concurrent.BlockingQueue<byte[]> received =
      new java.util.concurrent.LinkedBlockingQueue<>();

  @BeforeEach
  void start() throws IOException {
    echo = new ServerSocket();
    echo.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    Thread t =
        new Thread(
            () -> {
              while (!echo.isClosed()) {
                try {
                  Socket s = echo.accept();
                  Thread pump =
                      new Thread(
                          () -> {
                            ByteArrayOutputStream seen = new ByteArrayOutputStream();
                            try (s) {
                              InputStream in = s.getInputStream();
                              byte[] buf = new byte[8192];
                              boolean echoing = true;
                              int n;
                              while ((n = in.read(buf)) > 0) {
                                seen.write(buf, 0, n);
                                if (echoing) {
                                  try {
                                    s.getOutputStream().write(buf, 0, n);
                                  } catch (IOException e) {
                                    // the way back was cut: keep counting what still arrives
                                    echoing = false;
                                  }
                                }
                              }
                            } catch (IOException e) {
                              // the proxy cut it
                            }
                            received.add(seen.toByteArray());
                          });
                  pump.setDaemon(true);
                  pump.start();
                } catch (IOException e) {
                  return;
                }
              }
            });
    t.setDaemon(true);
    t.start();
    proxy = FaultProxy.to("127.0.0.1", echo.getLocalPort());
  }

  @AfterEach
  void stop() throws IOException {
    proxy.close();
    echo.close();
  }

  /** Sends {@code data} through the proxy and reads the echo until it ends or times out. */
  private byte[] roundTrip(byte[] data) throws IOException {
    try (Socket s = new Socket("127.0.0.1", proxy.port())) {
      s.setSoTimeout(3000);
      OutputStream out = s.getOutputStream();
      Thread writer =
          new Thread(
              () -> {
                try {
                  out.write(data);
                  s.shutdownOutput();
                } catch (IOException e) {
                  // cut
                }
              });
      writer.setDaemon(true);
      writer.start();
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      InputStream in = s.getInputStream();
      byte[] buf = new byte[8192];
      try {
        int n;
        while ((n = in.read(buf)) > 0) {
          got.write(buf, 0, n);
        }
      } catch (SocketTimeoutException e) {
        throw e;
      } catch (IOException e) {
        // reset: what arrived before it counts
      }
      return got.toByteArray();
    }
  }

  /** What the server received on the next connection that ended. */
  private byte[] serverGot() {
    try {
      byte[] got = received.poll(5, java.util.concurrent.TimeUnit.SECONDS);
      if (got == null) {
        throw new AssertionError("no connection ended at the server");
      }
      return got;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static byte[] data(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) ('a' + i % 26);
    }
    return b;
  }

  @Test
  void withoutFaultsEveryBytePasses() throws IOException {
    byte[] d = data(300_000);
    assertArrayEquals(d, roundTrip(d));
    assertTrue(proxy.fired().isEmpty());
  }

  @Test
  void aCutAtAnOffsetPassesExactlyTheBytesBeforeIt() throws IOException {
    byte[] d = data(300_000);
    proxy.arm(Fault.at(Fault.Direction.UPSTREAM, 123_457).cut());
    roundTrip(d);
    assertArrayEquals(Arrays.copyOf(d, 123_457), serverGot());
    assertEquals(1, proxy.fired().size());
    // spent: the next connection passes whole
    assertArrayEquals(d, roundTrip(d));
  }

  @Test
  void aResetDownstreamStopsTheEchoThere() throws IOException {
    byte[] d = data(200_000);
    proxy.arm(Fault.at(Fault.Direction.DOWNSTREAM, 70_000).reset());
    byte[] got = roundTrip(d);
    assertTrue(got.length <= 70_000, "got " + got.length);
    assertArrayEquals(Arrays.copyOf(d, got.length), got);
  }

  @Test
  void aMarkerPlacesTheFaultBeforeItsNthOccurrence() throws IOException {
    byte[] d = "one PATCH two PATCH three PATCH four".getBytes(StandardCharsets.US_ASCII);
    proxy.arm(Fault.before(Fault.Direction.UPSTREAM, "PATCH ", 2).cut());
    roundTrip(d);
    assertEquals("one PATCH two ", new String(serverGot(), StandardCharsets.US_ASCII));
  }

  @Test
  void aStallKeepsTheConnectionOpenAndSilent() {
    proxy.arm(Fault.at(Fault.Direction.DOWNSTREAM, 0).stall());
    assertThrows(SocketTimeoutException.class, () -> roundTrip(data(10)));
  }

  @Test
  void slowSendsOneBytePerInterval() throws IOException {
    proxy.arm(Fault.at(Fault.Direction.DOWNSTREAM, 5).slow(Duration.ofMillis(200)));
    long start = System.nanoTime();
    byte[] d = data(10);
    assertArrayEquals(d, roundTrip(d));
    // five bytes at 200 ms each: at least 800 ms between the first slow byte and the last
    assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 800);
  }
}
