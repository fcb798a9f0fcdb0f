package dev.ocitrust.client;

/**
 * A registry configuration ({@code registries.conf}) that cannot be used: not TOML, a version 1
 * file, an unknown or mistyped key, a missing or invalid location. The message names the file and
 * the entry.
 *
 * <p>Immutable; safe to share between threads.
 *
 * <pre>{@code
 * try {
 *   RegistryHosts hosts = RegistryHosts.load(Path.of("registries.conf"));
 * } catch (InvalidRegistriesConfException e) {
 *   System.err.println(e.getMessage());
 * }
 * }</pre>
 */
public final class InvalidRegistriesConfException extends OciException {
  private static final long serialVersionUID = 1L;

  /** With {@code message}, which names the file and the entry. */
  public InvalidRegistriesConfException(String message) {
    super(message);
  }

  /** With {@code message} and the parser's {@code cause}. */
  public InvalidRegistriesConfException(String message, Throwable cause) {
    super(message, cause);
  }
}
