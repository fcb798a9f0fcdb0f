package dev.ocitrust.client.internal.remote;

import dev.ocitrust.client.ContentVerificationException;
import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.Digest;
import dev.ocitrust.client.InvalidDigestException;
import dev.ocitrust.client.NotFoundException;
import dev.ocitrust.client.TransferListener;
import dev.ocitrust.client.internal.VerifiedInputStream;
import java.io.IOException;
import java.io.InputStream;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Blob downloads as verified streams that resume after a broken connection: the next request asks
 * for {@code Range: bytes=<next>-} and continues on a matching 206; a 200 instead is read from the
 * start, skipping what was already handed out. The whole content is still verified by digest.
 *
 * <p>Thread-safe; each stream it hands out is not.
 */
public final class BlobDownloads {
  private static final Logger LOG = LoggerFactory.getLogger(BlobDownloads.class);

  private final RemoteContext context;

  /** Creates the downloader for one repository. */
  public BlobDownloads(RemoteContext context) {
    this.context = context;
  }

  /**
   * Opens {@code blob}; the caller closes the stream.
   *
   * @throws NotFoundException when the registry does not have it
   * @throws ContentVerificationException when the response's length or digest header contradict the
   *     descriptor
   */
  public InputStream open(Descriptor blob) throws IOException {
    HttpUrl url = context.url("blobs", blob.digest().toString());
    Response response = request(url, 0);
    if (response.code() == 404) {
      throw Responses.notFound(response, context.repository(), blob.digest().toString());
    }
    if (response.code() != 200) {
      throw Responses.failure(response, context.repository(), blob.digest().toString(), null);
    }
    try {
      check(response, blob, 0);
    } catch (IOException e) {
      response.close();
      throw e;
    }
    InputStream resuming = new Resuming(blob, url, response);
    return new VerifiedInputStream(resuming, blob, Responses.redact(url));
  }

  private Response request(HttpUrl url, long from) throws IOException {
    Request.Builder request =
        new Request.Builder()
            .url(url)
            .get()
            .tag(DeadlineInterceptor.BlobBody.class, DeadlineInterceptor.BLOB_BODY);
    if (from > 0) {
      request.header("Range", "bytes=" + from + "-");
    }
    return context.execute(request, context.scope().pull(context.repository()));
  }

  /** Checks length and digest headers of a response that starts at {@code from}. */
  private void check(Response response, Descriptor blob, long from) throws IOException {
    long length = response.body().contentLength();
    if (length >= 0 && length != blob.size() - from) {
      throw new ContentVerificationException(
          Responses.redact(response.request().url())
              + ": Content-Length "
              + length
              + " does not match the "
              + (blob.size() - from)
              + " bytes expected of "
              + blob.digest());
    }
    String header = response.header("Docker-Content-Digest");
    if (header != null) {
      Digest claimed;
      try {
        claimed = Digest.parse(header.trim());
      } catch (InvalidDigestException e) {
        throw new ContentVerificationException(
            Responses.redact(response.request().url()) + ": invalid Docker-Content-Digest");
      }
      if (claimed.algorithm().equals(blob.digest().algorithm()) && !claimed.equals(blob.digest())) {
        throw new ContentVerificationException(
            Responses.redact(response.request().url())
                + ": Docker-Content-Digest "
                + claimed
                + " is not the requested "
                + blob.digest());
      }
    }
  }

  /** The raw bytes of a blob across reconnections. */
  private final class Resuming extends InputStream {
    private final Descriptor blob;
    private final HttpUrl url;
    private Response response;
    private BufferedSource in;
    private long position;
    private int resumes;
    private long lastReported;
    private final TimeoutHeartbeat heartbeat = context.heartbeat();

    Resuming(Descriptor blob, HttpUrl url, Response response) {
      this.blob = blob;
      this.url = url;
      this.response = response;
      this.in = response.body().source();
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      while (true) {
        try {
          heartbeat.renew();
          int n = in.read(b, off, len);
          if (n > 0) {
            position += n;
            report();
          }
          if (n < 0 && position < blob.size()) {
            throw new java.io.EOFException("connection ended after " + position + " bytes");
          }
          return n;
        } catch (IOException e) {
          if (position >= blob.size() || resumes + 1 >= Math.max(2, context.maxAttempts())) {
            throw e;
          }
          resumes++;
          LOG.debug(
              "{}: download of {} broke after {} bytes ({}); resuming",
              Responses.redact(url),
              blob.digest(),
              position,
              e.toString());
          reopen(e);
        }
      }
    }

    private void reopen(IOException cause) throws IOException {
      response.close();
      Response next = request(url, position);
      try {
        if (next.code() == 206 && startsAt(next.header("Content-Range"), position)) {
          check(next, blob, position);
        } else if (next.code() == 200) {
          // no range support: read the start again and skip what was already handed out
          check(next, blob, 0);
          if (discard(next.body().source().inputStream(), position) != position) {
            throw cause;
          }
        } else {
          throw cause;
        }
      } catch (IOException | RuntimeException e) {
        next.close();
        throw e;
      }
      response = next;
      in = next.body().source();
    }

    private void report() {
      if (position - lastReported >= 256 * 1024 || position == blob.size()) {
        lastReported = position;
        try {
          context.listener().progress(blob, TransferListener.Direction.DOWNLOAD, position);
        } catch (RuntimeException e) {
          LOG.debug("transfer listener failed", e);
        }
      }
    }

    @Override
    public void close() {
      heartbeat.close();
      response.close();
    }
  }

  private static long discard(InputStream in, long n) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long done = 0;
    while (done < n) {
      int r = in.read(buffer, 0, (int) Math.min(buffer.length, n - done));
      if (r < 0) {
        break;
      }
      done += r;
    }
    return done;
  }

  private static boolean startsAt(@Nullable String contentRange, long position) {
    return contentRange != null && contentRange.trim().startsWith("bytes " + position + "-");
  }
}
