package dev.ocitrust.client.internal.remote;

import dev.ocitrust.client.Timeouts;
import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSink;
import okio.BufferedSource;
import okio.ForwardingSink;
import okio.ForwardingSource;
import okio.Okio;
import org.jspecify.annotations.Nullable;

/**
 * The outermost interceptor: puts each call under a {@link Watch} of the client's {@link Watchdog}
 * (the request deadline across all its retries, the stall rule while a body moves) and turns
 * timeouts, its own and the socket's, into {@link dev.ocitrust.client.RegistryTimeoutException}s
 * naming the host. A request body is a transfer while it is written; a response body is one when
 * the request is tagged {@link #BLOB_BODY}, else it is read under the deadline.
 *
 * <p>Thread-safe.
 */
public final class DeadlineInterceptor implements Interceptor {
  /** The tag of requests whose response body is a blob, watched by the stall rule. */
  static final BlobBody BLOB_BODY = new BlobBody();

  /** The type of {@link #BLOB_BODY}. */
  static final class BlobBody {
    private BlobBody() {}
  }

  private final Watchdog watchdog;

  /** Enforces {@code limits}. */
  public DeadlineInterceptor(Timeouts limits) {
    this.watchdog = new Watchdog(limits);
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    String host = HostPolicy.registryOf(request.url());
    Watch watch =
        watchdog.watch(
            chain.call(), host, request.method() + " " + Responses.redact(request.url()));
    boolean[] sending = new boolean[1];
    RequestBody body = request.body();
    if (body != null) {
      request =
          request.newBuilder().method(request.method(), new Sent(body, watch, sending)).build();
    }
    Response response;
    try {
      response = chain.proceed(request);
    } catch (IOException e) {
      watchdog.done(watch);
      throw watch.failure(e, sending[0]);
    } catch (RuntimeException | Error e) {
      watchdog.done(watch);
      throw e;
    }
    if (request.tag(BlobBody.class) != null && response.isSuccessful()) {
      watch.transferring(System.nanoTime());
    }
    return response.newBuilder().body(new Received(response.body(), watch)).build();
  }

  /** A request body written as a transfer. */
  private static final class Sent extends RequestBody {
    private final RequestBody body;
    private final Watch watch;
    private final boolean[] sending;

    Sent(RequestBody body, Watch watch, boolean[] sending) {
      this.body = body;
      this.watch = watch;
      this.sending = sending;
    }

    @Override
    public @Nullable MediaType contentType() {
      return body.contentType();
    }

    @Override
    public long contentLength() throws IOException {
      return body.contentLength();
    }

    @Override
    public boolean isOneShot() {
      return body.isOneShot();
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
      watch.transferring(System.nanoTime());
      sending[0] = true;
      BufferedSink counted =
          Okio.buffer(
              new ForwardingSink(sink) {
                @Override
                public void write(Buffer source, long byteCount) throws IOException {
                  super.write(source, byteCount);
                  watch.moved(byteCount);
                }
              });
      try {
        body.writeTo(counted);
        counted.emit();
      } catch (IOException e) {
        throw watch.failure(e, true);
      } finally {
        sending[0] = false;
        watch.awaiting(System.nanoTime());
      }
    }
  }

  /** A response body whose reads are counted and whose end ends the watch. */
  private final class Received extends ResponseBody {
    private final ResponseBody body;
    private final BufferedSource source;

    Received(ResponseBody body, Watch watch) {
      this.body = body;
      this.source =
          Okio.buffer(
              new ForwardingSource(body.source()) {
                @Override
                public long read(Buffer sink, long byteCount) throws IOException {
                  long n;
                  try {
                    n = super.read(sink, byteCount);
                  } catch (IOException e) {
                    watchdog.done(watch);
                    throw watch.failure(e, false);
                  }
                  if (n < 0) {
                    watchdog.done(watch);
                  } else {
                    watch.moved(n);
                  }
                  return n;
                }

                @Override
                public void close() throws IOException {
                  watchdog.done(watch);
                  super.close();
                }
              });
    }

    @Override
    public @Nullable MediaType contentType() {
      return body.contentType();
    }

    @Override
    public long contentLength() {
      return body.contentLength();
    }

    @Override
    public BufferedSource source() {
      return source;
    }
  }
}
