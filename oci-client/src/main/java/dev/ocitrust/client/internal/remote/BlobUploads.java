package dev.ocitrust.client.internal.remote;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.Digest;
import dev.ocitrust.client.OciException;
import dev.ocitrust.client.RegistryException;
import dev.ocitrust.client.TransferListener;
import dev.ocitrust.client.internal.VerifiedContent;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
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
 * Blob uploads: one streamed PUT (the default, fastest), PATCH chunks with {@code Content-Range}
 * (honouring {@code OCI-Chunk-Min-Length} and always following the newest {@code Location}), a
 * streamed upload whose digest is computed while sending, and cross-repository mounts.
 *
 * <p>Content is verified while it is sent: a stream that is not what its descriptor says fails
 * before its last byte leaves, the upload session is cancelled, and the registry stores nothing.
 *
 * <p>Thread-safe.
 */
public final class BlobUploads {
  private static final Logger LOG = LoggerFactory.getLogger(BlobUploads.class);
  private static final MediaType OCTET_STREAM = MediaType.get("application/octet-stream");
  private static final int BUFFER = 128 * 1024;

  /**
   * Bytes read (and verified) and handed to the request sink at a time by a monolithic upload: at
   * most Okio's segment pool (64 KiB), so every segment is recycled, not reallocated.
   */
  private static final long CHUNK = 32 * 1024;

  private final RemoteContext context;

  /** Creates the uploader for one repository. */
  public BlobUploads(RemoteContext context) {
    this.context = context;
  }

  /** Uploads {@code content}, which must be what {@code expected} describes. */
  public void push(Descriptor expected, InputStream content) throws IOException {
    upload(start(), expected, content);
  }

  private void upload(Session session, Descriptor expected, InputStream content)
      throws IOException {
    try {
      if (context.chunkSize() > 0) {
        new ChunkedUpload(this, context, session).send(expected, content);
      } else {
        monolithic(session, expected, content);
      }
    } catch (IOException | RuntimeException e) {
      cancel(session.latest);
      throw e;
    }
  }

