package dev.ocitrust.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import javax.net.ssl.HttpsURLConnection;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.jspecify.annotations.Nullable;

/**
 * A real CNCF distribution registry ({@code docker-registry serve}, 2.8) started for a test on a
 * free loopback port (127.0.0.1 only) with its own temporary folder (config, storage, log,
 * credentials, certificates), deletes enabled. Modes: plain HTTP (default), htpasswd basic auth,
 * token auth against a token server the test runs, each optionally over TLS with a generated
 * certificate. {@link Builder#start()} returns once {@code GET /v2/} answers 200 or 401.
 *
 * <p>{@link #close()} stops only the process this object started (SIGTERM, bounded wait, SIGKILL)
 * and deletes the folder; a JVM shutdown hook does the same if a test forgets. A missing {@code
 * docker-registry} executable makes the calling test skip, or fail under {@code CI=true} (see
 * {@link Peers#require(String)}).
 *
 * <p>Thread-safe: accessors may be called from any thread; {@link #close()} is idempotent.
 *
 * <pre>{@code
 * try (RegistryServer registry = RegistryServer.builder().htpasswd().tls().start()) {
 *   HttpClient http = registry.httpClientBuilder().build();
 *   // registry.baseUrl() = "https://127.0.0.1:PORT", registry.username(), registry.password()
 * }
 * }</pre>
 */
public final class RegistryServer implements AutoCloseable {
  private static final int START_ATTEMPTS = 5;
  private static final Duration STOP_GRACE = Duration.ofSeconds(5);

  private volatile Process process;
  private final Path executable;
  private final Duration startTimeout;
  private final Path baseDir;
  private final Path storageDir;
  private final Path logFile;
  private final int port;
  private final @Nullable String username;
  private final @Nullable String password;
  private final @Nullable TlsIdentity tls;
  private final @Nullable TokenAuthConfig tokenAuth;
  private final Thread shutdownHook;
  private final Object lock = new Object();
  private @Nullable String finalLog;

  private RegistryServer(
      Builder b, Process process, Path exe, Path baseDir, int port, @Nullable TlsIdentity tls) {
    this.process = process;
    this.executable = exe;
    this.startTimeout = b.startTimeout;
    this.baseDir = baseDir;
    this.storageDir = baseDir.resolve("storage");
    this.logFile = baseDir.resolve("registry.log");
    this.port = port;
    this.username = b.username;
    this.password = b.password;
    this.tls = tls;
    this.tokenAuth = b.tokenAuth;
    this.shutdownHook =
        new Thread(() -> Processes.kill(this.process), "registry-" + port + "-killer");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** A builder for a plain-HTTP registry without auth; see its methods for the other modes. */
  public static Builder builder() {
    return new Builder();
  }

  /** {@code 127.0.0.1:PORT}, the registry host as image references spell it. */
  public String host() {
    return "127.0.0.1:" + port;
  }

  /** The TCP port the registry listens on (127.0.0.1 only). */
  public int port() {
    return port;
  }

  /** {@code http://127.0.0.1:PORT} or, with TLS, {@code https://127.0.0.1:PORT} (no slash). */
  public String baseUrl() {
    return (tls == null ? "http://" : "https://") + host();
  }

  /** {@link #baseUrl()} with {@code path} appended, as a URI; {@code path} starts with '/'. */
  public URI uri(String path) {
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("path must start with '/', found " + path);
    }
    return URI.create(baseUrl() + path);
  }

  /** True when serving HTTPS. */
  public boolean isTls() {
    return tls != null;
  }

  /** The certificates the registry serves, when started with {@link Builder#tls()}. */
  public Optional<TlsIdentity> tls() {
    return Optional.ofNullable(tls);
  }

  /** The token auth settings, when started with {@link Builder#tokenAuth(TokenAuthConfig)}. */
  public Optional<TokenAuthConfig> tokenAuth() {
    return Optional.ofNullable(tokenAuth);
  }

  /** The registry's storage root (filesystem driver); deleted by {@link #close()}. */
  public Path storageDir() {
    return storageDir;
  }

  /** The user name in htpasswd mode. */
  public String username() {
    return requireHtpasswd(username);
  }

