package dev.ocitrust.client.internal.remote;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.RegistryException;
import dev.ocitrust.client.internal.VerifiedContent;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One blob uploaded in PATCH chunks that resumes across requests: when a chunk is refused with 416
 * or its connection breaks (reset, cut, a timeout), it asks the registry for the upload's state
 * ({@code GET} on the newest location: {@code Range} and a fresh {@code Location}) and sends the
 * chunk on from the offset the registry holds, instead of starting again. The chunk in hand is all
 * it can resend: a registry that holds less than the chunk's start, or no longer knows the upload
 * (docker-registry 2.8 cancels one whose stored size no longer matches its location, as after a
 * chunk broken mid-body), fails the upload with a {@link RegistryException} saying so.
 *
 * <p>A chunk is never repeated blindly (its body is one-shot for the retry interceptor): PATCH
 * appends, so a repeat could store bytes twice.
 *
 * <p>Not thread-safe: one per upload.
 */
final class ChunkedUpload {
  private static final Logger LOG = LoggerFactory.getLogger(ChunkedUpload.class);
  private static final MediaType OCTET_STREAM = MediaType.get("application/octet-stream");

  private final BlobUploads uploads;
  private final RemoteContext context;
  private final BlobUploads.Session session;

  ChunkedUpload(BlobUploads uploads, RemoteContext context, BlobUploads.Session session) {
    this.uploads = uploads;
    this.context = context;
    this.session = session;
  }

  /** Sends {@code content}, which must be what {@code expected} describes, and completes it. */
  void send(Descriptor expected, InputStream content) throws IOException {
    long chunk = Math.max(context.chunkSize(), session.minChunk);
    if (chunk > 256L * 1024 * 1024) {
      throw failure(
          0, "POST", expected, "registry demands chunks of " + session.minChunk + " bytes");
    }
    InputStream verified = VerifiedContent.verifying(content, expected, uploads.where());
    byte[] buffer = new byte[(int) Math.min(chunk, Math.max(1, expected.size()))];
    long offset = 0;
    while (offset < expected.size()) {
      int filled =
          verified.readNBytes(buffer, 0, (int) Math.min(buffer.length, expected.size() - offset));
      if (filled == 0) {
        break;
      }
      session.latest = patch(session.latest, buffer, filled, offset, expected);
      offset += filled;
      uploads.report(expected, offset);
    }
    if (verified.read() >= 0) {
      throw new IllegalStateException("verified stream did not end"); // unreachable
    }
    uploads.finish(session.latest, expected);
  }

  /**
   * Sends one chunk, resuming within it from the registry's offset; returns the newest location.
   */
  private HttpUrl patch(HttpUrl location, byte[] buffer, int length, long offset, Descriptor d)
      throws IOException {
    int from = 0;
    HttpUrl at = location;
    int attempts = Math.max(3, context.maxAttempts());
    IOException last = null;
    for (int attempt = 0; attempt < attempts; attempt++) {
      long start = offset + from;
      long end = offset + length - 1;
      try (Response response =
          uploads.send(at, "PATCH", oneShot(buffer, from, length - from), start + "-" + end)) {
        if (response.code() == 202) {
          return uploads.location(response);
        }
        if (response.code() != 416) {
          throw Responses.failure(
              response,
              context.repository(),
              d.digest().toString(),
              "chunk " + start + "-" + end + " refused");
        }
      } catch (RegistryException e) {
        throw e;
      } catch (IOException e) {
        // the connection broke (or timed out) somewhere in this chunk: ask where the upload is
        LOG.debug(
            "{}: chunk {}-{} of {} broke ({}); asking for the upload's state",
            Responses.redact(at),
            start,
            end,
            d.digest(),
            e.toString());
        last = e;
      }
      State state = state(at, d, last);
      at = state.location != null ? state.location : at;
      if (state.have < offset || state.have > offset + length) {
        throw failure(
            416,
            "GET",
            d,
            "registry holds "
                + state.have
                + " bytes of the upload, outside the chunk at "
                + offset
                + " that can be sent again");
      }
      if (state.have == offset + length) {
        return at;
      }
      from = (int) (state.have - offset);
    }
    RegistryException e =
        failure(416, "PATCH", d, "chunk at " + offset + " failed " + attempts + " times");
    if (last != null) {
      e.initCause(last);
    }
    throw e;
  }

  private record State(long have, @Nullable HttpUrl location) {}

  /**
   * The upload's state: how many bytes the registry holds and its fresh location, if it sent one.
   */
  private State state(HttpUrl location, Descriptor d, @Nullable IOException broke)
      throws IOException {
    Request.Builder request = new Request.Builder().url(location).get();
    try (Response response = context.execute(request, context.scope().push(context.repository()))) {
      if (response.code() == 404 && broke != null) {
        RegistryException lost =
            failure(
                404,
                "GET",
                d,
                "the upload was lost when its connection broke ("
                    + broke.getMessage()
                    + "): the registry no longer knows it, and only the current chunk could be"
                    + " sent again");
        lost.addSuppressed(broke);
        throw lost;
      }
      if (response.code() != 204 && response.code() != 200) {
        throw Responses.failure(response, context.repository(), null, "upload status");
      }
      String range = response.header("Range");
      if (range == null || !range.trim().matches("(bytes=)?0-\\d{1,15}")) {
        throw Responses.violation(
            response, context.repository(), null, "upload status without a valid Range");
      }
      String v = range.trim();
      long have = Long.parseLong(v.substring(v.indexOf('-') + 1)) + 1;
      HttpUrl fresh =
          context.resolveLocation(response.request().url(), response.header("Location"));
      return new State(have, fresh);
    }
  }

  private RegistryException failure(int status, String method, Descriptor d, String message) {
    return new RegistryException(
        status,
        method,
        Responses.redact(session.latest),
        context.repository(),
        d.digest().toString(),
        List.of(),
        message);
  }

  /** {@code buffer[from, length)} as a body the retry interceptor never repeats. */
  private static RequestBody oneShot(byte[] buffer, int from, int count) {
    return new RequestBody() {
      @Override
      public MediaType contentType() {
        return OCTET_STREAM;
      }

      @Override
      public long contentLength() {
        return count;
      }

      @Override
      public boolean isOneShot() {
        return true;
      }

      @Override
      public void writeTo(BufferedSink sink) throws IOException {
        sink.write(buffer, from, count);
      }
    };
  }
}
