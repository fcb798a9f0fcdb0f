package dev.ocitrust.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A loopback TCP relay to {@code 127.0.0.1:target} that records every byte the client sends, to see
 * what a proxy is told. Bounded: at most 64 connections, each copied until either side closes.
 */
final class RecordingRelay implements AutoCloseable {
  private static final int MAX_CONNECTIONS = 64;

  private final ServerSocket server;
  private final int target;
  private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
  private final List<Socket> sockets = new ArrayList<>();
  private final Thread acceptor;

  RecordingRelay(int target) throws IOException {
    this.target = target;
    this.server = new ServerSocket(0, 50, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}));
    this.acceptor = new Thread(this::accept, "relay-" + server.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** {@code 127.0.0.1:PORT} of the relay. */
  String hostPort() {
    return "127.0.0.1:" + server.getLocalPort();
  }

  /** What clients sent so far, as ISO-8859-1 text (binary bytes included). */
  String sent() {
    synchronized (sent) {
      return sent.toString(StandardCharsets.ISO_8859_1);
    }
  }

  private void accept() {
    for (int i = 0; i < MAX_CONNECTIONS; i++) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket();
        upstream.connect(new InetSocketAddress("127.0.0.1", target), 2000);
        synchronized (sockets) {
          sockets.add(client);
          sockets.add(upstream);
        }
        pump(client.getInputStream(), upstream.getOutputStream(), true);
        pump(upstream.getInputStream(), client.getOutputStream(), false);
      } catch (IOException e) {
        return;
      }
    }
  }

  private void pump(InputStream in, OutputStream out, boolean record) {
    Thread t =
        new Thread(
            () -> {
              byte[] buffer = new byte[16 * 1024];
              try (in;
                  out) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                  if (record) {
                    synchronized (sent) {
                      sent.write(buffer, 0, n);
                    }
                  }
                  out.write(buffer, 0, n);
                  out.flush();
                }
              } catch (IOException e) {
                // the other side closed
              }
            },
            "relay-pump");
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void close() throws IOException {
    server.close();
    synchronized (sockets) {
      for (Socket s : sockets) {
        s.close();
      }
    }
  }
}
