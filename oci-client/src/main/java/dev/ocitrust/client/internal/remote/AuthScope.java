package dev.ocitrust.client.internal.remote;

import java.util.List;
import java.util.TreeSet;

/**
 * The request tag that tells {@link AuthInterceptor} which registry a request is for and which
 * token scopes it needs ({@code repository:<name>:pull}, {@code repository:<name>:pull,push}).
 * Requests to any other origin (a redirect to blob storage) are sent without credentials.
 *
 * @param registry the registry name credentials are looked up by ({@code docker.io}, {@code
 *     host:port})
 * @param origin {@code host[:port]} of the registry's API endpoint, as {@link
 *     HostPolicy#registryOf}
 * @param scopes the scopes, sorted and without duplicates
 */
public record AuthScope(String registry, String origin, List<String> scopes) {
  /** Sorts and de-duplicates the scopes. */
  public AuthScope {
    scopes = List.copyOf(new TreeSet<>(scopes));
  }

  /** Pull access to {@code repository}. */
  public AuthScope pull(String repository) {
    return with("repository:" + repository + ":pull");
  }

  /** Pull and push access to {@code repository}. */
  public AuthScope push(String repository) {
    return with("repository:" + repository + ":pull,push");
  }

  /** Delete access to {@code repository}. */
  public AuthScope delete(String repository) {
    return with("repository:" + repository + ":delete");
  }

  /** Registry-wide catalog access. */
  public AuthScope catalog() {
    return with("registry:catalog:*");
  }

  /** This scope with {@code scope} added. */
  public AuthScope with(String scope) {
    List<String> more = new java.util.ArrayList<>(scopes);
    more.add(scope);
    return new AuthScope(registry, origin, more);
  }
}
