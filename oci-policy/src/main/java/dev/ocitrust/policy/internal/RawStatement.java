package dev.ocitrust.policy.internal;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One trust-policy statement as written (strings, unvalidated), from JSON or from a builder.
 *
 * @param position 1-based position in the document (0 if built in code)
 * @param name the name, or null if absent
 * @param registryScopes the OCI scopes, or null if absent (always null for blob statements)
 * @param hasSignatureVerification whether the {@code "signatureVerification"} object is present
 * @param level the level, or null if absent
 * @param override the override map as written (insertion order), possibly empty
 * @param verifyTimestamp the verifyTimestamp value, or null if absent
 * @param trustStores the trust stores, empty if absent
 * @param trustedIdentities the identities, empty if absent
 * @param globalPolicy the blob {@code globalPolicy} flag, or null if absent
 */
public record RawStatement(
    int position,
    @Nullable String name,
    @Nullable List<String> registryScopes,
    boolean hasSignatureVerification,
    @Nullable String level,
    Map<String, String> override,
    @Nullable String verifyTimestamp,
    List<String> trustStores,
    List<String> trustedIdentities,
    @Nullable Boolean globalPolicy) {

  /** A label for messages: the quoted name, or the position when there is no usable name. */
  public String label() {
    return name != null && !name.isEmpty() ? "\"" + name + "\"" : "#" + position;
  }
}
