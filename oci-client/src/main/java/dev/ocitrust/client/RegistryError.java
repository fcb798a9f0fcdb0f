package dev.ocitrust.client;

import java.util.Objects;

/**
 * One entry of the error body a registry sends with a failed request ({@code
 * {"errors":[{"code":..,"message":..,"detail":..}]}}, distribution-spec "Error Codes").
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * for (RegistryError e : exception.errors()) {
 *   if (e.code().equals("MANIFEST_UNKNOWN")) { ... }
 * }
 * }</pre>
 *
 * @param code the error code, e.g. {@code BLOB_UNKNOWN} (empty when the registry sent none)
 * @param message the registry's message (may be empty)
 * @param detail the {@code detail} value as compact JSON text (empty when absent)
 */
public record RegistryError(String code, String message, String detail) {
  /** Validates the parts (none may be null). */
  public RegistryError {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(detail, "detail");
  }

  @Override
  public String toString() {
    return code
        + (message.isEmpty() ? "" : ": " + message)
        + (detail.isEmpty() ? "" : " " + detail);
  }
}