  /** The password in htpasswd mode. */
  public String password() {
    return requireHtpasswd(password);
  }

  /** {@code Basic base64(user:password)} for an {@code Authorization} header, htpasswd mode. */
  public String basicAuthorization() {
    String pair = username() + ":" + password();
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  /** The process this object started (for its PID and liveness). */
  public ProcessHandle processHandle() {
    return process.toHandle();
  }

  /** The registry's combined stdout and stderr so far (kept after {@link #close()}). */
  public String log() {
    synchronized (lock) {
      if (finalLog != null) {
        return finalLog;
      }
      return Processes.read(logFile);
    }
  }

  /**
   * An {@link HttpClient.Builder} that trusts this registry's certificate in TLS mode (nothing
   * else), with a 10 s connect timeout. The caller builds and owns the client.
   */
  public HttpClient.Builder httpClientBuilder() {
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
    if (tls != null) {
      builder.sslContext(tls.sslContext());
    }
    return builder;
  }

  /**
   * Kills the registry process (SIGKILL, as a crash would), leaving its storage: requests fail with
   * a refused connection until {@link #restart()}.
   */
  public void kill() {
    synchronized (lock) {
      Processes.kill(process);
    }
  }

  /**
   * Deletes the blobs of the stopped registry's storage whose bytes no longer match their digest,
   * as an operator's repair after a crash would: docker-registry's filesystem driver writes a
   * blob's {@code data} file in place, so a SIGKILL during a manifest write leaves a torn file that
   * the registry answers with HTTP 500 ever after (and never rewrites, since the file exists). A
   * deleted blob is simply missing again, which a client's next copy fills in.
   *
   * @return how many torn blobs were deleted
   * @throws IOException if the storage cannot be read
   */
  public int removeTornBlobs() throws IOException {
    Path blobs = storageDir.resolve("docker/registry/v2/blobs/sha256");
    if (!Files.isDirectory(blobs)) {
      return 0;
    }
    List<Path> dataFiles;
    try (Stream<Path> files = Files.walk(blobs)) {
      dataFiles = files.filter(f -> f.endsWith("data")).toList();
    }
    int torn = 0;
    for (Path data : dataFiles) {
      Path dir = Objects.requireNonNull(data.getParent(), "a blob's folder");
      if (!dir.endsWith(sha256(Files.readAllBytes(data)))) {
        Files.delete(data); // the folder holds only its data file
        Files.delete(dir);
        torn++;
      }
    }
    return torn;
  }

  private static String sha256(byte[] bytes) {
    try {
      return java.util.HexFormat.of()
          .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }

  /**
   * Kills the registry process (SIGKILL, as a crash would) if it still runs and starts a new one on
   * the same port with the same configuration and storage, returning once it answers: a registry
   * that went down mid-transfer and came back.
   *
   * @throws IOException when the new process does not come up in time
   * @throws IllegalStateException after {@link #close()}
   */
  public void restart() throws IOException {
    synchronized (lock) {
      if (finalLog != null) {
        throw new IllegalStateException("registry " + host() + " was closed");
      }
      Processes.kill(process); // a no-op when kill() did it already
      process = Builder.launch(executable, baseDir);
      String failure = Builder.awaitReady(process, port, tls, startTimeout);
      if (failure != null) {
        throw new IOException(
            "docker-registry did not come back on "
                + host()
                + ": "
                + failure
                + "; log tail:\n"
                + Processes.tail(Processes.read(logFile), 30));
      }
    }
  }

  /** Stops the registry process (only it) and deletes its folder; idempotent. */
  @Override
  public void close() {
    synchronized (lock) {
      if (finalLog != null) {
        return;
      }
      Processes.stop(process, STOP_GRACE);
      finalLog = Processes.read(logFile);
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or about to; nothing to undo
      }
      try {
        Processes.deleteTree(baseDir);
      } catch (IOException e) {
        throw new UncheckedIOException("registry stopped but its folder stays: " + baseDir, e);
      }
    }
  }

  @Override
  public String toString() {
    return "RegistryServer[" + baseUrl() + ", pid " + process.pid() + "]";
  }

  private String requireHtpasswd(@Nullable String value) {
    if (value == null) {
      throw new IllegalStateException("registry " + host() + " was not started in htpasswd mode");
    }
    return value;
  }

  /**
   * Configures and starts a {@link RegistryServer}. Not thread-safe; {@link #start()} may be called
   * more than once, each call starting a new registry.
   */
  public static final class Builder {
    private @Nullable String username;
    private @Nullable String password;
    private @Nullable TokenAuthConfig tokenAuth;
    private boolean tls;
    private boolean clientCertificates;
    private Duration startTimeout = Duration.ofSeconds(20);
    private @Nullable Path binary;
    private @Nullable Path parentDir;

    private Builder() {}

    /** Basic auth from an htpasswd file: user {@code ocitrust} with a random password. */
    public Builder htpasswd() {
      byte[] random = new byte[12];
      new SecureRandom().nextBytes(random);
      return htpasswd("ocitrust", "pw-" + HexFormat.of().formatHex(random));
    }

    /** Basic auth from an htpasswd file (bcrypt, written with BouncyCastle) with one user. */
    public Builder htpasswd(String username, String password) {
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(password, "password");
      if (username.isEmpty() || username.contains(":") || username.contains("\n")) {
        throw new IllegalArgumentException("user name must be non-empty without ':' or newline");
      }
      if (password.isEmpty() || password.getBytes(StandardCharsets.UTF_8).length > 72) {
        throw new IllegalArgumentException("bcrypt takes passwords of 1 to 72 bytes");
      }
      this.username = username;
      this.password = password;
      return this;
    }

    /** Token auth: the registry trusts tokens as {@code config} says (see {@link TokenIssuer}). */
    public Builder tokenAuth(TokenAuthConfig config) {
      this.tokenAuth = Objects.requireNonNull(config, "config");
      return this;
    }

    /** Serve HTTPS with a fresh {@link TlsIdentity} for 127.0.0.1 and localhost. */
    public Builder tls() {
      this.tls = true;
      return this;
    }

    /**
     * Serve HTTPS as {@link #tls()} and require a client certificate issued by the same test CA
     * (distribution's {@code http.tls.clientcas}); {@link TlsIdentity#clientCertificatePem()} is
     * one.
     */
    public Builder requireClientCertificates() {
      this.tls = true;
      this.clientCertificates = true;
      return this;
    }

    /** How long {@link #start()} waits for {@code GET /v2/} to answer (default 20 s). */
    public Builder startTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("start timeout must be positive, found " + timeout);
      }
      this.startTimeout = timeout;
      return this;
    }

