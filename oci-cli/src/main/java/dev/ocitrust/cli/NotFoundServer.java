package dev.ocitrust.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A loopback HTTP/1.1 server that answers every request with a registry's 404 ({@code
 * NAME_UNKNOWN}) and closes the connection: the far end of {@link ArchiveTraining}'s registry
 * commands. One thread, one connection at a time, a read deadline per connection. Closing it stops
 * the thread.
 */
final class NotFoundServer implements AutoCloseable {
  private static final byte[] RESPONSE;

  static {
    String body = "{\"errors\":[{\"code\":\"NAME_UNKNOWN\",\"message\":\"training\"}]}";
    RESPONSE =
        ("HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nConnection: close\r\n"
                + "Docker-Distribution-API-Version: registry/2.0\r\nContent-Length: "
                + body.length()
                + "\r\n\r\n"
                + body)
            .getBytes(StandardCharsets.US_ASCII);
  }

  private final ServerSocket socket;
  private final Thread thread;

  private NotFoundServer(ServerSocket socket) {
    this.socket = socket;
    this.thread = new Thread(this::serve, "training-registry");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** Starts the server on a free loopback port. */
  static NotFoundServer start() throws IOException {
    return new NotFoundServer(new ServerSocket(0, 16, InetAddress.getLoopbackAddress()));
  }

  /** {@code 127.0.0.1:PORT}. */
  String host() {
    return socket.getInetAddress().getHostAddress() + ":" + socket.getLocalPort();
  }

  private void serve() {
    while (!socket.isClosed()) {
      try (Socket s = socket.accept()) {
        s.setSoTimeout(5_000);
        readHead(s.getInputStream());
        OutputStream out = s.getOutputStream();
        out.write(RESPONSE);
        out.flush();
      } catch (SocketTimeoutException e) {
        // a client that sent no complete request head: drop it
      } catch (IOException e) {
        if (socket.isClosed()) {
          return;
        }
      }
    }
  }

  /** Reads up to the blank line that ends a request head (a body is not read: we close). */
  private static void readHead(InputStream in) throws IOException {
    int state = 0;
    for (int n = 0; n < 64 * 1024; n++) {
      int c = in.read();
      if (c < 0) {
        return;
      }
      state = (c == '\n') ? (state == 1 ? 2 : 1) : (c == '\r' ? state : 0);
      if (state == 2) {
        return;
      }
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
