package dev.ocitrust.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A real HTTP forward proxy (Debian's {@code tinyproxy}) started for a test on a free loopback port
 * (127.0.0.1 only), with its own temporary folder: plain HTTP requests in absolute form and {@code
 * CONNECT} tunnels to any port, optionally requiring basic proxy credentials, or refusing every
 * client (403) to test a proxy that says no. {@link Builder#start()} returns once it accepts
 * connections.
 *
 * <p>{@link #close()} stops only the process this object started and deletes the folder. A missing
 * {@code tinyproxy} executable makes the calling test skip, or fail under {@code CI=true} (see
 * {@link Peers#require(String)}).
 *
 * <p>Thread-safe: accessors may be called from any thread; {@link #close()} is idempotent.
 *
 * <pre>{@code
 * try (ForwardProxy proxy = ForwardProxy.builder().basicAuth("alice", "s3cret").start()) {
 *   String url = proxy.url();   // http://127.0.0.1:PORT
 * }
 * }</pre>
 */
public final class ForwardProxy implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration STOP_GRACE = Duration.ofSeconds(5);

  private final Process process;
  private final Path baseDir;
  private final int port;
  private final Thread shutdownHook;
  private final Object lock = new Object();
  private boolean closed;

  private ForwardProxy(Process process, Path baseDir, int port) {
    this.process = process;
    this.baseDir = baseDir;
    this.port = port;
    this.shutdownHook = new Thread(() -> Processes.kill(process), "proxy-" + port + "-killer");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** A builder for an open proxy (no credentials, every loopback client allowed). */
  public static Builder builder() {
    return new Builder();
  }

  /** {@code 127.0.0.1:PORT}. */
  public String hostPort() {
    return "127.0.0.1:" + port;
  }

  /** {@code http://127.0.0.1:PORT}. */
  public String url() {
    return "http://" + hostPort();
  }

  /** The port it listens on. */
  public int port() {
    return port;
  }

  /** What the proxy logged so far. */
  public String log() {
    return Processes.read(baseDir.resolve("tinyproxy.log"));
  }

  /** Stops the proxy (SIGTERM, bounded wait, SIGKILL) and deletes its folder. */
  @Override
  public void close() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
    }
    Processes.stop(process, STOP_GRACE);
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // the JVM is shutting down: the hook runs anyway
    }
    try {
      Processes.deleteTree(baseDir);
    } catch (IOException e) {
      // a temporary folder left behind is not a test failure
    }
  }

  @Override
  public String toString() {
    return "ForwardProxy[" + hostPort() + "]";
  }

  /** Builds and starts a {@link ForwardProxy}. Not thread-safe. */
  public static final class Builder {
    private @Nullable String user;
    private @Nullable String password;
    private boolean refusing;

    private Builder() {}

    /** Requires {@code Proxy-Authorization: Basic} with this user and password (407 without). */
    public Builder basicAuth(String user, String password) {
      if (!user.matches("[A-Za-z0-9_-]+") || !password.matches("[A-Za-z0-9_-]+")) {
        throw new IllegalArgumentException("user and password: letters, digits, '-' and '_'");
      }
      this.user = user;
      this.password = password;
      return this;
    }

    /** Refuses every client (it allows only 127.0.0.2, which no test connects from). */
    public Builder refusing() {
      this.refusing = true;
      return this;
    }

    /** Starts tinyproxy; skips (or fails under CI) when it is not installed. */
    public ForwardProxy start() throws IOException {
      Path exe = Peers.require("tinyproxy");
      Path base = Files.createTempDirectory("ocitrust-proxy-");
      int port = freePort();
      StringBuilder conf = new StringBuilder();
      conf.append("Port ").append(port).append('\n');
      conf.append("Listen 127.0.0.1\n");
      conf.append("Timeout 30\nMaxClients 64\nLogLevel Info\nDisableViaHeader Yes\n");
      conf.append("Allow ").append(refusing ? "127.0.0.2" : "127.0.0.1").append('\n');
      if (user != null) {
        conf.append("BasicAuth ").append(user).append(' ').append(password).append('\n');
      }
      Path config = base.resolve("tinyproxy.conf");
      Files.writeString(config, conf, StandardCharsets.UTF_8);
      Path log = base.resolve("tinyproxy.log");
      Process process =
          new ProcessBuilder(exe.toString(), "-d", "-c", config.toString())
              .directory(base.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .start();
      ForwardProxy proxy = new ForwardProxy(process, base, port);
      long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          String text = proxy.log();
          proxy.close();
          throw new IOException("tinyproxy exited before listening; log:\n" + text);
        }
        try (Socket s = new Socket()) {
          s.connect(
              new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port),
              200);
          return proxy;
        } catch (IOException e) {
          sleep();
        }
      }
      String text = proxy.log();
      proxy.close();
      throw new IOException("tinyproxy did not listen on " + port + " within 10 s; log:\n" + text);
    }

    private static void sleep() throws IOException {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for tinyproxy", e);
      }
    }

    private static int freePort() throws IOException {
      try (ServerSocket socket =
          new ServerSocket(0, 1, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}))) {
        socket.setReuseAddress(true);
        return socket.getLocalPort();
      }
    }
  }
}
