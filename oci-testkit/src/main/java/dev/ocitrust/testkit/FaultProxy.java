package dev.ocitrust.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A loopback TCP proxy between a client under test and a real server (a docker-registry) that
 * injects {@link Fault}s: cut, reset, stall or slow a connection at a chosen byte, per direction.
 * Connections without an armed fault pass byte for byte. What fired is in {@link #fired()}, so a
 * test can check that its fault really happened.
 *
 * <p>Listens on 127.0.0.1 only. Thread-safe; {@link #close()} closes the listener and every
 * connection and is idempotent. Two daemon threads per connection.
 *
 * <pre>{@code
 * try (FaultProxy proxy = FaultProxy.to("127.0.0.1", registry.port())) {
 *   proxy.arm(Fault.at(Fault.Direction.DOWNSTREAM, 1_000_000).cut());
 *   // point the client at proxy.address() instead of the registry
 *   assertThat(proxy.fired()).hasSize(1);
 * }
 * }</pre>
 */
public final class FaultProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final String targetHost;
  private final int targetPort;
  private final List<Armed> armed = new CopyOnWriteArrayList<>();
  private final List<String> fired = new CopyOnWriteArrayList<>();
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final AtomicInteger connections = new AtomicInteger();
  private final CountDownLatch closed = new CountDownLatch(1);
  private final Thread acceptor;

  private FaultProxy(ServerSocket listener, String targetHost, int targetPort) {
    this.listener = listener;
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    this.acceptor = new Thread(this::accept, "fault-proxy-" + listener.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** A proxy on a free loopback port forwarding to {@code host:port}. */
  public static FaultProxy to(String host, int port) {
    try {
      ServerSocket listener = new ServerSocket();
      listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return new FaultProxy(listener, host, port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code 127.0.0.1:PORT}, where clients connect. */
  public String address() {
    return "127.0.0.1:" + port();
  }

  /** The port it listens on. */
  public int port() {
    return listener.getLocalPort();
  }

  /** Arms {@code fault} for the connections that reach its byte from now on. */
  public FaultProxy arm(Fault fault) {
    armed.add(new Armed(fault));
    return this;
  }

  /** Disarms every fault that has not fired. */
  public void disarm() {
    armed.clear();
  }

  /** What fired, in order: the fault and the connection it hit. */
  public List<String> fired() {
    return List.copyOf(fired);
  }

  /** How many connections were accepted. */
  public int connections() {
    return connections.get();
  }

  @Override
  public void close() {
    closed.countDown();
    try {
      listener.close();
    } catch (IOException e) {
      // closing
    }
    for (Socket s : sockets) {
      closeQuietly(s);
    }
  }

  private void accept() {
    while (!listener.isClosed()) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException e) {
        return;
      }
      int n = connections.incrementAndGet();
      try {
        Socket server = new Socket(targetHost, targetPort);
        server.setTcpNoDelay(true);
        client.setTcpNoDelay(true);
        sockets.add(client);
        sockets.add(server);
        Connection c = new Connection(n, client, server);
        start(c, Fault.Direction.UPSTREAM, client, server);
        start(c, Fault.Direction.DOWNSTREAM, server, client);
      } catch (IOException e) {
        closeQuietly(client);
      }
    }
  }

  private void start(Connection c, Fault.Direction direction, Socket from, Socket to) {
    List<Trigger> triggers = new ArrayList<>();
    for (Armed a : armed) {
      if (a.fault.direction() == direction) {
        triggers.add(new Trigger(a));
      }
    }
    Pump pump = new Pump(c, from, to, triggers);
    Thread t = new Thread(pump, "fault-proxy-" + c.number + "-" + direction);
    t.setDaemon(true);
    t.start();
  }

  /** A fault and how many more connections it may hit. */
  private static final class Armed {
    final Fault fault;
    final AtomicInteger left;

    Armed(Fault fault) {
      this.fault = fault;
      this.left = new AtomicInteger(fault.times());
    }
  }

  /** The per-connection state of one armed fault in one direction. */
  private static final class Trigger {
    final Armed armed;
    int matched; // bytes of the marker matched so far
    int seen; // occurrences of the marker completed

    Trigger(Armed armed) {
      this.armed = armed;
    }
  }

  /** One proxied connection. */
  private static final class Connection {
    final int number;
    final Socket client;
    final Socket server;
    final AtomicInteger ended = new AtomicInteger();
    volatile boolean cut;

    Connection(int number, Socket client, Socket server) {
      this.number = number;
      this.client = client;
      this.server = server;
    }
  }

  /** Copies one direction, applying the first fault whose byte it reaches. */
  private final class Pump implements Runnable {
    private final Connection c;
    private final Socket from;
    private final Socket to;
    private final List<Trigger> triggers;
    private long count;
    private long slowMillis;

    Pump(Connection c, Socket from, Socket to, List<Trigger> t) {
      this.c = c;
      this.from = from;
      this.to = to;
      this.triggers = t;
    }

    @Override
    public void run() {
      try {
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        byte[] buf = new byte[64 * 1024];
        int end;
        while ((end = in.read(buf)) > 0) {
          if (c.cut) {
            continue; // after a cut nothing more flows: read and drop until the peer closes
          }
          int pos = 0;
          while (pos < end) {
            if (slowMillis > 0) {
              slow(out, buf, pos, end);
              break;
            }
            Hit hit = scan(buf, pos, end);
            if (hit == null) {
              out.write(buf, pos, end - pos);
              count += end - pos;
              break;
            }
            out.write(buf, pos, hit.index - pos);
            count += hit.index - pos;
            pos = hit.index;
            if (!apply(hit.trigger(), out)) {
              return;
            }
            if (c.cut) {
              break;
            }
          }
          out.flush();
        }
        // half-close: the other direction goes on until it ends too
        if (!c.cut) {
          to.shutdownOutput();
        }
        if (c.ended.incrementAndGet() == 2) {
          closeQuietly(c.client);
          closeQuietly(c.server);
        }
      } catch (IOException e) {
        // one side went away: so does the other
        closeQuietly(from);
        closeQuietly(to);
      }
    }

    /** The first fault point in {@code buf[pos, end)}, claimed; or null (matching advanced). */
    private @Nullable Hit scan(byte[] buf, int pos, int end) {
      Hit best = null;
      for (Trigger t : triggers) {
        if (t.armed.left.get() <= 0) {
          continue;
        }
        Fault f = t.armed.fault;
        int index = -1;
        if (f.offset() >= 0) {
          long rel = f.offset() - count;
          if (rel >= 0 && rel < end - pos) {
            index = pos + (int) rel;
          }
        } else {
          index = match(t, buf, pos, end);
        }
        if (index >= 0 && (best == null || index < best.index)) {
          best = new Hit(index, t);
        }
      }
      if (best == null) {
        return null;
      }
      if (best.trigger.armed.left.getAndDecrement() <= 0) {
        return scan(buf, pos, end); // another connection took it
      }
      return new Hit(best.index, best.trigger);
    }

    /** Where the marker's wanted occurrence starts in {@code buf[pos, end)}, or -1. */
    private int match(Trigger t, byte[] buf, int pos, int end) {
      byte[] m = t.armed.fault.markerBytes();
      int matched = t.matched;
      int seen = t.seen;
      for (int i = pos; i < end; i++) {
        if (buf[i] == m[matched]) {
          matched++;
        } else {
          matched = buf[i] == m[0] ? 1 : 0;
        }
        if (matched == m.length) {
          seen++;
          if (seen == t.armed.fault.occurrence()) {
            // a marker begun in an earlier read (already forwarded) faults where this read begins
            return Math.max(pos, i - m.length + 1);
          }
          matched = 0;
        }
      }
      // not found here: remember how far the marker got
      t.matched = matched;
      t.seen = seen;
      return -1;
    }

    /** Applies {@code fault} here; false when this pump is done. */
    private boolean apply(Trigger trigger, OutputStream out) throws IOException {
      Fault fault = trigger.armed.fault;
      fired.add(fault + " on connection " + c.number + " after " + count + " bytes");
      switch (fault.action()) {
        case CUT -> {
          // FIN both ways after what was forwarded (closing a socket with unread input would
          // send RST instead); both directions then drop what comes until their peer closes
          out.flush();
          c.cut = true;
          shutdownOutput(c.client);
          shutdownOutput(c.server);
          return true;
        }
        case RESET -> {
          reset(c.client);
          reset(c.server);
          return false;
        }
        case STALL -> {
          out.flush();
          try {
            closed.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return false;
        }
        case SLOW -> {
          slowMillis = Math.max(1, fault.interval().toMillis());
          return true;
        }
      }
      return false;
    }

    private void slow(OutputStream out, byte[] buf, int pos, int end) throws IOException {
      for (int i = pos; i < end; i++) {
        out.write(buf[i]);
        out.flush();
        count++;
        try {
          if (closed.await(slowMillis, java.util.concurrent.TimeUnit.MILLISECONDS)) {
            throw new SocketException("proxy closed");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new SocketException("interrupted");
        }
      }
    }
  }

  private record Hit(int index, Trigger trigger) {}

  private static void shutdownOutput(Socket s) {
    try {
      s.shutdownOutput();
    } catch (IOException e) {
      // already gone
    }
  }

  private static void reset(Socket s) {
    try {
      s.setSoLinger(true, 0);
    } catch (IOException e) {
      // already gone
    }
    closeQuietly(s);
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // closing
    }
  }
}
