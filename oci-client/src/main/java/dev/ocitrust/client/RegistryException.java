package dev.ocitrust.client;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A registry answered a request with an error, or with something that breaks the distribution
 * specification. Carries the HTTP status, the request method and URL (without credentials or query
 * secrets), the repository and reference the request was about, and the error entries of the
 * registry's error body.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * try {
 *   repository.resolve("v1");
 * } catch (RegistryException e) {
 *   if (e.statusCode() == 401) { ... }       // e.errors() holds UNAUTHORIZED etc.
 * }
 * }</pre>
 */
public final class RegistryException extends OciException {
  private static final long serialVersionUID = 1L;

  private final int statusCode;
  private final String method;
  private final String url;
  private final @Nullable String repository;
  private final @Nullable String reference;
  private final List<RegistryError> errors;

  /**
   * Creates the exception.
   *
   * @param statusCode the HTTP status, or 0 when the failure was not an HTTP status
   * @param method the request method
   * @param url the request URL, already stripped of credentials
   * @param repository the repository name, or null for registry-wide requests
   * @param reference the tag or digest, or null
   * @param errors the registry's error entries (never null)
   * @param explanation what was wrong, when not just the status
   */
  public RegistryException(
      int statusCode,
      String method,
      String url,
      @Nullable String repository,
      @Nullable String reference,
      List<RegistryError> errors,
      @Nullable String explanation) {
    super(message(statusCode, method, url, repository, reference, errors, explanation));
    this.statusCode = statusCode;
    this.method = method;
    this.url = url;
    this.repository = repository;
    this.reference = reference;
    this.errors = List.copyOf(errors);
  }

  /** The HTTP status code, or 0 when the failure was not an HTTP status (e.g. a bad header). */
  public int statusCode() {
    return statusCode;
  }

  /** The request method. */
  public String method() {
    return method;
  }

  /** The request URL, without credentials. */
  public String url() {
    return url;
  }

  /** The repository the request was about, if any. */
  public Optional<String> repository() {
    return Optional.ofNullable(repository);
  }

  /** The tag or digest the request was about, if any. */
  public Optional<String> reference() {
    return Optional.ofNullable(reference);
  }

  /** The error entries of the registry's error body (empty when it sent none). */
  public List<RegistryError> errors() {
    return errors;
  }

  /** Whether one of the error entries has {@code code}. */
  public boolean hasCode(String code) {
    return errors.stream().anyMatch(e -> e.code().equals(code));
  }

  private static String message(
      int statusCode,
      String method,
      String url,
      @Nullable String repository,
      @Nullable String reference,
      List<RegistryError> errors,
      @Nullable String explanation) {
    StringBuilder b = new StringBuilder();
    b.append(method).append(' ').append(url);
    if (statusCode > 0) {
      b.append(": HTTP ").append(statusCode);
    }
    if (explanation != null) {
      b.append(": ").append(explanation);
    }
    for (RegistryError e : errors) {
      b.append("; ").append(e);
    }
    if (repository != null) {
      b.append(" (repository ").append(repository);
      if (reference != null) {
        b.append(", reference ").append(reference);
      }
      b.append(')');
    }
    return b.toString();
  }
}
