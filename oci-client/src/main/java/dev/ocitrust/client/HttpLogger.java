package dev.ocitrust.client;

/**
 * Hears the HTTP exchanges of a {@link RegistryClient}, token requests included: for each request
 * one line naming method and URL, then its headers, then a line with the status and time, then the
 * response headers, each header on its own line. Bodies are never shown.
 *
 * <p>Security: what reaches a logger is already redacted. {@code Authorization}, {@code
 * Proxy-Authorization}, {@code Cookie} and {@code Set-Cookie} show their scheme only ({@code Bearer
 * <redacted>}); URLs, in the request line and in {@code Location} and {@code Link} headers, lose
 * their user info and every query value that could be a secret (upload state, tokens), as in the
 * client's DEBUG log.
 *
 * <p>Called from the threads that run requests, so implementations are thread-safe; an exception
 * thrown by a logger propagates to the request that was being logged.
 *
 * <pre>{@code
 * RegistryClient client = RegistryClient.builder()
 *     .httpLogger(line -> System.err.println("http: " + line))
 *     .build();
 * }</pre>
 */
@FunctionalInterface
public interface HttpLogger {
  /** Receives one redacted line. */
  void log(String line);
}
