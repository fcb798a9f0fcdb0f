package dev.ocitrust.client.internal.remote;

import dev.ocitrust.client.ContentVerificationException;
import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.Digest;
import dev.ocitrust.client.InvalidDigestException;
import dev.ocitrust.client.InvalidManifestException;
import dev.ocitrust.client.Manifest;
import dev.ocitrust.client.MediaTypes;
import dev.ocitrust.client.NotFoundException;
import dev.ocitrust.client.OciException;
import java.io.IOException;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * The manifest endpoints of one repository: HEAD, GET (capped at {@link Manifest#MAX_BYTES} before
 * and while reading, digest checked against the request and {@code Docker-Content-Digest}), PUT of
 * exact bytes with their own media type, DELETE.
 *
 * <p>Thread-safe.
 */
public final class Manifests {
  private final RemoteContext context;

  /** Creates the collaborator for one repository. */
  public Manifests(RemoteContext context) {
    this.context = context;
  }

  /** A fetched manifest: its verified bytes and descriptor. */
  @SuppressWarnings("ArrayRecordComponent") // a carrier handed to one caller, never compared
  public record Fetched(Descriptor descriptor, byte[] bytes) {}

  /** The result of a PUT: the {@code OCI-Subject} header, if any. */
  public record Pushed(@Nullable String ociSubject) {}

  /**
   * Fetches the manifest named by {@code reference} (tag or digest).
   *
   * @throws NotFoundException when there is none
   * @throws ContentVerificationException when the bytes do not match the requested digest or the
   *     registry's {@code Docker-Content-Digest}
   */
  public Fetched get(String reference) throws IOException {
    HttpUrl url = context.url("manifests", reference);
    Request.Builder request =
        new Request.Builder().url(url).get().header("Accept", MediaTypes.MANIFEST_ACCEPT);
    try (Response response = context.execute(request, context.scope().pull(context.repository()))) {
      if (response.code() == 404) {
        throw notFound(response, reference);
      }
      if (response.code() != 200) {
        throw Responses.failure(response, context.repository(), reference, null);
      }
      byte[] bytes;
      try {
        bytes = Responses.readCapped(response, Manifest.MAX_BYTES, "manifest " + reference);
      } catch (OciException e) {
        throw new InvalidManifestException(Responses.redact(url) + ": " + e.getMessage(), e);
      }
      Digest expected = isDigest(reference) ? Digest.parse(reference) : null;
      String header = response.header("Docker-Content-Digest");
      Digest claimed = null;
      if (header != null) {
        try {
          claimed = Digest.parse(header.trim());
        } catch (InvalidDigestException e) {
          throw new ContentVerificationException(
              Responses.redact(url) + ": invalid Docker-Content-Digest '" + header + "'");
        }
      }
      String algorithm =
          expected != null
              ? expected.algorithm()
              : claimed != null ? claimed.algorithm() : Digest.SHA256;
      Digest actual = Digest.of(algorithm, bytes);
      if (expected != null && !expected.equals(actual)) {
        throw new ContentVerificationException(
            Responses.redact(url) + ": manifest bytes have digest " + actual + ", not " + expected);
      }
      if (claimed != null && !claimed.equals(Digest.of(claimed.algorithm(), bytes))) {
        throw new ContentVerificationException(
            Responses.redact(url)
                + ": Docker-Content-Digest "
                + claimed
                + " does not match the manifest bytes ("
                + actual
                + ")");
      }
      String mediaType = mediaType(response.header("Content-Type"), bytes);
      return new Fetched(Descriptor.of(mediaType, actual, bytes.length), bytes);
    }
  }

  /**
   * The descriptor of {@code reference} from a HEAD request, or empty when the registry's answer
   * lacks what a descriptor needs (then the caller GETs).
   *
   * @throws NotFoundException when there is none
   */
  public Optional<Descriptor> head(String reference) throws IOException {
    HttpUrl url = context.url("manifests", reference);
    Request.Builder request =
        new Request.Builder().url(url).head().header("Accept", MediaTypes.MANIFEST_ACCEPT);
    try (Response response = context.execute(request, context.scope().pull(context.repository()))) {
      if (response.code() == 404) {
        throw notFound(response, reference);
      }
      if (response.code() != 200) {
        return Optional.empty();
      }
      String type = contentType(response.header("Content-Type"));
      String length = response.header("Content-Length");
      String header = response.header("Docker-Content-Digest");
      if (type == null
          || !MediaTypes.isManifest(type)
          || length == null
          || !length.trim().matches("\\d{1,9}")) {
        return Optional.empty();
      }
      long size = Long.parseLong(length.trim());
      if (size > Manifest.MAX_BYTES) {
        throw new InvalidManifestException(
            Responses.redact(url)
                + ": manifest is "
                + size
                + " bytes; the limit is "
                + Manifest.MAX_BYTES);
      }
      Digest digest;
      if (isDigest(reference)) {
        digest = Digest.parse(reference);
        if (header != null && !header.trim().equals(reference)) {
          throw new ContentVerificationException(
              Responses.redact(url)
                  + ": Docker-Content-Digest "
                  + header.trim()
                  + " is not the requested "
                  + reference);
        }
      } else if (header != null) {
        try {
          digest = Digest.parse(header.trim());
        } catch (InvalidDigestException e) {
          return Optional.empty();
        }
      } else {
        return Optional.empty();
      }
      return Optional.of(Descriptor.of(type, digest, size));
    }
  }

  /** Whether the manifest {@code digest} exists. */
  public boolean exists(Digest digest) throws IOException {
    HttpUrl url = context.url("manifests", digest.toString());
    Request.Builder request =
        new Request.Builder().url(url).head().header("Accept", MediaTypes.MANIFEST_ACCEPT);
    try (Response response = context.execute(request, context.scope().pull(context.repository()))) {
      if (response.code() == 200) {
        return true;
      }
      if (response.code() == 404) {
        return false;
      }
      throw Responses.failure(response, context.repository(), digest.toString(), null);
    }
  }

  /** PUTs {@code bytes} as {@code mediaType} under {@code reference} (tag or digest). */
  public Pushed put(String reference, byte[] bytes, String mediaType) throws IOException {
    HttpUrl url = context.url("manifests", reference);
    RequestBody body = RequestBody.create(bytes, MediaType.get(mediaType));
    Request.Builder request = new Request.Builder().url(url).put(body);
    try (Response response = context.execute(request, context.scope().push(context.repository()))) {
      if (response.code() != 201 && response.code() != 200) {
        throw Responses.failure(response, context.repository(), reference, "manifest refused");
      }
      String header = response.header("Docker-Content-Digest");
      if (header != null
          && header.trim().startsWith("sha256:")
          && !header.trim().equals(Digest.sha256(bytes).toString())) {
        throw Responses.violation(
            response,
            context.repository(),
            reference,
            "registry stored the manifest as " + header.trim() + ", not " + Digest.sha256(bytes));
      }
      return new Pushed(response.header("OCI-Subject"));
    }
  }

  /**
   * Deletes the manifest {@code reference}.
   *
   * @throws NotFoundException when there is none
   */
  public void delete(String reference) throws IOException {
    HttpUrl url = context.url("manifests", reference);
    try (Response response =
        context.execute(
            new Request.Builder().url(url).delete(),
            context.scope().delete(context.repository()))) {
      if (response.code() == 404) {
        throw notFound(response, reference);
      }
      if (response.code() != 202 && response.code() != 200 && response.code() != 204) {
        throw Responses.failure(response, context.repository(), reference, "delete refused");
      }
    }
  }

  private NotFoundException notFound(Response response, String reference) {
    return Responses.notFound(response, context.repository(), reference);
  }

  static boolean isDigest(String reference) {
    return reference.indexOf(':') > 0;
  }

  private static @Nullable String contentType(@Nullable String header) {
    if (header == null) {
      return null;
    }
    int semicolon = header.indexOf(';');
    return (semicolon < 0 ? header : header.substring(0, semicolon)).trim();
  }

  /** The media type: a manifest type from Content-Type, else the JSON's, else OCI manifest. */
  private static String mediaType(@Nullable String header, byte[] bytes) {
    String type = contentType(header);
    if (type != null && MediaTypes.isManifest(type)) {
      return type;
    }
    try {
      return Manifest.parse(bytes, null).mediaType();
    } catch (InvalidManifestException e) {
      return type == null || type.isEmpty() ? MediaTypes.OCI_MANIFEST : type;
    }
  }
}
