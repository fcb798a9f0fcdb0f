package dev.ocitrust.claims;

import dev.ocitrust.claims.internal.ScittWire;
import dev.ocitrust.client.RegistryClient;
import dev.ocitrust.client.Sleeper;
import dev.ocitrust.cose.CoseFormatException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;

/**
 * A SCRAPI client (draft-ietf-scitt-scrapi) for a SCITT transparency service: registers signed
 * statements ({@code POST /entries}), waits for their receipts ({@code 201}, or {@code 303} then
 * polling {@code GET /entries/{id}} with its {@code Retry-After}, bounded by a deadline), fetches
 * receipts and the service's key set, and turns concise problem details into {@link
 * TransparencyServiceException}s. Requests go through a {@link RegistryClient}'s HTTP stack: its
 * connections, TLS settings, retry policy (429, 502-504, I/O errors) and credentials for the
 * service's {@code host[:port]}.
 *
 * <p>Plain {@code http} is used only for a loopback service or when {@link
 * Builder#insecurePlainHttp(boolean)} says so. Nothing the service answers is trusted here: a
 * receipt is verified offline against the service's configured keys.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * TransparencyClient ts = TransparencyClient.builder(URI.create("https://ts.example"), registry)
 *     .deadline(Duration.ofMinutes(2)).build();
 * byte[] transparent = ts.registerAndEmbed(signedStatement);
 * }</pre>
 */
public final class TransparencyClient {
  private static final MediaType COSE = MediaType.get("application/cose");
  private static final int MAX_BODY = 4 * 1024 * 1024;
  private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

  private final HttpUrl base;
  private final OkHttpClient http;
  private final Duration deadline;
  private final Clock clock;
  private final Sleeper sleeper;

  private TransparencyClient(Builder b, HttpUrl base) {
    this.base = base;
    this.http = b.registry.serviceHttpClient();
    this.deadline = b.deadline;
    this.clock = b.clock;
    this.sleeper = b.sleeper;
  }

  /** A builder for the service at {@code service}, over {@code registry}'s HTTP stack. */
  public static Builder builder(URI service, RegistryClient registry) {
    return new Builder(service, registry);
  }

  /** The service's base URL. */
  public URI uri() {
    return base.uri();
  }

  /**
   * Registers {@code statement} and returns its receipt, waiting for it up to the deadline.
   *
   * @throws TransparencyServiceException if the service refuses (its problem title and detail),
   *     answers something SCRAPI does not define, or gives no receipt before the deadline
   * @throws IOException if the service cannot be reached
   */
  public byte[] register(byte[] statement) throws IOException {
    Instant until = clock.instant().plus(deadline);
    HttpUrl url = base.newBuilder().addPathSegment("entries").build();
    Request post =
        new Request.Builder()
            .url(url)
            .header("Accept", "application/cose")
            .post(RequestBody.create(statement, COSE))
            .build();
    try (Response r = http.newCall(post).execute()) {
      if (r.code() == 201) {
        return body(r);
      }
      if (r.code() != 303) {
        throw failure(r, "registering a statement");
      }
      HttpUrl next = location(r);
      pause(retryAfter(r), until, next);
      return poll(next, until);
    }
  }

  /**
   * Registers {@code statement} and returns it with the receipt embedded in its unprotected header
   * (394): a transparent statement, whose signature and entry bytes are unchanged.
   *
   * @throws TransparencyServiceException as {@link #register}, or if the statement is not a tagged
   *     COSE_Sign1 (then nothing is registered)
   */
  public byte[] registerAndEmbed(byte[] statement) throws IOException {
    try {
      ScittWire.embedReceipt(
          statement, new byte[] {(byte) 0xa0}); // refuse early what cannot carry one
      return ScittWire.embedReceipt(statement, register(statement));
    } catch (CoseFormatException e) {
      String why = String.valueOf(e.getMessage());
      throw new TransparencyServiceException(
          0, "Bad Statement", why, "cannot embed a receipt: " + why);
    }
  }

  /**
   * The receipt of entry {@code id}, waiting while the service says it is pending.
   *
   * @throws TransparencyServiceException if the entry is unknown (404) or no receipt comes before
   *     the deadline
   */
  public byte[] receipt(String id) throws IOException {
    Instant until = clock.instant().plus(deadline);
    return poll(base.newBuilder().addPathSegment("entries").addPathSegment(id).build(), until);
  }

  /** The service's COSE_KeySet ({@code /.well-known/scitt-keys}), as served (unverified). */
  public byte[] keySet() throws IOException {
    HttpUrl url =
        base.newBuilder().addPathSegment(".well-known").addPathSegment("scitt-keys").build();
    try (Response r =
        http.newCall(new Request.Builder().url(url).header("Accept", "application/cbor").build())
            .execute()) {
      if (r.code() != 200) {
        throw failure(r, "fetching the service keys");
      }
      return body(r);
    }
  }

  private byte[] poll(HttpUrl url, Instant until) throws IOException {
    while (true) {
      try (Response r =
          http.newCall(new Request.Builder().url(url).header("Accept", "application/cose").build())
              .execute()) {
        if (r.code() == 200) {
          return body(r);
        }
        if (r.code() != 302) {
          throw failure(r, "fetching the receipt");
        }
        HttpUrl next = r.header("Location") == null ? url : location(r);
        pause(retryAfter(r), until, url);
        url = next;
      }
    }
  }

