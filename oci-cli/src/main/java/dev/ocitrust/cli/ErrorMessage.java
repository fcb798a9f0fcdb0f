package dev.ocitrust.cli;

import dev.ocitrust.client.Credential;
import dev.ocitrust.client.RegistryConnectionException;
import dev.ocitrust.client.RegistryException;
import dev.ocitrust.client.RegistryTimeoutException;
import java.net.URI;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The one line on standard error for a failed command: the message of the failure and of its
 * causes, each once, without Jackson's source-location lines, with what to do where the command
 * line has the answer ({@code --plain-http}, {@code --ca-file}, {@code ocitrust login}).
 */
final class ErrorMessage {
  /** Jackson's location suffix, " at [Source: ...; line: L, column: C]", on its own line. */
  private static final Pattern JACKSON_SOURCE = Pattern.compile("\\s*\\R\\s*at \\[Source: .*$");

  private ErrorMessage() {}

  /** The line for {@code e}; {@code lookups} are the run's credentials, when it made any. */
  static String of(Throwable e, Optional<CredentialLookups> lookups) {
    String advice = advice(e, lookups);
    if (advice != null) {
      return advice;
    }
    return describe(e) + hint(e);
  }

  /**
   * The message of {@code e} and of its causes, for one line on standard error; one without a
   * message is named by its type ({@link Throwable#toString()}).
   */
  static String describe(Throwable e) {
    StringBuilder sb = new StringBuilder(messageOf(e));
    // a RegistryConnectionException's or RegistryTimeoutException's message says what its
    // transport cause found
    for (Throwable t = e;
        !(t instanceof RegistryConnectionException || t instanceof RegistryTimeoutException); ) {
      Throwable cause = t.getCause();
      if (cause == null) {
        break;
      }
      String message = messageOf(cause);
      if (!sb.toString().contains(message)) {
        sb.append(": ").append(message);
      }
      t = cause;
    }
    return sb.toString();
  }

  private static String messageOf(Throwable e) {
    String m = e.getMessage() != null ? e.getMessage() : e.toString();
    return JACKSON_SOURCE.matcher(m).replaceAll("").replaceAll("\\s*\\R\\s*", " ");
  }

  /** What to do about a registry that could not be talked to, in this command line's terms. */
  private static String hint(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RegistryConnectionException c) {
        return switch (c.reason()) {
          case NOT_TLS -> "; if it serves plain HTTP, pass --plain-http";
          case UNTRUSTED_CERTIFICATE ->
              "; pass --ca-file FILE with the certificate authority of "
                  + c.host()
                  + " (or, insecurely, --insecure)";
          case CLIENT_CERTIFICATE_REQUIRED, CLIENT_CERTIFICATE_REJECTED ->
              "; pass --cert-file FILE and --key-file FILE with a client certificate issued by a"
                  + " certificate authority "
                  + c.host()
                  + " accepts (TLS does not send one it would not accept)";
          case UNKNOWN_HOST -> "; check the registry name";
          case REFUSED -> "";
          case PROXY ->
              "; check HTTPS_PROXY, HTTP_PROXY and NO_PROXY (proxy credentials go in the URL)";
        };
      }
    }
    return "";
  }

  /**
   * A 401 the command did not explain itself: no credentials were found for the registry, or it
   * refused those it was given.
   */
  private static @Nullable String advice(Throwable e, Optional<CredentialLookups> lookups) {
    if (!(e instanceof RegistryException r) || r.statusCode() != 401 || lookups.isEmpty()) {
      return null;
    }
    String host = hostOf(r.url());
    Optional<Optional<Credential>> looked = lookups.get().lookup(host);
    if (looked.isEmpty()) {
      return null;
    }
    String source = lookups.get().source();
    String exchange = r.method() + " " + r.url() + " answered 401";
    Optional<Credential> c = looked.get();
    if (c.isEmpty()) {
      return "no credentials for "
          + host
          + " in "
          + source
          + ": run 'ocitrust login "
          + host
          + "' or pass --username and --password-stdin ("
          + exchange
          + ")";
    }
    return host
        + " rejected the credentials"
        + c.get().username().map(u -> " of " + u).orElse("")
        + " from "
        + source
        + " ("
        + exchange
        + "): check them, or run 'ocitrust login "
        + host
        + "' again";
  }

  /** {@code host[:port]} of {@code url}, as registries are named. */
  static String hostOf(String url) {
    try {
      URI uri = URI.create(url);
      String host = uri.getHost();
      if (host == null) {
        return url;
      }
      return uri.getPort() < 0 ? host : host + ":" + uri.getPort();
    } catch (IllegalArgumentException e) {
      return url;
    }
  }
}
