package dev.ocitrust.policy;

import dev.ocitrust.cose.CoseException;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A notation plugin failed: it could not be found or run, it ran past its deadline or its output
 * cap, it answered something that is not the protocol's JSON, or it answered with an error response
 * ({@link #errorCode()}: {@code VALIDATION_ERROR}, {@code UNSUPPORTED_CONTRACT_VERSION}, {@code
 * ACCESS_DENIED}, {@code TIMEOUT}, {@code THROTTLED} or {@code ERROR}). The message names the
 * plugin and the command.
 *
 * <p>A subtype of {@link CoseException} because plugins sign through {@link
 * dev.ocitrust.cose.ExternalSigner}, whose calls throw it.
 *
 * <p>Instances are immutable once thrown and may be shared between threads.
 *
 * <pre>{@code
 * try {
 *   envelopes.sign(target);
 * } catch (PluginException e) {
 *   if (e.retryable()) { ... }   // TIMEOUT or THROTTLED from the plugin
 * }
 * }</pre>
 */
public class PluginException extends CoseException {
  private static final long serialVersionUID = 1L;

  /** Error code of a plugin that timed out itself; the call may be retried. */
  public static final String TIMEOUT = "TIMEOUT";

  /** Error code of a plugin that was throttled; the call may be retried. */
  public static final String THROTTLED = "THROTTLED";

  private final String plugin;
  private final String command;
  private final @Nullable String errorCode;
  private final Map<String, String> errorMetadata;

  /** A failure of {@code plugin} running {@code command} with no error response. */
  public PluginException(String plugin, String command, String message, @Nullable Throwable cause) {
    this(plugin, command, message, null, Map.of(), cause);
  }

  /** A failure of {@code plugin} with its error response's code and metadata. */
  public PluginException(
      String plugin,
      String command,
      String message,
      @Nullable String errorCode,
      Map<String, String> errorMetadata,
      @Nullable Throwable cause) {
    super(
        "notation plugin "
            + plugin
            + " ("
            + command
            + "): "
            + (errorCode != null ? errorCode + ": " : "")
            + message);
    if (cause != null) {
      initCause(cause);
    }
    this.plugin = plugin;
    this.command = command;
    this.errorCode = errorCode;
    this.errorMetadata = Map.copyOf(errorMetadata);
  }

  /** The plugin's name. */
  public String plugin() {
    return plugin;
  }

  /** The command that failed, e.g. {@code generate-signature}. */
  public String command() {
    return command;
  }

  /** The {@code errorCode} of the plugin's error response, if it sent one. */
  public Optional<String> errorCode() {
    return Optional.ofNullable(errorCode);
  }

  /** The {@code errorMetadata} of the plugin's error response (empty if none). */
  public Map<String, String> errorMetadata() {
    return errorMetadata;
  }

  /** Whether the plugin said the call may be retried ({@link #TIMEOUT} or {@link #THROTTLED}). */
  public boolean retryable() {
    return TIMEOUT.equals(errorCode) || THROTTLED.equals(errorCode);
  }
}