    /** The registry executable; default {@code Peers.require("docker-registry")}. */
    public Builder binary(Path executable) {
      this.binary = Objects.requireNonNull(executable, "executable");
      return this;
    }

    /** Where the registry's temporary folder is created (default: {@code java.io.tmpdir}). */
    public Builder parentDir(Path dir) {
      this.parentDir = Objects.requireNonNull(dir, "dir");
      return this;
    }

    /**
     * Starts the registry and waits until it answers.
     *
     * @throws IOException when it cannot be started or does not answer in time; the message carries
     *     the tail of its log
     * @throws IllegalStateException when both htpasswd and token auth are configured
     */
    public RegistryServer start() throws IOException {
      if (username != null && tokenAuth != null) {
        throw new IllegalStateException("choose htpasswd or token auth, not both");
      }
      Path exe = binary != null ? binary : Peers.require("docker-registry");
      Path base =
          parentDir != null
              ? Files.createTempDirectory(parentDir, "ocitrust-registry-")
              : Files.createTempDirectory("ocitrust-registry-");
      boolean started = false;
      try {
        RegistryServer server = startIn(exe, base.toAbsolutePath());
        started = true;
        return server;
      } finally {
        if (!started) {
          Processes.deleteTree(base);
        }
      }
    }

    private RegistryServer startIn(Path exe, Path base) throws IOException {
      Files.createDirectories(base.resolve("storage"));
      Path htpasswdFile = null;
      if (username != null && password != null) {
        htpasswdFile = base.resolve("htpasswd");
        Files.writeString(htpasswdFile, htpasswdLine(username, password), StandardCharsets.UTF_8);
      }
      TlsIdentity identity = tls ? TlsIdentity.generate(base.resolve("tls")) : null;
      byte[] secret = new byte[16];
      new SecureRandom().nextBytes(secret);
      Path config = base.resolve("config.yml");
      Path log = base.resolve("registry.log");
      String lastFailure = "";
      for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
        int port = freePort();
        Files.writeString(
            config,
            RegistryConfig.render(
                port,
                HexFormat.of().formatHex(secret),
                base.resolve("storage"),
                htpasswdFile,
                tokenAuth,
                identity,
                clientCertificates),
            StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        Process process = launch(exe, base);
        String failure = awaitReady(process, port, identity, startTimeout);
        if (failure == null) {
          return new RegistryServer(this, process, exe, base, port, identity);
        }
        Processes.stop(process, STOP_GRACE);
        String text = Processes.read(log);
        lastFailure =
            failure + " (exit " + exitCode(process) + "); log tail:\n" + Processes.tail(text, 30);
        if (!text.contains("address already in use")) {
          break;
        }
      }
      throw new IOException(
          "docker-registry did not come up on 127.0.0.1 (" + exe + "): " + lastFailure);
    }