  /**
   * Uploads {@code content} whose digest is not known in advance (one streamed PATCH, digest
   * computed while sending) and returns its descriptor.
   */
  public Descriptor pushStream(String mediaType, InputStream content) throws IOException {
    Session session = start();
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      long[] size = new long[1];
      Descriptor progressKey = Descriptor.of(mediaType, Digest.sha256(new byte[0]), 0);
      RequestBody body =
          new StreamBody(-1) {
            @Override
            public void writeTo(BufferedSink sink) throws IOException {
              byte[] buffer = new byte[BUFFER];
              int n;
              while ((n = content.read(buffer)) >= 0) {
                sha.update(buffer, 0, n);
                sink.write(buffer, 0, n);
                size[0] += n;
                report(progressKey, size[0]);
              }
            }
          };
      HttpUrl location;
      try (Response response = send(session.location, "PATCH", body, null)) {
        if (response.code() != 202) {
          throw Responses.failure(response, context.repository(), null, "streamed upload refused");
        }
        location = location(response);
      }
      Digest digest = new Digest(Digest.SHA256, HexFormat.of().formatHex(sha.digest()));
      Descriptor d = Descriptor.of(mediaType, digest, size[0]);
      finish(location, d);
      return d;
    } catch (IOException | RuntimeException e) {
      cancel(session.location);
      throw e;
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Mounts {@code blob} from repository {@code from} of the same registry.
   *
   * @return true when mounted; false when the registry opened an upload session instead (which is
   *     cancelled) or refused
   */
  public boolean mount(Descriptor blob, String from) throws IOException {
    try (Response response = requestMount(blob, from)) {
      if (response.code() == 202) {
        cancel(context.resolveLocation(response.request().url(), response.header("Location")));
      }
      return response.code() == 201;
    }
  }

  /**
   * Mounts {@code blob} from repository {@code from} (which may be this repository: then the
   * registry's answer says whether the blob is here already), and when the registry opens an upload
   * session instead, as it does for a blob {@code from} lacks, uploads {@code content} through that
   * session: one request for a blob that is there, two for one that is not. A registry that refuses
   * the mount request outright gets an ordinary upload.
   *
   * @return true when mounted (nothing was read from {@code content}); false when uploaded
   */
  public boolean mountOrUpload(Descriptor blob, String from, InputStream content)
      throws IOException {
    Session session;
    try (Response response = requestMount(blob, from)) {
      if (response.code() == 201) {
        return true;
      }
      session = response.code() == 202 ? session(response) : null;
    }
    upload(session != null ? session : start(), blob, content);
    return false;
  }

  private Response requestMount(Descriptor blob, String from) throws IOException {
    HttpUrl url =
        context
            .url("blobs", "uploads", "")
            .newBuilder()
            .addQueryParameter("mount", blob.digest().toString())
            .addQueryParameter("from", from)
            .build();
    AuthScope auth =
        from.equals(context.repository())
            ? context.scope().push(from)
            : context.scope().push(context.repository()).pull(from);
    Request.Builder request = new Request.Builder().url(url).post(RequestBody.create(new byte[0]));
    Response response = context.execute(request, auth);
    if (response.code() != 201 && response.code() != 202) {
      LOG.debug("mount of {} from {} refused: HTTP {}", blob.digest(), from, response.code());
    }
    return response;
  }

  /** An upload session: where it started, its newest location, the smallest chunk it takes. */
  static final class Session {
    final HttpUrl location;
    final long minChunk;
    HttpUrl latest;

    Session(HttpUrl location, long minChunk) {
      this.location = location;
      this.minChunk = minChunk;
      this.latest = location;
    }
  }

  private Session start() throws IOException {
    HttpUrl url = context.url("blobs", "uploads", "");
    Request.Builder request = new Request.Builder().url(url).post(RequestBody.create(new byte[0]));
    try (Response response = context.execute(request, context.scope().push(context.repository()))) {
      if (response.code() != 202) {
        throw Responses.failure(response, context.repository(), null, "upload not started");
      }
      return session(response);
    }
  }

  /** The upload session a 202 answer to a POST opened. */
  private Session session(Response response) throws RegistryException {
    long min = 0;
    String header = response.header("OCI-Chunk-Min-Length");
    if (header != null && header.trim().matches("\\d{1,12}")) {
      min = Long.parseLong(header.trim());
    }
    return new Session(location(response), min);
  }

  private void monolithic(Session session, Descriptor expected, InputStream content)
      throws IOException {
    long[] sent = new long[1];
    RequestBody body =
        new StreamBody(expected.size()) {
          @Override
          public void writeTo(BufferedSink sink) throws IOException {
            // A stream that already verifies this content (a fetch from another registry or
            // store) is not hashed twice; it still fails before its last byte when the content
            // is wrong. Hashing stays on byte arrays: hashing Okio's segment arrays in place
            // (tried) made HotSpot 17's SHA-256 stub run 3-5x slower in 5 of 12 cold JVMs.
            // The caller's stream is read, never closed: it belongs to the caller.
            InputStream verified = VerifiedContent.verifying(content, expected, where());
            byte[] chunk = new byte[(int) Math.max(1, Math.min(CHUNK, expected.size()))];
            int n;
            try (TimeoutHeartbeat heartbeat = context.heartbeat()) {
              heartbeat.renew();
              while ((n = verified.read(chunk, 0, chunk.length)) >= 0) {
                sink.write(chunk, 0, n);
                sent[0] += n;
                report(expected, sent[0]);
                heartbeat.renew();
              }
            }
          }
        };
    HttpUrl url = withDigest(session.location, expected.digest());
    try (Response response = send(url, "PUT", body, null)) {
      expectCreated(response, expected);
    } catch (IOException e) {
      if (e instanceof OciException) {
        throw e; // typed already: a timeout, a refused connection, wrong content
      }
      if (stored(expected)) {
        return; // the answer was lost, not the blob
      }
      RegistryException broke =
          new RegistryException(
              0,
              "PUT",
              Responses.redact(url),
              context.repository(),
              expected.digest().toString(),
              java.util.List.of(),
              "the upload broke after "
                  + sent[0]
                  + " of "
                  + expected.size()
                  + " bytes ("
                  + e
                  + "); a streamed upload cannot be sent again: push again, or upload in chunks"
                  + " (chunk size) to resume from the registry's offset");
      broke.initCause(e);
      throw broke;
    }
  }

  /**
   * Completes the upload at {@code location}. When the answer is lost (the connection broke, or a
   * repeated PUT finds the session already completed), the registry is asked whether it holds the
   * blob by digest and size, as a fetch would check it.
   */
  void finish(HttpUrl location, Descriptor expected) throws IOException {
    try (Response response =
        send(
            withDigest(location, expected.digest()),
            "PUT",
            RequestBody.create(new byte[0]),
            null)) {
      if (response.code() == 404 && stored(expected)) {
        LOG.debug("{}: completed by an earlier PUT whose answer was lost", expected.digest());
        return;
      }
      expectCreated(response, expected);
    } catch (IOException e) {
      if (e instanceof RegistryException || !stored(expected)) {
        throw e;
      }
    }
  }

  /** Whether the registry holds {@code blob} (HEAD: 200 with its size); false when unsure. */
  private boolean stored(Descriptor blob) {
    HttpUrl url = context.url("blobs", blob.digest().toString());
    try (Response response =
        context.execute(
            new Request.Builder().url(url).head(), context.scope().pull(context.repository()))) {
      String length = response.header("Content-Length");
      return response.code() == 200 && String.valueOf(blob.size()).equals(length);
    } catch (IOException | RuntimeException e) {
      LOG.debug("{}: presence unknown ({})", blob.digest(), e.toString());
      return false;
    }
  }

  private void expectCreated(Response response, Descriptor expected) throws IOException {
    if (response.code() != 201) {
      throw Responses.failure(
          response,
          context.repository(),
          expected.digest().toString(),
          "blob upload not completed");
    }
    String header = response.header("Docker-Content-Digest");
    if (header != null
        && !header.trim().equals(expected.digest().toString())
        && header.trim().startsWith(expected.digest().algorithm() + ":")) {
      throw Responses.violation(
          response,
          context.repository(),
          expected.digest().toString(),
          "registry stored " + header.trim() + " instead of " + expected.digest());
    }
  }

  Response send(HttpUrl url, String method, RequestBody body, @Nullable String range)
      throws IOException {
    Request.Builder request = new Request.Builder().url(url).method(method, body);
    if (range != null) {
      request.header("Content-Range", range);
    }
    return context.execute(request, context.scope().push(context.repository()));
  }

  HttpUrl location(Response response) throws RegistryException {
    HttpUrl url = context.resolveLocation(response.request().url(), response.header("Location"));
    if (url == null) {
      throw Responses.violation(
          response, context.repository(), null, "missing, invalid or insecure upload Location");
    }
    return url;
  }

  /** Names this repository's uploads in verification errors. */
  String where() {
    return "upload to " + context.repository();
  }

  private static HttpUrl withDigest(HttpUrl location, Digest digest) {
    return location.newBuilder().setQueryParameter("digest", digest.toString()).build();
  }

  private void cancel(@Nullable HttpUrl location) {
    if (location == null) {
      return;
    }
    try (Response ignored =
        context.execute(
            new Request.Builder().url(location).delete(),
            context.scope().push(context.repository()))) {
      LOG.debug("cancelled upload {}: HTTP {}", Responses.redact(location), ignored.code());
    } catch (IOException | RuntimeException e) {
      LOG.debug("cancelling upload {} failed: {}", Responses.redact(location), e.toString());
    }
  }

  void report(Descriptor blob, long bytes) {
    try {
      context.listener().progress(blob, TransferListener.Direction.UPLOAD, bytes);
    } catch (RuntimeException e) {
      LOG.debug("transfer listener failed", e);
    }
  }

  /** A body that streams once. */
  private abstract static class StreamBody extends RequestBody {
    private final long length;

    StreamBody(long length) {
      this.length = length;
    }

    @Override
    public MediaType contentType() {
      return OCTET_STREAM;
    }

    @Override
    public long contentLength() {
      return length;
    }

    @Override
    public boolean isOneShot() {
      return true;
    }
  }
}
