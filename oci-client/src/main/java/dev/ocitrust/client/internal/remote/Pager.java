package dev.ocitrust.client.internal.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocitrust.client.OciException;
import dev.ocitrust.client.RegistryException;
import dev.ocitrust.client.internal.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * Reads a paginated listing (tags, catalog, referrers): follows {@code Link: <url>; rel="next"}
 * only to the same origin, at most the client's page limit, and refuses a page seen before.
 *
 * <p>Stateless and thread-safe.
 */
public final class Pager {
  /** The most bytes of one listing page. */
  static final int MAX_PAGE_BYTES = 8 * 1024 * 1024;

  private static final Pattern NEXT =
      Pattern.compile("<([^>]*)>\\s*;(?:[^,]*?;)?\\s*rel=\"?next\"?", Pattern.CASE_INSENSITIVE);

  /** Receives one page. */
  @FunctionalInterface
  public interface PageHandler {
    /** Handles one page; {@code response} is open, its body already read into {@code body}. */
    void page(Response response, byte[] body) throws IOException;
  }

  private Pager() {}

  /**
   * Reads every page starting at {@code first}.
   *
   * @throws dev.ocitrust.client.NotFoundException when the first page is a 404
   */
  public static void pages(
      RemoteContext context,
      HttpUrl first,
      AuthScope auth,
      @Nullable String accept,
      PageHandler handler)
      throws IOException {
    Set<HttpUrl> seen = new HashSet<>();
    HttpUrl url = first;
    for (int page = 0; url != null; page++) {
      if (page >= context.maxPages()) {
        throw new RegistryException(
            0,
            "GET",
            Responses.redact(url),
            repo(context),
            null,
            List.of(),
            "more than " + context.maxPages() + " pages");
      }
      if (!seen.add(url)) {
        throw new RegistryException(
            0,
            "GET",
            Responses.redact(url),
            repo(context),
            null,
            List.of(),
            "pagination loops back to a page already read");
      }
      Request.Builder request = new Request.Builder().url(url).get();
      if (accept != null) {
        request.header("Accept", accept);
      }
      HttpUrl next;
      try (Response response = context.execute(request, auth)) {
        if (response.code() == 404 && page == 0) {
          throw Responses.notFound(response, repo(context), null);
        }
        if (response.code() != 200) {
          throw Responses.failure(response, repo(context), null, null);
        }
        byte[] body;
        try {
          body = Responses.readCapped(response, MAX_PAGE_BYTES, "listing page");
        } catch (OciException e) { // too long, or shorter than declared; I/O errors propagate
          throw Responses.violation(
              response,
              repo(context),
              null,
              Objects.requireNonNullElse(e.getMessage(), e.toString()),
              e);
        }
        handler.page(response, body);
        next = next(response, url, context);
      }
      url = next;
    }
  }

  /** Collects the string array {@code field} of every page. */
  public static List<String> collect(
      RemoteContext context, HttpUrl first, String field, AuthScope auth) throws IOException {
    List<String> out = new ArrayList<>();
    pages(
        context,
        first,
        auth,
        "application/json",
        (response, body) -> {
          JsonNode json;
          try {
            json = Json.read(body);
          } catch (IOException e) {
            throw Responses.violation(response, repo(context), null, "listing is not JSON", e);
          }
          JsonNode values = json.get(field);
          if (values == null || values.isNull()) {
            return;
          }
          if (!values.isArray()) {
            throw Responses.violation(response, repo(context), null, field + " is not an array");
          }
          for (JsonNode v : values) {
            if (!v.isTextual()) {
              throw Responses.violation(
                  response, repo(context), null, field + " holds a non-string");
            }
            out.add(v.asText());
          }
        });
    return out;
  }

  private static @Nullable HttpUrl next(Response response, HttpUrl current, RemoteContext context)
      throws RegistryException {
    for (String link : response.headers("Link")) {
      Matcher m = NEXT.matcher(link);
      if (m.find()) {
        HttpUrl next = current.resolve(m.group(1));
        if (next == null || !RedirectInterceptor.sameOrigin(current, next)) {
          throw Responses.violation(
              response, repo(context), null, "Link to another origin refused: " + m.group(1));
        }
        return next;
      }
    }
    return null;
  }

  private static @Nullable String repo(RemoteContext context) {
    try {
      return context.repository();
    } catch (IllegalStateException e) {
      return null;
    }
  }
}