    /**
     * Starts {@code exe serve} on the configuration in {@code base}, its output appended to the
     * log.
     */
    static Process launch(Path exe, Path base) throws IOException {
      return new ProcessBuilder(exe.toString(), "serve", base.resolve("config.yml").toString())
          .directory(base.toFile())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(base.resolve("registry.log").toFile()))
          .redirectInput(ProcessBuilder.Redirect.from(nullDevice(base).toFile()))
          .start();
    }

    /** Null when ready, else why not. */
    static @Nullable String awaitReady(
        Process process, int port, @Nullable TlsIdentity identity, Duration startTimeout) {
      String scheme = identity == null ? "http" : "https";
      URI probe = URI.create(scheme + "://127.0.0.1:" + port + "/v2/");
      long deadline = System.nanoTime() + startTimeout.toNanos();
      String last = "no answer";
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          return "the process exited before answering";
        }
        try {
          int status = get(probe, identity);
          if (status == 200 || status == 401) {
            return null;
          }
          last = "GET " + probe + " answered " + status;
        } catch (IOException e) {
          last = "GET " + probe + " failed: " + e;
        }
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return "interrupted while waiting";
        }
      }
      return "no 200/401 within " + startTimeout + "; last: " + last;
    }

    private static int get(URI uri, @Nullable TlsIdentity identity) throws IOException {
      HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
      try {
        if (identity != null && c instanceof HttpsURLConnection) {
          ((HttpsURLConnection) c).setSSLSocketFactory(identity.sslContext().getSocketFactory());
        }
        c.setConnectTimeout(1000);
        c.setReadTimeout(2000);
        c.setUseCaches(false);
        int status = c.getResponseCode();
        InputStream body = status >= 400 ? c.getErrorStream() : c.getInputStream();
        if (body != null) {
          body.close();
        }
        return status;
      } finally {
        c.disconnect();
      }
    }

    private static String exitCode(Process process) {
      return process.isAlive() ? "still running" : Integer.toString(process.exitValue());
    }

    private static Path nullDevice(Path base) throws IOException {
      Path devNull = Path.of("/dev/null");
      if (Files.exists(devNull)) {
        return devNull;
      }
      Path empty = base.resolve("stdin.empty");
      Files.write(empty, new byte[0]);
      return empty;
    }

    private static int freePort() throws IOException {
      try (ServerSocket socket =
          new ServerSocket(0, 1, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}))) {
        socket.setReuseAddress(true);
        return socket.getLocalPort();
      }
    }

    private static String htpasswdLine(String user, String password) {
      byte[] salt = new byte[16];
      new SecureRandom().nextBytes(salt);
      // Cost 5 as `htpasswd -B` uses; the registry checks it on every request.
      return user + ":" + OpenBSDBCrypt.generate("2y", password.toCharArray(), salt, 5) + "\n";
    }
  }
}
