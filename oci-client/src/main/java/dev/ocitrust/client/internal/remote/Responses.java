package dev.ocitrust.client.internal.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocitrust.client.NotFoundException;
import dev.ocitrust.client.OciException;
import dev.ocitrust.client.RegistryError;
import dev.ocitrust.client.RegistryException;
import dev.ocitrust.client.internal.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;

/** Reading registry responses safely: capped bodies, error bodies, redacted URLs. */
public final class Responses {
  /** The most of an error body that is read. */
  static final int MAX_ERROR_BODY = 64 * 1024;

  private static final Set<String> SHOWN_QUERY =
      Set.of("digest", "mount", "from", "n", "last", "artifactType", "service", "scope");

  private Responses() {}

  /** {@code url} without user info and with query values other than harmless ones hidden. */
  public static String redact(HttpUrl url) {
    HttpUrl.Builder b = url.newBuilder().username("").password("").query(null);
    for (int i = 0; i < url.querySize(); i++) {
      String name = url.queryParameterName(i);
      String value = url.queryParameterValue(i);
      b.addQueryParameter(name, SHOWN_QUERY.contains(name) ? value : "<redacted>");
    }
    return b.build().toString();
  }

  /**
   * Reads the body of {@code response}, refusing more than {@code max} bytes: before reading when
   * {@code Content-Length} says so, else as soon as the stream passes the limit.
   */
  public static byte[] readCapped(Response response, long max, String what) throws IOException {
    ResponseBody body = response.body();
    long declared = body.contentLength();
    if (declared > max) {
      throw new OciException(
          what + " is " + declared + " bytes (Content-Length); the limit is " + max);
    }
    try (InputStream in = body.byteStream()) {
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
      if (bytes.length > max) {
        throw new OciException(what + " is longer than the limit of " + max + " bytes");
      }
      if (declared >= 0 && bytes.length != declared) {
        throw new OciException(
            what + " ended after " + bytes.length + " of " + declared + " bytes");
      }
      return bytes;
    }
  }

  /**
   * The exception for an unexpected {@code response}: status, request and the registry's error
   * entries. Closes the response.
   */
  public static RegistryException failure(
      Response response,
      @Nullable String repository,
      @Nullable String reference,
      @Nullable String explanation) {
    try (response) {
      List<RegistryError> errors = List.of();
      if (!"HEAD".equals(response.request().method())) {
        try {
          errors = parseErrors(readCapped(response, MAX_ERROR_BODY, "error body"));
        } catch (IOException e) {
          // an unreadable error body: the status says enough
        }
      }
      return new RegistryException(
          response.code(),
          response.request().method(),
          redact(response.request().url()),
          repository,
          reference,
          errors,
          explanation);
    }
  }

  /**
   * The exception for a 404 {@code response}: a {@link NotFoundException} whose cause is the full
   * {@link #failure} (status, request, the registry's error entries). Closes the response.
   */
  public static NotFoundException notFound(
      Response response, @Nullable String repository, @Nullable String reference) {
    RegistryException failure = failure(response, repository, reference, "not found");
    return new NotFoundException(
        Objects.requireNonNullElse(failure.getMessage(), failure.toString()), failure);
  }

  /** A protocol violation found in {@code response} (not an HTTP error status). Closes it. */
  public static RegistryException violation(
      Response response, @Nullable String repository, @Nullable String reference, String what) {
    return violation(response, repository, reference, what, null);
  }

  /** {@link #violation(Response, String, String, String)} caused by {@code cause}. */
  public static RegistryException violation(
      Response response,
      @Nullable String repository,
      @Nullable String reference,
      String what,
      @Nullable Throwable cause) {
    response.close();
    RegistryException e =
        new RegistryException(
            0,
            response.request().method(),
            redact(response.request().url()),
            repository,
            reference,
            List.of(),
            what + " (HTTP " + response.code() + ")");
    if (cause != null) {
      e.initCause(cause);
    }
    return e;
  }

  /** Parses a spec error body; anything else gives no entries. */
  static List<RegistryError> parseErrors(byte[] body) {
    if (body.length == 0) {
      return List.of();
    }
    try {
      JsonNode root = Json.read(body);
      JsonNode errors = root.get("errors");
      if (errors == null || !errors.isArray()) {
        return List.of();
      }
      List<RegistryError> out = new ArrayList<>();
      for (JsonNode e : errors) {
        if (out.size() >= 32) {
          break;
        }
        out.add(
            new RegistryError(
                text(e.get("code")), text(e.get("message")), detail(e.get("detail"))));
      }
      return out;
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }

  private static String text(@Nullable JsonNode n) {
    return n != null && n.isTextual() ? clip(n.asText()) : "";
  }

  private static String detail(@Nullable JsonNode n) {
    return n == null || n.isNull() ? "" : clip(n.toString());
  }

  private static String clip(String s) {
    return s.length() <= 1024 ? s : s.substring(0, 1021) + "...";
  }
}