  private void pause(Duration wait, Instant until, HttpUrl url) throws IOException {
    Duration left = Duration.between(clock.instant(), until);
    if (left.isNegative() || left.isZero() || wait.compareTo(left) > 0) {
      throw new TransparencyServiceException(
          0,
          "Timeout",
          "",
          "no receipt from "
              + url
              + " within "
              + deadline.toSeconds()
              + " s (the service asks to wait "
              + wait.toSeconds()
              + " s more)");
    }
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for a receipt from " + url);
    }
  }

  private static Duration retryAfter(Response r) {
    String v = r.header("Retry-After");
    if (v != null && v.trim().matches("\\d{1,6}")) {
      return Duration.ofSeconds(Long.parseLong(v.trim()));
    }
    return DEFAULT_RETRY_AFTER;
  }

  private HttpUrl location(Response r) throws TransparencyServiceException {
    String loc = r.header("Location");
    HttpUrl next = loc == null ? null : r.request().url().resolve(loc);
    if (next == null) {
      throw new TransparencyServiceException(
          r.code(),
          "Invalid locator",
          "",
          base + " answered " + r.code() + " without a usable Location (" + loc + ")");
    }
    if (!next.scheme().equals(base.scheme())
        || !next.host().equals(base.host())
        || next.port() != base.port()) {
      throw new TransparencyServiceException(
          r.code(), "Invalid locator", "", base + " pointed to another origin: " + next);
    }
    return next;
  }

  private static byte[] body(Response r) throws IOException {
    ResponseBody b = r.body();
    long declared = b.contentLength();
    if (declared > MAX_BODY) {
      throw new TransparencyServiceException(
          r.code(), "Too Large", "", r.request().url() + " sent " + declared + " bytes");
    }
    byte[] data = b.byteStream().readNBytes(MAX_BODY + 1);
    if (data.length > MAX_BODY) {
      throw new TransparencyServiceException(
          r.code(), "Too Large", "", r.request().url() + " sent more than " + MAX_BODY + " bytes");
    }
    return data;
  }

  private static TransparencyServiceException failure(Response r, String what) throws IOException {
    byte[] data = body(r);
    Optional<String[]> problem = ScittWire.problem(data);
    String title = problem.map(p -> p[0]).orElse(r.message());
    String detail = problem.map(p -> p[1]).orElse("");
    return new TransparencyServiceException(
        r.code(),
        title,
        detail,
        what
            + " at "
            + r.request().url()
            + ": HTTP "
            + r.code()
            + (title.isEmpty() ? "" : " " + title)
            + (detail.isEmpty() ? "" : ": " + detail));
  }

  @Override
  public String toString() {
    return "TransparencyClient[" + base + "]";
  }

  /** Builds a {@link TransparencyClient}. Not thread-safe. */
  public static final class Builder {
    private final URI service;
    private final RegistryClient registry;
    private Duration deadline = Duration.ofSeconds(60);
    private boolean plainHttp;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.SYSTEM;

    private Builder(URI service, RegistryClient registry) {
      this.service = Objects.requireNonNull(service, "service");
      this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** How long a registration or receipt may take in all, polling included; 60 s by default. */
    public Builder deadline(Duration deadline) {
      if (deadline.isNegative() || deadline.isZero()) {
        throw new IllegalArgumentException("the deadline must be positive, found " + deadline);
      }
      this.deadline = deadline;
      return this;
    }

    /** Allows plain {@code http} to a service that is not on loopback (off by default). */
    public Builder insecurePlainHttp(boolean allow) {
      this.plainHttp = allow;
      return this;
    }

    /** The clock of the deadline. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** What waits between polls; real time by default. */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * The client.
     *
     * @throws IllegalArgumentException if the URI is not http(s), has a query, or is plain http to
     *     a host that is not loopback without {@link #insecurePlainHttp(boolean)}
     */
    public TransparencyClient build() {
      @Nullable HttpUrl url = HttpUrl.get(service.toString().replaceAll("/+$", "") + "/");
      if (url.query() != null) {
        throw new IllegalArgumentException("the service URI " + service + " must not have a query");
      }
      if (url.scheme().equals("http") && !plainHttp && !isLoopback(url.host())) {
        throw new IllegalArgumentException(
            "the service URI "
                + service
                + " is plain http to a host that is not loopback: use https, or allow plain http"
                + " explicitly");
      }
      // without the trailing empty segment, so that addPathSegment appends
      HttpUrl base = url.newBuilder().removePathSegment(url.pathSize() - 1).build();
      return new TransparencyClient(this, base);
    }

    private static boolean isLoopback(String host) {
      if (host.equals("localhost")) {
        return true;
      }
      if (!host.matches("[0-9.]+|[0-9a-fA-F:]+")) {
        return false;
      }
      try {
        return InetAddress.getByName(host).isLoopbackAddress();
      } catch (UnknownHostException e) {
        return false;
      }
    }
  }
}
