package dev.ocitrust.transparency;

import com.sun.net.httpserver.HttpServer;
import dev.ocitrust.transparency.internal.ScrapiHandler;
import dev.ocitrust.transparency.internal.ServiceKeyFile;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A SCITT transparency service on loopback, for tests and local development (production users point
 * the SDK's client at their real service): a {@link MerkleLog} in a directory, SCRAPI
 * (draft-ietf-scitt-scrapi) over the JDK's HTTP server, receipts from a {@link ReceiptIssuer} and
 * registrations checked by a {@link RegistrationPolicy}.
 *
 * <ul>
 *   <li>{@code POST /entries} ({@code application/cose}, a signed statement): {@code 201} with the
 *       receipt and {@code Location: /entries/{id}}; or, when registrations are made to wait
 *       ({@link Builder#pendingFor}), {@code 303} with {@code Location} and {@code Retry-After}.
 *   <li>{@code GET /entries/{id}}: {@code 200} with a receipt for the tree as it is now, {@code
 *       302} with {@code Retry-After} while pending, {@code 404} when unknown.
 *   <li>{@code GET /.well-known/scitt-keys}: the COSE_KeySet; {@code /.well-known/scitt-keys/{kid}}
 *       (base64url) one COSE_Key.
 *   <li>Errors: {@code application/concise-problem-details+cbor} {@code {-1: title, -2: detail}}.
 * </ul>
 *
 * <p>The service key is {@code service-key.p8} in the directory, made on first start. Thread-safe;
 * {@link #close()} stops the server and releases the log.
 *
 * <pre>{@code
 * try (TransparencyService ts = TransparencyService.builder(dir)
 *     .policy(RegistrationPolicy.builder().allowIssuer("https://wabbit-networks.example").build())
 *     .build()) {
 *   URI base = ts.uri(); // http://127.0.0.1:PORT
 * }
 * }</pre>
 */
public final class TransparencyService implements AutoCloseable {
  private final MerkleLog log;
  private final ReceiptIssuer issuer;
  private final HttpServer server;
  private final ExecutorService executor;
  private final URI uri;

  private TransparencyService(
      MerkleLog log, ReceiptIssuer issuer, HttpServer server, ExecutorService executor) {
    this.log = log;
    this.issuer = issuer;
    this.server = server;
    this.executor = executor;
    InetSocketAddress a = server.getAddress();
    this.uri = URI.create("http://" + a.getAddress().getHostAddress() + ":" + a.getPort());
  }

  /** A builder for a service whose log and key live in {@code dir}. */
  public static Builder builder(Path dir) {
    return new Builder(dir);
  }

  /** The base URI, e.g. {@code http://127.0.0.1:8089}. */
  public URI uri() {
    return uri;
  }

  /** The receipts' {@code iss}. */
  public String issuer() {
    return issuer.issuer();
  }

  /** The COSE_KeySet the service serves at {@code /.well-known/scitt-keys}. */
  public byte[] keySet() {
    return issuer.keySet();
  }

  /** The number of registered entries. */
  public long size() {
    return log.size();
  }

  /** Stops serving (waiting up to a second for exchanges in flight) and closes the log. */
  @Override
  public void close() throws IOException {
    server.stop(1);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    log.close();
  }

  @Override
  public String toString() {
    return "TransparencyService[" + uri + ", iss=" + issuer.issuer() + ", size=" + log.size() + "]";
  }

  /** Builds and starts a {@link TransparencyService}. Not thread-safe. */
  public static final class Builder {
    private final Path dir;
    private @Nullable KeyPair key;
    private String issuer = "https://transparency.localhost";
    private InetAddress address = InetAddress.getLoopbackAddress();
    private int port;
    private RegistrationPolicy policy = RegistrationPolicy.builder().build();
    private Duration pendingFor = Duration.ZERO;
    private Clock clock = Clock.systemUTC();

    private Builder(Path dir) {
      this.dir = Objects.requireNonNull(dir, "dir");
    }

    /** The signing key; by default the one in the directory, made on first start. */
    public Builder serviceKey(KeyPair key) {
      this.key = Objects.requireNonNull(key, "key");
      return this;
    }

    /** The receipts' {@code iss}; {@code https://transparency.localhost} by default. */
    public Builder issuer(String issuer) {
      this.issuer = Objects.requireNonNull(issuer, "issuer");
      return this;
    }

    /** The TCP port; 0 (the default) picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port " + port + " is not 0..65535");
      }
      this.port = port;
      return this;
    }

    /** The address to listen on; loopback by default. */
    public Builder address(InetAddress address) {
      this.address = Objects.requireNonNull(address, "address");
      return this;
    }

    /** What may register; by default nothing (fails closed). */
    public Builder policy(RegistrationPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Makes registrations asynchronous: {@code POST /entries} answers 303, and the receipt is ready
     * {@code wait} later (zero, the default, answers 201 with the receipt).
     */
    public Builder pendingFor(Duration wait) {
      if (wait.isNegative()) {
        throw new IllegalArgumentException("pendingFor must not be negative, found " + wait);
      }
      this.pendingFor = wait;
      return this;
    }

    /** The clock of receipts and pending registrations. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Opens the log, loads or makes the key, and starts serving.
     *
     * @throws MerkleLogException if the log is held by another writer or damaged
     * @throws IOException if the directory or the port cannot be used
     */
    public TransparencyService build() throws IOException {
      KeyPair k = key != null ? key : ServiceKeyFile.loadOrCreate(dir);
      ReceiptIssuer receipts = ReceiptIssuer.builder(k, issuer).clock(clock).build();
      MerkleLog log = MerkleLog.open(dir.resolve("log"));
      HttpServer server;
      try {
        server = HttpServer.create(new InetSocketAddress(address, port), 64);
      } catch (IOException e) {
        log.close();
        throw new IOException("cannot listen on " + address.getHostAddress() + ":" + port, e);
      }
      ExecutorService executor = Executors.newFixedThreadPool(4);
      server.setExecutor(executor);
      server.createContext("/", new ScrapiHandler(log, receipts, policy, pendingFor, clock));
      server.start();
      return new TransparencyService(log, receipts, server, executor);
    }
  }
}
