package dev.ocitrust.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.jspecify.annotations.Nullable;

/**
 * A registry that could not be talked to: its name does not resolve, nothing listens, it does not
 * speak TLS, its certificate is not trusted, or it requires a TLS client certificate. The message
 * names the registry and says what to check; {@link #reason()} lets a caller add its own advice;
 * the transport's exception is the cause.
 *
 * <pre>{@code
 * try {
 *   repository.resolve("v1");
 * } catch (RegistryConnectionException e) {
 *   if (e.reason() == RegistryConnectionException.Reason.NOT_TLS) { ... }
 * }
 * }</pre>
 *
 * <p>Immutable; safe to share between threads.
 */
public final class RegistryConnectionException extends OciException {
  private static final long serialVersionUID = 1L;

  /** Why the registry could not be talked to. */
  public enum Reason {
    /** Its host name does not resolve. */
    UNKNOWN_HOST,
    /** Nothing accepts connections at its address and port. */
    REFUSED,
    /** It answered HTTPS with something that is not TLS (most often: it serves plain HTTP). */
    NOT_TLS,
    /** Its TLS certificate is not trusted, or does not name it. */
    UNTRUSTED_CERTIFICATE,
    /**
     * It requires a TLS client certificate and none was sent (the client's TLS context has none).
     */
    CLIENT_CERTIFICATE_REQUIRED,
    /** It requires a TLS client certificate and did not accept the one sent. */
    CLIENT_CERTIFICATE_REJECTED,
    /**
     * The HTTP proxy it is reached through cannot be reached, refused the tunnel or the request, or
     * rejected (or asked for) proxy credentials.
     */
    PROXY
  }

  private final String host;
  private final Reason reason;

  private RegistryConnectionException(String host, Reason reason, String message, IOException c) {
    super(message, c);
    this.host = host;
    this.reason = reason;
  }

  /**
   * The exception for {@code failure} talking to {@code host} ({@code host[:port]}), or empty when
   * {@code failure} is not one of the {@link Reason}s (a timeout, a reset, an HTTP error).
   */
  public static Optional<RegistryConnectionException> of(String host, IOException failure) {
    Objects.requireNonNull(host, "host");
    Reason reason = reasonOf(failure);
    if (reason == null) {
      return Optional.empty();
    }
    return Optional.of(
        new RegistryConnectionException(host, reason, message(host, reason, failure), failure));
  }

  private static String message(String host, Reason reason, IOException failure) {
    return switch (reason) {
      case UNKNOWN_HOST -> host + ": unknown host (the name does not resolve)";
      case REFUSED -> host + ": connection refused (is the registry running there?)";
      case NOT_TLS ->
          host
              + " did not answer in TLS (HTTPS): it may serve plain HTTP ("
              + detail(failure)
              + ")";
      case UNTRUSTED_CERTIFICATE ->
          "the TLS certificate of " + host + " is not trusted: " + detail(failure);
      case CLIENT_CERTIFICATE_REQUIRED ->
          host + " requires a TLS client certificate and none was sent: " + detail(failure);
      case CLIENT_CERTIFICATE_REJECTED ->
          host
              + " did not accept the TLS client certificate (or none was sent): "
              + detail(failure);
      case PROXY -> host + ": the HTTP proxy failed: " + detail(failure);
    };
  }

  /**
   * The exception for {@code failure} talking to {@code host} through the proxy {@code proxy}
   * ({@code host:port}): the proxy is down, refused the tunnel, or wants other credentials.
   */
  public static RegistryConnectionException throughProxy(
      String host, String proxy, IOException failure) {
    Objects.requireNonNull(proxy, "proxy");
    String detail =
        failure instanceof ConnectException
            ? "the proxy refuses connections (is it running there?)"
            : detail(failure);
    return new RegistryConnectionException(
        host, Reason.PROXY, host + ": the HTTP proxy " + proxy + " failed: " + detail, failure);
  }

  /**
   * The exception for a registry at {@code host} ({@code host[:port]}) that refused the TLS
   * connection for want of an acceptable client certificate: {@code sent} says whether the client
   * sent one ({@link Reason#CLIENT_CERTIFICATE_REJECTED}) or not ({@link
   * Reason#CLIENT_CERTIFICATE_REQUIRED}); {@code failure} is the server's alert.
   */
  public static RegistryConnectionException clientCertificate(
      String host, boolean sent, IOException failure) {
    Objects.requireNonNull(host, "host");
    Reason reason = sent ? Reason.CLIENT_CERTIFICATE_REJECTED : Reason.CLIENT_CERTIFICATE_REQUIRED;
    return new RegistryConnectionException(host, reason, message(host, reason, failure), failure);
  }

  /** The registry, {@code host[:port]}. */
  public String host() {
    return host;
  }

  /** Why it could not be talked to. */
  public Reason reason() {
    return reason;
  }

  private static @Nullable Reason reasonOf(IOException failure) {
    if (failure instanceof UnknownHostException) {
      return Reason.UNKNOWN_HOST;
    }
    if (failure instanceof ConnectException) {
      return Reason.REFUSED;
    }
    if (failure instanceof SSLPeerUnverifiedException || certificateProblem(failure)) {
      return Reason.UNTRUSTED_CERTIFICATE;
    }
    String message = String.valueOf(failure.getMessage());
    if (failure instanceof SSLException && message.contains("alert: certificate_required")) {
      return Reason.CLIENT_CERTIFICATE_REQUIRED;
    }
    if (failure instanceof SSLException
        && (message.contains("alert: bad_certificate")
            || message.contains("alert: unknown_ca")
            || message.contains("alert: certificate_unknown"))) {
      return Reason.CLIENT_CERTIFICATE_REJECTED;
    }
    if (failure instanceof SSLException
        && (message.contains("nrecognized SSL message")
            || message.contains("Remote host terminated the handshake"))) {
      return Reason.NOT_TLS;
    }
    return null;
  }

  private static boolean certificateProblem(Throwable failure) {
    if (!(failure instanceof SSLException)) {
      return false;
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof CertificateException
          || t instanceof CertPathBuilderException
          || t instanceof CertPathValidatorException) {
        return true;
      }
    }
    return false;
  }

  /** The innermost message of {@code failure}, the one that says what the JDK found. */
  private static String detail(Throwable failure) {
    Throwable t = failure;
    while (t.getCause() != null && t.getCause().getMessage() != null) {
      t = t.getCause();
    }
    return String.valueOf(t.getMessage());
  }
}
